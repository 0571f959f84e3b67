import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryRows, type SqlParam } from '../db/sql';
import { cachedResult } from './cache';
import { selectionKey, type FilterSql, type MetricsQuery } from './filters';

/** First bucket start at or after t: a conversation counts at sample time T when created_at <= T < end. */
export const ceilBucketSql = (t: string, step: string) => `(time_bucket(${step}, ${t} - INTERVAL 1 MICROSECOND) + ${step})`;

/** Hourly arrivals and backlog deltas by mode/channel/queue, from the dataset's facts. */
export async function deriveHourlyRollup(connection: DuckDBConnection, datasetId: number): Promise<void> {
	const hour = 'INTERVAL 1 HOUR';
	await execute(
		connection,
		`INSERT INTO hourly_rollup
		SELECT dataset_id, hour, mode, channel, queue, sum(arrivals), sum(backlog_delta)
		FROM (
			SELECT dataset_id, date_trunc('hour', created_at) AS hour, mode, channel, queue, 1 AS arrivals, 0 AS backlog_delta
			FROM conversation_facts WHERE dataset_id = ?
			UNION ALL SELECT dataset_id, ${ceilBucketSql('created_at', hour)}, mode, channel, queue, 0, 1
			FROM conversation_facts WHERE dataset_id = ?
			UNION ALL SELECT dataset_id, ${ceilBucketSql('backlog_end_at', hour)}, mode, channel, queue, 0, -1
			FROM conversation_facts WHERE dataset_id = ? AND backlog_end_at IS NOT NULL
		)
		GROUP BY ALL`,
		[datasetId, datasetId, datasetId]
	);
}

/**
 * The end of a backlog-samples query, whatever the deltas come from: a sample at each step of every group's range,
 * the running level, and the sampled rows (key, t, level). Needs CTEs `deltas(key, t, delta)` and `ranges(key, lo, hi)`.
 */
export function sampledLevelsSql(step: string): string {
	return `samples AS (
			SELECT key, unnest(generate_series(lo, hi - INTERVAL 1 MICROSECOND, ${step})) AS t, 0 AS delta, true AS sample FROM ranges WHERE hi > lo
		),
		levels AS (
			SELECT key, t, sum(sum(delta)) OVER (PARTITION BY key ORDER BY t) AS level, bool_or(sample) AS sampled
			FROM (SELECT key, t, delta, false AS sample FROM deltas UNION ALL SELECT * FROM samples)
			GROUP BY key, t
		)
		SELECT r.key, l.t, l.level FROM ranges r JOIN levels l ON l.key = r.key AND l.sampled AND l.t >= r.lo AND l.t < r.hi`;
}

/**
 * SQL of the backlog samples (key, t, level) at each bucket start t of the range, by bucket
 * deltas and a running sum (never a range join). Range: the filter's [from, to), else the
 * group's [floor(min created), floor(max created) + step).
 */
export function backlogSamplesSql(filter: FilterSql, keySql: string, step: string): { sql: string; params: SqlParam[] } {
	return {
		sql: `WITH deltas AS (
			SELECT ${keySql} AS key, ${ceilBucketSql('created_at', step)} AS t, 1 AS delta FROM conversation_facts WHERE ${filter.where}
			UNION ALL
			SELECT ${keySql} AS key, ${ceilBucketSql('backlog_end_at', step)} AS t, -1 AS delta FROM conversation_facts
			WHERE ${filter.where} AND backlog_end_at IS NOT NULL
		),
		ranges AS (
			SELECT ${keySql} AS key,
				coalesce(${ceilBucketSql('?::TIMESTAMP', step)}, time_bucket(${step}, min(created_at))) AS lo,
				coalesce(?::TIMESTAMP, time_bucket(${step}, max(created_at)) + ${step}) AS hi
			FROM conversation_facts WHERE ${filter.where} GROUP BY ALL
		),
		${sampledLevelsSql(step)}`,
		params: [...filter.params, ...filter.params, filter.from, filter.to, ...filter.params]
	};
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
	samples: { sql: string; params: SqlParam[] } = backlogSamplesSql(filter, keySql, 'INTERVAL 1 HOUR')
): Promise<GroupBacklog[]> {
	return queryRows<GroupBacklog & Record<string, unknown>>(
		connection,
		`SELECT key, avg(level) AS backlog_mean, max(level) AS backlog_peak FROM (${samples.sql}) GROUP BY key`,
		samples.params
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

/**
 * The hourly backlog samples of the filtered conversations, each with its group's mean and peak (computed by the
 * same SQL aggregates as groupBacklog), kept per dataset version and query: `metrics` takes the mean and peak, and
 * a daily or hourly backlog series over the same range picks its samples from these instead of another scan.
 */
export function hourlyBacklogSamples(connection: DuckDBConnection, query: MetricsQuery, filter: FilterSql, keySql: string): Promise<BacklogSample[]> {
	const key = { ...selectionKey(query), keySql };
	return cachedResult(connection, 'backlog-samples', key, async () => {
		const samples = backlogSamplesSql(filter, keySql, 'INTERVAL 1 HOUR');
		const rows = await queryRows<{ key: string; t: Date; level: number; mean: number; peak: number }>(
			connection,
			`SELECT key, t, level, avg(level) OVER (PARTITION BY key) AS mean, max(level) OVER (PARTITION BY key) AS peak
			FROM (${samples.sql}) ORDER BY key, t`,
			samples.params
		);
		return rows.map((r) => ({ key: r.key, t: r.t.getTime(), level: r.level, mean: r.mean, peak: r.peak }));
	});
}

/** backlog_mean and backlog_peak per group from its hourly samples. */
export function groupBacklogOf(samples: BacklogSample[]): GroupBacklog[] {
	const groups = new Map<string, GroupBacklog>();
	for (const s of samples) if (!groups.has(s.key)) groups.set(s.key, { key: s.key, backlog_mean: s.mean, backlog_peak: s.peak });
	return [...groups.values()];
}
