/**
 * The dashboard pages' server data loads, by name: the same steps as `loadDashboardPage`
 * (scope from the URL, the "matches nothing" count, the page's loader) on a connection we pass.
 * A new page is one line here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from '../db/sql';
import { buildFilter } from '../metrics/filters';
import { readDashboardScope, type DashboardScope } from '../dashboard/filters';
import { loadOverview } from '../dashboard/overview';
import { loadCost, loadCoverage, loadResponsiveness, loadWorkload } from '../dashboard/pages';

export interface BenchPage {
	name: string;
	/** the page's query string; `{first}` and `{end}` become the dataset's first day and the day after its last */
	search: string;
	load: (connection: DuckDBConnection, scope: DashboardScope) => Promise<unknown>;
}

export const BENCH_PAGES: BenchPage[] = [
	{ name: 'overview', search: '', load: loadOverview },
	{ name: 'overview, all data', search: 'from={first}&to={end}', load: loadOverview },
	{ name: 'overview, email only', search: 'channel=email', load: loadOverview },
	{ name: 'responsiveness', search: '', load: (c, s) => loadResponsiveness(c, s, 'calendar') },
	{ name: 'responsiveness, business clock', search: 'clock=business', load: (c, s) => loadResponsiveness(c, s, 'business') },
	{ name: 'workload', search: '', load: loadWorkload },
	{ name: 'workload, all data', search: 'from={first}&to={end}', load: loadWorkload },
	{ name: 'coverage', search: '', load: loadCoverage },
	{ name: 'cost', search: '', load: loadCost }
];

/** The URL path of each page, for the load test. */
export const PAGE_PATHS = ['/', '/responsiveness', '/workload', '/coverage', '/cost'];

export interface DatasetDays {
	first: string;
	end: string;
}

/** The query string of a page with the dataset's days filled in. */
export function pageSearch(page: BenchPage, days: DatasetDays): string {
	return page.search.replace('{first}', days.first).replace('{end}', days.end);
}

/** One page's data load, as its route would run it. */
export async function loadPage(connection: DuckDBConnection, page: BenchPage, days: DatasetDays): Promise<void> {
	const scope = await readDashboardScope(connection, new URL(`http://bench.local/?${pageSearch(page, days)}`));
	if (!scope) throw new Error(`No dataset is loaded, so the page "${page.name}" has nothing to show.`);
	const filter = buildFilter(scope.datasetId, scope.query);
	await queryOne(connection, `SELECT count(*) AS n FROM conversation_facts WHERE ${filter.where}`, filter.params);
	await page.load(connection, scope);
}
