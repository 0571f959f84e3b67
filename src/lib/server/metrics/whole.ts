/**
 * Exact shortcuts for a query whose conversations are the whole dataset (no channel, queue or agent filter,
 * and a date range, if any, that covers every created_at): the values derived at ingest then answer
 * without a per-request sweep or full scan. A range wider than the data still samples its own hours.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, type SqlParam } from '../db/sql';
import { ceilBucketSql, sampledLevelsSql } from './backlog';
import { bucketLevelsSql } from './levels';
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
		deltas AS (SELECT key, hour AS t, backlog_delta AS delta FROM rollup WHERE backlog_delta <> 0),
		${sampledLevelsSql(step)}`,
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
	return {
		sql: `WITH agents AS (
			SELECT agent_id, min(${keySql}) AS key FROM conversation_facts
			WHERE dataset_id = ? AND agent_id IS NOT NULL AND closed_at > first_response_at GROUP BY agent_id
		),
		segments AS (
			SELECT a.key, s.k, s.start_at AS ts, s.end_at AS next_ts FROM concurrency_segments s JOIN agents a USING (agent_id)
			WHERE s.dataset_id = ? AND s.k > 0
		),
		${bucketLevelsSql(step)}`,
		params: [datasetId, datasetId]
	};
}
