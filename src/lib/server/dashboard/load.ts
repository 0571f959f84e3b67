import type { DuckDBConnection } from '@duckdb/node-api';
import { getDatabase } from '../open';
import { queryOne, sql } from '../db/sql';
import { isUserError } from '../errors';
import { buildFilter } from '../metrics/filters';
import { cachedResult } from '../metrics/cache';
import { readDashboardScope, type DashboardScope } from './filters';
import type { DashboardFilters, FilterOptions } from '../../dashboardFilters';

/** What every analytics page's load returns: its data when ready, else why not (each page draws the state). */
export type DashboardPage<T> =
	({ state: 'ready' } & PageFrame & T) | ({ state: 'nomatch' } & PageFrame) | { state: 'empty' } | { state: 'error'; message: string };

/** The filter bar and the settings every page shows. */
export interface PageFrame {
	filters: DashboardFilters;
	options: FilterOptions;
	timezone: string;
	currency: string;
	/** DashboardScope's: the import's derive still runs */
	deriving: boolean;
}

/** Whether any conversation passes the filters ("the filters match nothing" is drawn as its own state); stops at the first. */
async function anyConversationMatches(connection: DuckDBConnection, scope: DashboardScope): Promise<boolean> {
	const filter = buildFilter(scope.datasetId, scope.query);
	const row = await queryOne<{ found: number }>(connection, sql`SELECT 1 AS found FROM conversation_facts WHERE ${filter.where} LIMIT 1`);
	return row !== undefined;
}

async function computePage<T extends object>(
	connection: DuckDBConnection,
	url: URL,
	loadPage: (connection: DuckDBConnection, scope: DashboardScope) => Promise<T>
): Promise<DashboardPage<T>> {
	try {
		const scope = await readDashboardScope(connection, url);
		if (!scope) return { state: 'empty' };
		const frame: PageFrame = {
			filters: scope.filters,
			options: scope.options,
			timezone: scope.timezone,
			currency: scope.settings.currency,
			deriving: scope.deriving
		};
		if (!(await anyConversationMatches(connection, scope))) return { state: 'nomatch', ...frame };
		return { state: 'ready', ...frame, ...(await loadPage(connection, scope)) };
	} catch (error) {
		if (isUserError(error)) return { state: 'error', message: error.message };
		throw error;
	}
}

/**
 * Runs a page's queries on a connection of its own for the scope in the URL; a UserError (a bad
 * filter, an unknown dataset) becomes the page's error state with its sentence, anything else is a 500.
 * The whole page is kept per dataset version, settings and query string (metrics/cache.ts), so a page
 * asked again answers without touching the tables. The caller has already checked the capability.
 */
export async function loadDashboardPage<T extends object>(
	url: URL,
	loadPage: (connection: DuckDBConnection, scope: DashboardScope) => Promise<T>
): Promise<DashboardPage<T>> {
	const db = await getDatabase();
	const connection = await db.connect();
	try {
		return await dashboardPageData(connection, url, loadPage);
	} finally {
		connection.closeSync();
	}
}

/** A page's data on a given connection (the route's load and the bench both come here). */
export function dashboardPageData<T extends object>(
	connection: DuckDBConnection,
	url: URL,
	loadPage: (connection: DuckDBConnection, scope: DashboardScope) => Promise<T>
): Promise<DashboardPage<T>> {
	const params = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
	const key = { dataset: url.searchParams.get('dataset') ?? undefined, params };
	return cachedResult(connection, `page:${url.pathname}`, key, () => computePage(connection, url, loadPage));
}

/** The bucket size for a range: fine enough to show the day's shape, coarse enough to stay under a few thousand points. */
export function intervalFor(filters: DashboardFilters): '15m' | '1h' | '1d' {
	const days = (Date.parse(`${filters.to}T00:00:00Z`) - Date.parse(`${filters.from}T00:00:00Z`)) / 86_400_000;
	if (days <= 3) return '15m';
	if (days <= 45) return '1h';
	return '1d';
}
