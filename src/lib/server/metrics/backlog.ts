import type { DuckDBConnection } from '@duckdb/node-api';
import { joinSql, queryRows, raw, sql, type Sql } from '../db/sql';
import { cachedResult, keepResult } from './cache';
import { periodSql, selectionKey, type FilterSql, type MetricsQuery } from './filters';
import { ceilUsSql, floorUsSql, INTERVAL_MS, SERIES_INTERVALS, type SeriesInterval } from './buckets';

/** First bucket start at or after t: a conversation counts at sample time T when created_at <= T < end. */
export const ceilBucketSql = (t: Sql, step: string): Sql => sql`(time_bucket(${raw(step)}, ${t} - INTERVAL 1 MICROSECOND) + ${raw(step)})`;

/**
 * The end of every backlog-samples query, whatever the deltas come from (the facts, the hourly rollup): a sample at each
 * step of every group's range, the running level, and the sampled rows (`parts`..., t, level), t in epoch microseconds.
 * Needs CTEs `deltas(parts..., t, delta)` and `ranges(parts..., lo, hi)` on the same microseconds; `parts` the partition (key, or period and key).
 */
export function sampledLevelsSql(parts: string[], stepUs: number): string {
	const columns = parts.join(', ');
	return `samples AS (SELECT ${columns}, unnest(range(lo, hi, ${stepUs})) AS t, 0 AS delta, true AS sample FROM ranges WHERE hi > lo),
		levels AS (
			SELECT ${columns}, t, sum(sum(delta)) OVER (PARTITION BY ${columns} ORDER BY t) AS level, bool_or(sample) AS sampled
			FROM (SELECT ${columns}, t, delta, false AS sample FROM deltas UNION ALL SELECT * FROM samples)
			GROUP BY ${columns}, t
		)
		SELECT ${parts.map((p) => `r.${p}`).join(', ')}, l.t, l.level
		FROM ranges r JOIN levels l ON ${parts.map((p) => `l.${p} = r.${p}`).join(' AND ')} AND l.sampled AND l.t >= r.lo AND l.t < r.hi`;
}

/** Microseconds of a series step ('INTERVAL 1 HOUR' ...), for integer bucket arithmetic. */
export function stepUsOf(step: string): number {
	const interval = (Object.keys(SERIES_INTERVALS) as SeriesInterval[]).find((i) => SERIES_INTERVALS[i] === step);
	if (!interval) throw new Error(`No series interval is ${step}.`);
	return INTERVAL_MS[interval] * 1000;
}

/** A range of created_at, each end optional. */
export interface Period {
	from: Date | null;
	to: Date | null;
}

/**
 * SQL of the backlog samples (period, key, t, level) of conversations split into consecutive periods by created_at
 * (`periodSql` numbers them from 0; `periods[i]` bounds period i): at each bucket start t of a period's range, by
 * bucket deltas and a running sum (never a range join). Range: the period's [from, to), else the group's
 * [floor(min created), floor(max created) + step). One scan, counted per (period, key, start bucket, end bucket) on
 * epoch microseconds: three scans with time_bucket per row took ~2.5x as long for the same samples.
 */
function periodSamplesSql(where: Sql, keySql: string, step: string, period: Sql, periods: Period[]): Sql {
	const us = stepUsOf(step);
	const bounds = joinSql(
		periods.map((p, i) => sql`(${raw(String(i))}, epoch_us(${p.from}::TIMESTAMP), epoch_us(${p.to}::TIMESTAMP))`),
		', '
	);
	return sql`SELECT period, key, make_timestamp(t) AS t, level FROM (
		WITH counted AS MATERIALIZED (
			SELECT period, key, ${raw(ceilUsSql('c', us))} AS started, ${raw(ceilUsSql('e', us))} AS ended, count(*) AS n, min(c) AS first_us, max(c) AS last_us
			FROM (SELECT ${period} AS period, ${raw(keySql)} AS key, epoch_us(created_at) AS c, epoch_us(backlog_end_at) AS e FROM conversation_facts WHERE ${where})
			GROUP BY ALL
		),
		deltas AS (
			SELECT period, key, started AS t, sum(n) AS delta FROM counted GROUP BY ALL
			UNION ALL SELECT period, key, ended AS t, -sum(n) FROM counted WHERE ended IS NOT NULL GROUP BY ALL
		),
		bounds(period, from_us, to_us) AS (VALUES ${bounds}),
		ranges AS (
			SELECT period, key, coalesce(${raw(ceilUsSql('any_value(from_us)', us))}, ${raw(floorUsSql('min(first_us)', us))}) AS lo,
				coalesce(any_value(to_us), ${raw(floorUsSql('max(last_us)', us))} + ${raw(String(us))}) AS hi
			FROM counted JOIN bounds USING (period) GROUP BY period, key
		),
		${raw(sampledLevelsSql(['period', 'key'], us))})`;
}

/** SQL of the backlog samples (key, t, level) of the filtered conversations at each bucket start of the filter's range (periodSamplesSql with one period). */
export function backlogSamplesSql(filter: FilterSql, keySql: string, step: string): Sql {
	const one = periodSamplesSql(filter.where, keySql, step, raw('0'), [{ from: filter.from, to: filter.to }]);
	return sql`SELECT key, t, level FROM (${one})`;
}

export interface GroupBacklog {
	key: string;
	backlog_mean: number | null;
	backlog_peak: number | null;
}

/** Mean and peak of the open count sampled at each whole UTC hour (metrics.md `backlog_mean`, `backlog_peak`); `samples` (key, t, level) when they come from elsewhere. */
export async function groupBacklog(
	connection: DuckDBConnection,
	filter: FilterSql,
	keySql: string,
	samples: Sql = backlogSamplesSql(filter, keySql, 'INTERVAL 1 HOUR')
): Promise<GroupBacklog[]> {
	return queryRows<GroupBacklog & Record<string, unknown>>(
		connection,
		sql`SELECT key, avg(level) AS backlog_mean, max(level) AS backlog_peak FROM (${samples}) GROUP BY key`
	);
}

/** One hourly sample of a group's open count, with the group's mean and peak over all its samples. */
export interface BacklogSample {
	key: string;
	/** sample time, epoch ms */
	t: number;
	level: number;
	mean: number;
	peak: number;
}

/** The cache key of a selection's hourly samples. */
const samplesKey = (query: MetricsQuery, keySql: string) => ({ ...selectionKey(query), keySql });

interface SampleRow extends Record<string, unknown> {
	period: number;
	key: string;
	t: Date;
	level: number;
	mean: number;
	peak: number;
}

/** Hourly samples per period with each (period, group)'s mean and peak (the same SQL aggregates as groupBacklog). */
async function hourlySampleRows(connection: DuckDBConnection, where: Sql, keySql: string, period: Sql, periods: Period[]) {
	const samples = periodSamplesSql(where, keySql, 'INTERVAL 1 HOUR', period, periods);
	const rows = await queryRows<SampleRow>(
		connection,
		sql`SELECT period, key, t, level, avg(level) OVER (PARTITION BY period, key) AS mean, max(level) OVER (PARTITION BY period, key) AS peak
		FROM (${samples}) ORDER BY period, key, t`
	);
	return rows.map((r) => ({ period: r.period, sample: { key: r.key, t: r.t.getTime(), level: r.level, mean: r.mean, peak: r.peak } }));
}

/**
 * The hourly backlog samples of the filtered conversations, each with its group's mean and peak (computed by the
 * same SQL aggregates as groupBacklog), kept per dataset version and query: `metrics` takes the mean and peak, and
 * a daily or hourly backlog series over the same range picks its samples from these instead of another scan.
 */
export function hourlyBacklogSamples(connection: DuckDBConnection, query: MetricsQuery, filter: FilterSql, keySql: string): Promise<BacklogSample[]> {
	return cachedResult(connection, 'backlog-samples', samplesKey(query, keySql), async () =>
		(await hourlySampleRows(connection, filter.where, keySql, raw('0'), [{ from: filter.from, to: filter.to }])).map((r) => r.sample)
	);
}

/**
 * The hourly samples of two consecutive selections that differ only in their dates (`earlier` ends where `later`
 * starts) from one scan of both, kept as each one's own: on a table not stored in created_at order every date range
 * reads every row group, so one scan of both periods costs little more than one.
 */
export async function keepPairedBacklogSamples(
	connection: DuckDBConnection,
	earlier: { query: MetricsQuery; filter: FilterSql },
	later: { query: MetricsQuery; filter: FilterSql },
	span: FilterSql,
	keySql: string
): Promise<void> {
	const rows = await hourlySampleRows(connection, span.where, keySql, periodSql(later.filter.from), [
		{ from: earlier.filter.from, to: earlier.filter.to },
		{ from: later.filter.from, to: later.filter.to }
	]);
	await keepResult(
		connection,
		'backlog-samples',
		samplesKey(earlier.query, keySql),
		rows.filter((r) => r.period === 0).map((r) => r.sample)
	);
	await keepResult(
		connection,
		'backlog-samples',
		samplesKey(later.query, keySql),
		rows.filter((r) => r.period === 1).map((r) => r.sample)
	);
}

/** backlog_mean and backlog_peak per group from its hourly samples. */
export function groupBacklogOf(samples: BacklogSample[]): GroupBacklog[] {
	const groups = new Map<string, GroupBacklog>();
	for (const s of samples) if (!groups.has(s.key)) groups.set(s.key, { key: s.key, backlog_mean: s.mean, backlog_peak: s.peak });
	return [...groups.values()];
}
