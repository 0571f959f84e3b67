import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/sql';
import { UserError } from '../errors';
import { cachedResult } from '../metrics/cache';
import type { MetricsQuery } from '../metrics/index';
import { findDataset, type ResolvedDataset } from '../metrics/filters';
import { stillDeriving } from '../metrics/whole';
import { readSettings } from '../settings/store';
import type { Settings } from '../../settings/defaults';
import { addDays, DEFAULT_PRESET, endOfUrlTo, presetOf, presetRange, type DashboardFilters, type FilterOptions } from '../../dashboardFilters';
import { dayProblem, printable, YEARS } from '../../bounds';

/** The filter bar's state read from the URL, the metrics query it means, and what the bar offers. */
export interface DashboardScope {
	filters: DashboardFilters;
	options: FilterOptions;
	query: MetricsQuery;
	datasetId: number;
	timezone: string;
	settings: Settings;
	/** the dataset's import committed its rows but its derive still runs: agent time, cost and per-agent concurrency follow */
	deriving: boolean;
}

/** the agent list is for picking, not browsing: the most active first */
const AGENT_LIMIT = 500;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The dataset in the URL, or the default one (findDataset, shared with the CLI and API); null when none is loaded. */
async function chosenDataset(connection: DuckDBConnection, name: string | null): Promise<ResolvedDataset | null> {
	const dataset = await findDataset(connection, name);
	if (!dataset && name) throw new UserError(`There is no dataset "${printable(name)}"; pick one from the list or load it on the Data page.`);
	return dataset;
}

/**
 * Distinct channels, queues and agents of a dataset (agents by volume, capped), kept per dataset version. Channels and
 * queues come from the hourly rollup, where every conversation counts once under its channel and queue; agents need a scan.
 */
async function choices(connection: DuckDBConnection, datasetId: number): Promise<Pick<FilterOptions, 'channels' | 'queues' | 'agents'>> {
	// while the import's derive runs the rollup is not written yet: the same values from the conversations
	const table = (await stillDeriving(connection, datasetId)) ? 'conversations' : 'hourly_rollup';
	const distinct = async (column: 'channel' | 'queue') =>
		(
			await queryRows<{ v: string }>(
				connection,
				`SELECT DISTINCT ${column}::VARCHAR AS v FROM ${table} WHERE dataset_id = ? AND ${column} IS NOT NULL ORDER BY v`,
				[datasetId]
			)
		).map((r) => r.v);
	// grouped by the agent's dense number (one per agent_id in a dataset): an integer key groups ~2x faster than the name
	const agents = await queryRows<{ v: string }>(
		connection,
		`SELECT v FROM (SELECT any_value(agent_id) AS v, count(*) AS n FROM conversation_facts WHERE dataset_id = ? AND agent_no IS NOT NULL GROUP BY agent_no)
		ORDER BY n DESC, v LIMIT ?`,
		[datasetId, AGENT_LIMIT]
	);
	return {
		channels: await distinct('channel'),
		queues: await distinct('queue'),
		agents: agents.map((r) => r.v).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
	};
}

/** Checks a URL day ("2026-09-01"); a wrong one is a sentence, not a 500. */
function urlDay(value: string | null, what: string): string | null {
	if (value === null || value === '') return null;
	const problem = dayProblem(value, `${what} date in the address`);
	if (problem) throw new UserError(`${problem} Pick a range in the filter bar.`);
	return value;
}

/**
 * The range cut to the dataset's days, so a page costs what the data covers (a century of empty hours is not
 * computed). A range wholly outside them stays as it is: it matches nothing, and the page says so without computing.
 */
function clampToData(from: string, to: string, firstDay: string, lastEventDay: string): { from: string; to: string } {
	// to the day after the last event: concurrency and backlog go on after the last arrival
	const end = addDays(lastEventDay, 1);
	if (from >= end || to <= firstDay) return { from, to };
	return { from: from < firstDay ? firstDay : from, to: to > end ? end : to };
}

/**
 * Reads `?dataset&from&to&channel&queue&agent` (`to` inclusive); without a range it is the last 30 days of the dataset.
 * Returns null when no dataset is loaded (the page shows its empty state).
 */
export async function readDashboardScope(connection: DuckDBConnection, url: URL): Promise<DashboardScope | null> {
	const params = url.searchParams;
	const dataset = await chosenDataset(connection, params.get('dataset'));
	if (!dataset || !dataset.minCreatedAt || !dataset.maxCreatedAt) return null;
	const firstDay = day(dataset.minCreatedAt);
	const lastDay = day(dataset.maxCreatedAt);
	let from = urlDay(params.get('from'), 'from');
	// the URL's `to` is the last day included (as the To box shows it); the filters hold the exclusive end
	const lastIncluded = urlDay(params.get('to'), 'to');
	// the end after the last readable day would be a year the filter refuses: a range to it ends with that day's start
	let to = lastIncluded === null ? null : lastIncluded === `${YEARS.max}-12-31` ? lastIncluded : endOfUrlTo(lastIncluded);
	const fallback = presetRange(DEFAULT_PRESET, firstDay, lastDay);
	from ??= to && to <= fallback.from ? firstDay : fallback.from;
	to ??= fallback.to;
	if (from >= to) throw new UserError(`The range starts on ${from} but ends on ${lastIncluded} before it; pick a start on or before the end.`);
	const lastEventDay = dataset.maxEventAt && day(dataset.maxEventAt) > lastDay ? day(dataset.maxEventAt) : lastDay;
	({ from, to } = clampToData(from, to, firstDay, lastEventDay));
	const filters: DashboardFilters = {
		dataset: dataset.name,
		from,
		to,
		channels: params.getAll('channel').filter(Boolean),
		queues: params.getAll('queue').filter(Boolean),
		agents: params.getAll('agent').filter(Boolean),
		preset: presetOf(from, to, firstDay, lastDay)
	};
	const datasets = (await queryRows<{ name: string }>(connection, 'SELECT name FROM datasets ORDER BY loaded_at DESC, dataset_id DESC')).map((r) => r.name);
	const settings = await readSettings(connection);
	return {
		filters,
		options: {
			datasets,
			defaultDataset: params.get('dataset') ? ((await findDataset(connection))?.name ?? dataset.name) : dataset.name,
			firstDay,
			lastDay,
			...(await cachedResult(connection, 'filter-choices', { dataset: dataset.name }, () => choices(connection, dataset.datasetId)))
		},
		query: toMetricsQuery(filters),
		datasetId: dataset.datasetId,
		timezone: settings.timezone,
		settings,
		deriving: await stillDeriving(connection, dataset.datasetId)
	};
}

/** The metrics query of the filters (what computeMetrics / computeSeries / computeCoverage take). */
export function toMetricsQuery(filters: DashboardFilters): MetricsQuery {
	return {
		dataset: filters.dataset,
		from: filters.from,
		to: filters.to,
		channels: filters.channels.length ? filters.channels : undefined,
		queues: filters.queues.length ? filters.queues : undefined,
		agents: filters.agents.length ? filters.agents : undefined
	};
}

/** The equal-length period just before [from, to): the base of every delta. */
export function previousPeriod(filters: DashboardFilters): DashboardFilters {
	const length = Date.parse(`${filters.to}T00:00:00Z`) - Date.parse(`${filters.from}T00:00:00Z`);
	const from = new Date(Date.parse(`${filters.from}T00:00:00Z`) - length).toISOString().slice(0, 10);
	return { ...filters, from, to: filters.from, preset: 'custom' };
}
