import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type SqlParam } from '../db/sql';
import { UserError } from '../errors';
import { readSettings } from '../settings/store';
import { backlogSamplesSql } from './backlog';
import { buildFilter, groupKeySql, resolveDataset, type FilterSql, type MetricsQuery } from './filters';
import { bucketLevelsSql, SEGMENTS_CTES } from './levels';
import { agentsInOneGroup, coversDataset, rollupBacklogSamplesSql, ROLLUP_STEPS, segmentConcurrencySql } from './whole';

export const SERIES_METRICS = ['arrivals', 'backlog', 'concurrency', 'sla', 'frt_p50', 'frt_p90', 'heatmap'] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];
export const SERIES_INTERVALS = { '15m': 'INTERVAL 15 MINUTE', '30m': 'INTERVAL 30 MINUTE', '1h': 'INTERVAL 1 HOUR', '1d': 'INTERVAL 1 DAY' } as const;
export type SeriesInterval = keyof typeof SERIES_INTERVALS;

/** Series filters; without `by` there is one series with key "all". Buckets are UTC. */
export interface SeriesQuery extends MetricsQuery {
	interval?: SeriesInterval;
}

/** One bucket: `t` its UTC start; `max` only for concurrency. */
export interface SeriesPoint {
	t: string;
	value: number | null;
	max?: number | null;
}

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

interface Row extends Record<string, unknown> {
	key: string;
	t: Date;
	value: number | null;
	max?: number | null;
}

/** SQL of the range's buckets per group: the filter's [from, to), else the group's created range. */
function bucketsSql(filter: FilterSql, keySql: string, step: string): { sql: string; params: SqlParam[] } {
	return {
		sql: `SELECT key, unnest(generate_series(lo, hi - INTERVAL 1 MICROSECOND, ${step})) AS t FROM (
			SELECT ${keySql} AS key,
				coalesce(time_bucket(${step}, ?::TIMESTAMP), time_bucket(${step}, min(created_at))) AS lo,
				coalesce(?::TIMESTAMP, time_bucket(${step}, max(created_at)) + ${step}) AS hi
			FROM conversation_facts WHERE ${filter.where} GROUP BY ALL)`,
		params: [filter.from, filter.to, ...filter.params]
	};
}

/** A per-bucket aggregate over conversations created in the bucket; empty buckets get `empty`. */
function perCreatedBucketSql(filter: FilterSql, keySql: string, step: string, aggregate: string, empty: string): { sql: string; params: SqlParam[] } {
	const buckets = bucketsSql(filter, keySql, step);
	return {
		sql: `WITH buckets AS (${buckets.sql}),
		values AS (SELECT ${keySql} AS key, time_bucket(${step}, created_at) AS t, ${aggregate} AS value FROM conversation_facts WHERE ${filter.where} GROUP BY ALL)
		SELECT b.key, b.t, coalesce(v.value, ${empty}) AS value FROM buckets b LEFT JOIN values v ON v.key = b.key AND v.t = b.t ORDER BY b.key, b.t`,
		params: [...buckets.params, ...filter.params]
	};
}

/** k_g levels from a sweep over the filtered windows, cut at bucket edges: time-weighted mean (while k > 0) and max per bucket. */
function sweepConcurrencySql(filter: FilterSql, keySql: string, step: string): { sql: string; params: SqlParam[] } {
	return {
		sql: `WITH windows AS (
			SELECT ${keySql} AS key, agent_no, first_response_at AS s, closed_at AS e FROM conversation_facts
			WHERE ${filter.where} AND agent_no IS NOT NULL AND closed_at > first_response_at
		),
		${SEGMENTS_CTES},
		${bucketLevelsSql(step)}`,
		params: filter.params
	};
}

/** Per-bucket concurrency values joined to every bucket of the range (empty buckets: null). */
function concurrencySql(filter: FilterSql, keySql: string, step: string, values: { sql: string; params: SqlParam[] }): { sql: string; params: SqlParam[] } {
	const buckets = bucketsSql(filter, keySql, step);
	return {
		sql: `WITH values AS (${values.sql}), buckets AS (${buckets.sql})
		SELECT b.key, b.t, v.value, v.max FROM buckets b LEFT JOIN values v ON v.key = b.key AND v.t = b.t ORDER BY b.key, b.t`,
		params: [...values.params, ...buckets.params]
	};
}

/** The whole dataset's backlog and concurrency come from what ingest derived; anything narrower is computed here. */
async function shortcutSql(
	connection: DuckDBConnection,
	metric: SeriesMetric,
	datasetId: number,
	filter: FilterSql,
	keySql: string,
	step: string
): Promise<{ sql: string; params: SqlParam[] } | null> {
	if (metric !== 'backlog' && metric !== 'concurrency') return null;
	if (metric === 'backlog' && !ROLLUP_STEPS.includes(step)) return null;
	if (!(await coversDataset(connection, datasetId, filter))) return null;
	if (metric === 'backlog') {
		const samples = rollupBacklogSamplesSql(datasetId, filter, keySql, step);
		return { sql: `SELECT key, t, level AS value FROM (${samples.sql}) ORDER BY key, t`, params: samples.params };
	}
	if (!(await agentsInOneGroup(connection, datasetId, keySql))) return null;
	return concurrencySql(filter, keySql, step, segmentConcurrencySql(datasetId, keySql, step));
}

function seriesSql(metric: Exclude<SeriesMetric, 'heatmap'>, filter: FilterSql, keySql: string, step: string): { sql: string; params: SqlParam[] } {
	switch (metric) {
		case 'arrivals':
			return perCreatedBucketSql(filter, keySql, step, 'count(*)', '0');
		case 'sla':
			return perCreatedBucketSql(filter, keySql, step, 'count_if(sla_met) / nullif(count_if(sla_eligible), 0)', 'NULL');
		case 'frt_p50':
			return perCreatedBucketSql(filter, keySql, step, 'quantile_cont(frt_s, 0.5)', 'NULL');
		case 'frt_p90':
			return perCreatedBucketSql(filter, keySql, step, 'quantile_cont(frt_s, 0.9)', 'NULL');
		case 'backlog': {
			const samples = backlogSamplesSql(filter, keySql, step);
			return { sql: `SELECT key, t, level AS value FROM (${samples.sql}) ORDER BY key, t`, params: samples.params };
		}
		case 'concurrency':
			return concurrencySql(filter, keySql, step, sweepConcurrencySql(filter, keySql, step));
	}
}

/** 7x24 arrivals by local weekday and hour (from the precomputed `hour_of_week`), every cell present. */
async function heatmap(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<SeriesResult['series']> {
	const rows = await queryRows<{ key: string; hour_of_week: number; n: number }>(
		connection,
		`SELECT ${keySql} AS key, hour_of_week, count(*) AS n FROM conversation_facts WHERE ${filter.where} GROUP BY ALL`,
		filter.params
	);
	const keys = [...new Set(rows.map((r) => r.key))].sort();
	return keys.map((key) => {
		const counts = new Map(rows.filter((r) => r.key === key).map((r) => [r.hour_of_week, r.n]));
		const cells = Array.from({ length: 168 }, (_, how) => ({ weekday: Math.floor(how / 24), hour: how % 24, value: counts.get(how) ?? 0 }));
		return { key, points: [], cells };
	});
}

/** A time series of one metric (metrics.md "Series"), per group when `by` is given. */
export async function computeSeries(connection: DuckDBConnection, metric: string, query: SeriesQuery = {}): Promise<SeriesResult> {
	if (!(SERIES_METRICS as readonly string[]).includes(metric)) {
		throw new UserError(`There is no series "${metric}"; use one of ${SERIES_METRICS.join(', ')}.`);
	}
	const interval = query.interval ?? '1h';
	if (!(interval in SERIES_INTERVALS)) throw new UserError(`--interval ${interval} is not supported; use 15m, 30m, 1h or 1d.`);
	const dataset = await resolveDataset(connection, query.dataset);
	const settings = await readSettings(connection);
	const filter = buildFilter(dataset.datasetId, query);
	const keySql = query.by ? groupKeySql(query.by) : `'all'`;
	const base = { dataset: dataset.name, metric: metric as SeriesMetric, interval, timezone: settings.timezone };
	if (metric === 'heatmap') return { ...base, series: await heatmap(connection, filter, keySql) };
	const step = SERIES_INTERVALS[interval];
	const { sql, params } =
		(await shortcutSql(connection, metric as SeriesMetric, dataset.datasetId, filter, keySql, step)) ??
		seriesSql(metric as Exclude<SeriesMetric, 'heatmap'>, filter, keySql, step);
	const rows = await queryRows<Row>(connection, sql, params);
	const keys = [...new Set(rows.map((r) => r.key))];
	return {
		...base,
		series: keys.map((key) => ({
			key,
			points: rows
				.filter((r) => r.key === key)
				.map((r) => (metric === 'concurrency' ? { t: r.t.toISOString(), value: r.value, max: r.max ?? null } : { t: r.t.toISOString(), value: r.value }))
		}))
	};
}
