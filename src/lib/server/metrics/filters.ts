import type { DuckDBConnection } from '@duckdb/node-api';
import { CHANNELS } from '../../settings/defaults';
import { joinSql, queryOne, raw, sql, valuesSql, type Sql } from '../db/sql';
import { UserError } from '../errors';
import { printable, YEARS } from '../../bounds';

export type GroupBy = 'mode' | 'channel' | 'queue';

/** The filters every metric and series accepts (metrics.md "Notation"). */
export interface MetricsQuery {
	/** dataset name; default the one marked as default, else the largest */
	dataset?: string;
	/** `created_at >= from` (ISO date or timestamp; without an offset read as UTC) */
	from?: string;
	/** `created_at < to` */
	to?: string;
	channels?: string[];
	queues?: string[];
	agents?: string[];
	by?: GroupBy;
}

export interface ResolvedDataset {
	datasetId: number;
	name: string;
	maxEventAt: Date | null;
	/** the first and last created_at (null while the dataset has no conversations) */
	minCreatedAt: Date | null;
	maxCreatedAt: Date | null;
}

/** A WHERE clause over `conversation_facts` with every value bound. */
export interface FilterSql {
	where: Sql;
	from: Date | null;
	to: Date | null;
	/** a channel, queue or agent filter is given (the date bounds aside) */
	narrowed: boolean;
}

/**
 * The order the default dataset is picked in: the one marked as default on the Data page, else the largest (rows loaded),
 * the newer on a tie. Over `datasets d`; the metrics cache versions results by the same pick.
 */
/** SQL: whether the dataset `datasets` alias `d` names has its derive still to run or running (an import's, or one a killed process left). */
export const DERIVING_SQL = 'EXISTS (SELECT 1 FROM derive_pending p WHERE p.dataset_id = d.dataset_id)';

export const DEFAULT_DATASET_ORDER =
	'ORDER BY (d.name IS NOT DISTINCT FROM (SELECT max(name) FROM default_dataset)) DESC, d.rows_loaded DESC, d.dataset_id DESC';

/** The named dataset, or without a name the default one (DEFAULT_DATASET_ORDER); null when there is no such dataset. */
export async function findDataset(connection: DuckDBConnection, name?: string | null): Promise<ResolvedDataset | null> {
	const columns = 'dataset_id, name, max_event_at, min_created_at, max_created_at';
	const named = name !== undefined && name !== null && name !== '';
	const row = await queryOne<{ dataset_id: number; name: string; max_event_at: Date | null; min_created_at: Date | null; max_created_at: Date | null }>(
		connection,
		named ? `SELECT ${columns} FROM datasets d WHERE name = ?` : `SELECT ${columns} FROM datasets d ${DEFAULT_DATASET_ORDER} LIMIT 1`,
		named ? [name] : []
	);
	if (!row) return null;
	return { datasetId: row.dataset_id, name: row.name, maxEventAt: row.max_event_at, minCreatedAt: row.min_created_at, maxCreatedAt: row.max_created_at };
}

/** The named dataset, or the default one; refuses with a sentence when there is none. */
export async function resolveDataset(connection: DuckDBConnection, name?: string): Promise<ResolvedDataset> {
	const dataset = await findDataset(connection, name);
	if (!dataset) {
		throw new UserError(
			name === undefined
				? 'No dataset is loaded yet; load one with "ingest FILE" first.'
				: `There is no dataset "${printable(name)}"; run "datasets" to list them.`
		);
	}
	return dataset;
}

/** Reads a filter date: "2026-08-01" or an ISO timestamp; without an offset it is UTC. Years outside YEARS are refused. */
export function parseFilterDate(value: string, what: string): Date {
	const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
	const date = new Date(text);
	if (Number.isNaN(date.getTime())) throw new UserError(`--${what} "${printable(value)}" is not a date; use YYYY-MM-DD or an ISO 8601 timestamp.`);
	const year = date.getUTCFullYear();
	if (year < YEARS.min || year > YEARS.max)
		throw new UserError(`--${what} ${printable(value)} is outside the years ${YEARS.min} to ${YEARS.max} this app reads.`);
	return date;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The query with its range cut to the days the dataset has conversations in, so a request costs what the data covers,
 * not what the range spans (a range of centuries would sample backlog every hour of them). A range that misses the data
 * is refused with the days it has.
 */
export function withinDataset<Q extends MetricsQuery>(query: Q, dataset: ResolvedDataset): Q {
	const last = dataset.maxEventAt ?? dataset.maxCreatedAt;
	if (!dataset.minCreatedAt || !last || (!query.from && !query.to)) return query;
	// to the day after the last event: concurrency and backlog go on after the last arrival
	const start = Math.floor(dataset.minCreatedAt.getTime() / DAY_MS) * DAY_MS;
	const end = Math.floor(last.getTime() / DAY_MS) * DAY_MS + DAY_MS;
	const from = query.from ? parseFilterDate(query.from, 'from').getTime() : null;
	const to = query.to ? parseFilterDate(query.to, 'to').getTime() : null;
	if ((from !== null && from >= end) || (to !== null && to <= start)) {
		throw new UserError(
			`Dataset "${dataset.name}" has conversations from ${isoDay(start)} to ${isoDay(end - DAY_MS)}; the range asked for lies outside those days.`
		);
	}
	return {
		...query,
		from: from !== null && from < start ? new Date(start).toISOString() : query.from,
		to: to !== null && to > end ? new Date(end).toISOString() : query.to
	};
}

/** `column IN (?, ...)` for a non-empty list of values, else nothing. */
const inList = (column: string, values: string[] | undefined): Sql[] => (values?.length ? [sql`${raw(column)} IN (${valuesSql(values)})`] : []);

/** The filters as SQL with bound values; refuses unknown channels and an empty date range. */
export function buildFilter(datasetId: number, query: MetricsQuery): FilterSql {
	const from = query.from ? parseFilterDate(query.from, 'from') : null;
	const to = query.to ? parseFilterDate(query.to, 'to') : null;
	if (from && to && from >= to) throw new UserError(`--from ${query.from} is not before --to ${query.to}; give a range that is at least one hour long.`);
	for (const channel of query.channels ?? []) {
		if (!(CHANNELS as readonly string[]).includes(channel)) throw new UserError(`"${channel}" is not a channel; use ${CHANNELS.join(', ')}.`);
	}
	const where = joinSql(
		[
			sql`dataset_id = ${datasetId}`,
			...(from ? [sql`created_at >= ${from}::TIMESTAMP`] : []),
			...(to ? [sql`created_at < ${to}::TIMESTAMP`] : []),
			...inList('channel', query.channels),
			...inList('queue', query.queues),
			...inList('agent_id', query.agents)
		],
		' AND '
	);
	const narrowed = Boolean(query.channels?.length || query.queues?.length || query.agents?.length);
	return { where, from, to, narrowed };
}

/** The fields of a query that choose its conversations, in a fixed order: the start of the cache key of a result kept per selection. */
export function selectionKey(query: MetricsQuery): Pick<MetricsQuery, 'dataset' | 'from' | 'to' | 'channels' | 'queues' | 'agents'> {
	const { dataset, from, to, channels, queues, agents } = query;
	return { dataset, from, to, channels, queues, agents };
}

/** The SQL of a group key; a missing queue is the group "(none)". */
export function groupKeySql(by: GroupBy | undefined): string {
	if (by === 'channel') return 'channel';
	if (by === 'queue') return "coalesce(queue, '(none)')";
	return 'mode';
}

/** Which of two adjacent periods a conversation falls in: 0 before the later one's start, 1 from it. */
export const periodSql = (laterFrom: Date | null): Sql => sql`(created_at >= ${laterFrom}::TIMESTAMP)::INTEGER`;
