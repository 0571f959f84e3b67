/**
 * Exact shortcuts for a query whose conversations are the whole dataset (no channel, queue or agent filter,
 * and a date range, if any, that covers every created_at): the values derived at ingest then answer
 * without a per-request sweep or full scan. A range wider than the data still samples its own hours.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, type SqlParam } from '../db/sql';
import { ceilBucketSql } from './backlog';
import type { FilterSql } from './filters';

/** The filter selects every conversation of the dataset. */
export async function coversDataset(connection: DuckDBConnection, datasetId: number, filter: FilterSql): Promise<boolean> {
	if (filter.narrowed) return false;
	if (!filter.from && !filter.to) return true;
	const span = await queryOne<{ first: Date | null; last: Date | null }>(
		connection,
		'SELECT min_created_at AS first, max_created_at AS last FROM datasets WHERE dataset_id = ?',
		[datasetId]
	);
	if (!span?.first || !span.last) return false;
	return (!filter.from || filter.from <= span.first) && (!filter.to || filter.to > span.last);
}

/** Steps the hourly rollup can sample exactly: whole hours, so a sample at t sees every delta of an hour <= t. */
export const ROLLUP_STEPS: readonly string[] = ['INTERVAL 1 HOUR', 'INTERVAL 1 DAY'];

/**
 * Backlog samples (key, t, level) of the whole dataset from `hourly_rollup` (+1 at the first hour >= created_at,
 * -1 at the first hour >= end): the same samples as backlogSamplesSql, from ~24 rows per day instead of every conversation.
 */
export function rollupBacklogSamplesSql(datasetId: number, filter: FilterSql, keySql: string, step: string): { sql: string; params: SqlParam[] } {
	return {
		sql: `WITH rollup AS (SELECT ${keySql} AS key, hour, arrivals, backlog_delta FROM hourly_rollup WHERE dataset_id = ?),
		ranges AS (
			SELECT key,
				coalesce(${ceilBucketSql('?::TIMESTAMP', step)}, time_bucket(${step}, min(hour) FILTER (WHERE arrivals > 0))) AS lo,
				coalesce(?::TIMESTAMP, time_bucket(${step}, max(hour) FILTER (WHERE arrivals > 0)) + ${step}) AS hi
			FROM rollup GROUP BY key HAVING sum(arrivals) > 0
		),
		samples AS (
			SELECT key, unnest(generate_series(lo, hi - INTERVAL 1 MICROSECOND, ${step})) AS t, 0 AS delta, true AS sample FROM ranges WHERE hi > lo
		),
		levels AS (
			SELECT key, t, sum(sum(delta)) OVER (PARTITION BY key ORDER BY t) AS level, bool_or(sample) AS sampled
			FROM (SELECT key, hour AS t, backlog_delta AS delta, false AS sample FROM rollup WHERE backlog_delta <> 0 UNION ALL SELECT * FROM samples)
			GROUP BY key, t
		)
		SELECT r.key, l.t, l.level FROM ranges r JOIN levels l ON l.key = r.key AND l.sampled AND l.t >= r.lo AND l.t < r.hi`,
		params: [datasetId, filter.from, filter.to]
	};
}

/**
 * Whether every agent's assigned windows fall in one group of `keySql`: then the agent's k_g(t) is its k(t)
 * over all conversations, which `concurrency_segments` already holds.
 */
export async function agentsInOneGroup(connection: DuckDBConnection, datasetId: number, keySql: string): Promise<boolean> {
	const row = await queryOne<{ mixed: number }>(
		connection,
		`SELECT count(*) AS mixed FROM (
			SELECT agent_id FROM conversation_facts
			WHERE dataset_id = ? AND agent_id IS NOT NULL AND closed_at > first_response_at
			GROUP BY agent_id HAVING count(DISTINCT ${keySql}) > 1)`,
		[datasetId]
	);
	return row?.mixed === 0;
}

/**
 * Per bucket and group: time-weighted mean (while k > 0) and max of k_g, from the stored level segments
 * joined to their agent's only group; segments crossing a bucket edge are cut there. Only valid when
 * `agentsInOneGroup` holds and the query covers the dataset.
 */
export function segmentConcurrencySql(datasetId: number, keySql: string, step: string): { sql: string; params: SqlParam[] } {
	const bucketOf = (t: string) => `time_bucket(${step}, ${t})`;
	return {
		sql: `WITH agents AS (
			SELECT agent_id, min(${keySql}) AS key FROM conversation_facts
			WHERE dataset_id = ? AND agent_id IS NOT NULL AND closed_at > first_response_at GROUP BY agent_id
		),
		segments AS (
			SELECT a.key, s.k, s.start_at AS ts, s.end_at AS next_ts FROM concurrency_segments s JOIN agents a USING (agent_id)
			WHERE s.dataset_id = ? AND s.k > 0
		),
		pieces AS (
			SELECT key, k, ${bucketOf('ts')} AS t, date_diff('microsecond', ts, next_ts) AS held_us
			FROM segments WHERE ${bucketOf('ts')} = ${bucketOf('next_ts - INTERVAL 1 MICROSECOND')}
			UNION ALL
			SELECT key, k, bucket, date_diff('microsecond', greatest(ts, bucket), least(next_ts, bucket + ${step}))
			FROM (SELECT *, unnest(generate_series(${bucketOf('ts')}, next_ts - INTERVAL 1 MICROSECOND, ${step})) AS bucket
				FROM segments WHERE ${bucketOf('ts')} <> ${bucketOf('next_ts - INTERVAL 1 MICROSECOND')})
		)
		SELECT key, t, sum(k * held_us) / sum(held_us) AS value, max(k) AS max FROM pieces GROUP BY key, t`,
		params: [datasetId, datasetId]
	};
}
