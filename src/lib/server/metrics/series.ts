import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, raw, sql } from '../db/sql';
import { UserError } from '../errors';
import { readSettings } from '../settings/store';
import { backlogSamplesSql, hourlyBacklogSamples, type BacklogSample } from './backlog';
import { buildFilter, groupKeySql, resolveDataset, withinDataset, type FilterSql, type ResolvedDataset } from './filters';
import { printable } from '../../bounds';
import { coversDataset, rollupBacklogSamplesSql, ROLLUP_STEPS } from './whole';
import { bucketConcurrency, shortRange } from './pieces';
import { seriesConcurrencyPieces } from './concurrency';
import { createdBucketSeries, isCreatedBucketMetric } from './created';
import { INTERVAL_MS, SERIES_INTERVALS, type SeriesInterval } from './buckets';
import type { SeriesPoint, SeriesQuery } from './seriesShape';

export type { SeriesPoint, SeriesQuery } from './seriesShape';

export { SERIES_INTERVALS, type SeriesInterval } from './buckets';

export const SERIES_METRICS = ['arrivals', 'backlog', 'concurrency', 'sla', 'frt_p50', 'frt_p90', 'heatmap'] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

/** One heatmap cell: local weekday (0 = Monday) and hour, arrivals. */
export interface HeatmapCell {
	weekday: number;
	hour: number;
	value: number;
}

export interface SeriesResult {
	dataset: string;
	metric: SeriesMetric;
	interval: SeriesInterval;
	timezone: string;
	series: { key: string; points: SeriesPoint[]; cells?: HeatmapCell[] }[];
}

/** A backlog series whose samples are all hourly samples `metrics` keeps: a short range, both ends on its grid. */
function sampledFromHourly(filter: FilterSql, interval: SeriesInterval): boolean {
	const width = INTERVAL_MS[interval];
	return (
		(interval === '1h' || interval === '1d') &&
		shortRange(filter) &&
		filter.from !== null &&
		filter.to !== null &&
		filter.from.getTime() % width === 0 &&
		filter.to.getTime() % width === 0
	);
}

/** The samples of a backlog series on the `interval` grid, picked from the hourly ones (the open count at t is the same sample). */
function backlogFromHourly(samples: BacklogSample[], interval: SeriesInterval): SeriesResult['series'] {
	const width = INTERVAL_MS[interval];
	const keys = [...new Set(samples.map((s) => s.key))];
	return keys.map((key) => ({
		key,
		points: samples.filter((s) => s.key === key && s.t % width === 0).map((s) => ({ t: new Date(s.t).toISOString(), value: s.level }))
	}));
}

/** Each group's bucket range: the filter's [from, to), else [bucket of its first created_at, bucket after its last). */
async function bucketRanges(connection: DuckDBConnection, filter: FilterSql, keySql: string, step: string): Promise<{ key: string; lo: number; hi: number }[]> {
	const rows = await queryRows<{ key: string; lo: Date; hi: Date }>(
		connection,
		sql`SELECT ${raw(keySql)} AS key,
			coalesce(time_bucket(${raw(step)}, ${filter.from}::TIMESTAMP), time_bucket(${raw(step)}, min(created_at))) AS lo,
			coalesce(${filter.to}::TIMESTAMP, time_bucket(${raw(step)}, max(created_at)) + ${raw(step)}) AS hi
		FROM conversation_facts WHERE ${filter.where} GROUP BY ALL ORDER BY key`
	);
	return rows.map((r) => ({ key: r.key, lo: r.lo.getTime(), hi: r.hi.getTime() }));
}

/** A series request resolved: its dataset, filter SQL, group key and bucket width. */
interface SeriesRequest {
	connection: DuckDBConnection;
	dataset: ResolvedDataset;
	query: SeriesQuery;
	filter: FilterSql;
	keySql: string;
	interval: SeriesInterval;
}

/** Concurrency per bucket from the pieces concurrency.ts picks (stored for the whole dataset, else a sweep shared with `metrics`). */
async function concurrencySeries({ connection, dataset, query, filter, keySql, interval }: SeriesRequest): Promise<SeriesResult['series']> {
	const ranges = await bucketRanges(connection, filter, keySql, SERIES_INTERVALS[interval]);
	const whole = await coversDataset(connection, dataset.datasetId, filter);
	const pieces = await seriesConcurrencyPieces(connection, { dataset, query, filter, keySql, whole }, interval);
	return bucketConcurrency(pieces, interval, ranges);
}

/**
 * The open count at each bucket start: the whole dataset's from the hourly rollup ingest derived, a short range's
 * from the hourly samples `metrics` keeps, anything else from its own deltas and running sum.
 */
async function backlogSeries({ connection, dataset, query, filter, keySql, interval }: SeriesRequest): Promise<SeriesResult['series']> {
	const step = SERIES_INTERVALS[interval];
	const whole = await coversDataset(connection, dataset.datasetId, filter);
	if (!whole && sampledFromHourly(filter, interval)) {
		return backlogFromHourly(await hourlyBacklogSamples(connection, { ...query, dataset: dataset.name }, filter, keySql), interval);
	}
	const samples =
		whole && ROLLUP_STEPS.includes(step) ? rollupBacklogSamplesSql(dataset.datasetId, filter, keySql, step) : backlogSamplesSql(filter, keySql, step);
	const rows = await queryRows<{ key: string; t: Date; level: number }>(connection, sql`SELECT key, t, level FROM (${samples}) ORDER BY key, t`);
	const keys = [...new Set(rows.map((r) => r.key))];
	return keys.map((key) => ({ key, points: rows.filter((r) => r.key === key).map((r) => ({ t: r.t.toISOString(), value: r.level })) }));
}

/** 7x24 arrivals by local weekday and hour (from the precomputed `hour_of_week`), every cell present. */
async function heatmap(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<SeriesResult['series']> {
	const rows = await queryRows<{ key: string; hour_of_week: number; n: number }>(
		connection,
		sql`SELECT ${raw(keySql)} AS key, hour_of_week, count(*) AS n FROM conversation_facts WHERE ${filter.where} GROUP BY ALL`
	);
	const keys = [...new Set(rows.map((r) => r.key))].sort();
	return keys.map((key) => {
		const counts = new Map(rows.filter((r) => r.key === key).map((r) => [r.hour_of_week, r.n]));
		const cells = Array.from({ length: 168 }, (_, how) => ({ weekday: Math.floor(how / 24), hour: how % 24, value: counts.get(how) ?? 0 }));
		return { key, points: [], cells };
	});
}

/** A time series of one metric (metrics.md "Series"), per group when `by` is given. */
export async function computeSeries(connection: DuckDBConnection, metric: string, asked: SeriesQuery = {}): Promise<SeriesResult> {
	if (!(SERIES_METRICS as readonly string[]).includes(metric)) {
		throw new UserError(`There is no series "${metric}"; use one of ${SERIES_METRICS.join(', ')}.`);
	}
	const interval = asked.interval ?? '1h';
	if (!(interval in SERIES_INTERVALS)) throw new UserError(`--interval ${printable(interval)} is not supported; use 15m, 30m, 1h or 1d.`);
	const dataset = await resolveDataset(connection, asked.dataset);
	const query = withinDataset(asked, dataset);
	const settings = await readSettings(connection);
	const filter = buildFilter(dataset.datasetId, query);
	const keySql = query.by ? groupKeySql(query.by) : `'all'`;
	const base = { dataset: dataset.name, metric: metric as SeriesMetric, interval, timezone: settings.timezone };
	if (metric === 'heatmap') return { ...base, series: await heatmap(connection, filter, keySql) };
	if (isCreatedBucketMetric(metric))
		return { ...base, series: await createdBucketSeries(connection, metric, { ...query, dataset: dataset.name }, filter, keySql, interval) };
	const request: SeriesRequest = { connection, dataset, query, filter, keySql, interval };
	return { ...base, series: await (metric === 'concurrency' ? concurrencySeries : backlogSeries)(request) };
}
