/**
 * The per-dataset rollups written at derive from the dataset's stored rows: the hourly arrivals and backlog deltas
 * (`hourly_rollup`), each agent's daily concurrency pieces (`concurrency_daily`, read by metrics/daily.ts) and the
 * whole dataset's group summaries (`group_summaries`, read by metrics/summary.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, raw, sql } from '../db/sql';
import { buildFilter, groupKeySql } from '../metrics/filters';
import { groupSummaries, STORED_GROUPING, SUMMARY_FIELDS_HASH } from '../metrics/summary';
import { ceilBucketSql } from '../metrics/backlog';
import { INTERVAL_MS } from '../metrics/buckets';
import { piecesSql } from '../metrics/pieceSql';

/** Hourly arrivals and backlog deltas by mode/channel/queue, from the dataset's facts. */
export async function deriveHourlyRollup(connection: DuckDBConnection, datasetId: number): Promise<void> {
	const hour = 'INTERVAL 1 HOUR';
	await execute(
		connection,
		sql`INSERT INTO hourly_rollup
		SELECT dataset_id, hour, mode, channel, queue, sum(arrivals), sum(backlog_delta)
		FROM (
			SELECT dataset_id, date_trunc('hour', created_at) AS hour, mode, channel, queue, 1 AS arrivals, 0 AS backlog_delta
			FROM conversation_facts WHERE dataset_id = ${datasetId}
			UNION ALL SELECT dataset_id, ${ceilBucketSql(raw('created_at'), hour)}, mode, channel, queue, 0, 1
			FROM conversation_facts WHERE dataset_id = ${datasetId}
			UNION ALL SELECT dataset_id, ${ceilBucketSql(raw('backlog_end_at'), hour)}, mode, channel, queue, 0, -1
			FROM conversation_facts WHERE dataset_id = ${datasetId} AND backlog_end_at IS NOT NULL
		)
		GROUP BY ALL`
	);
}

/** Writes (or rewrites) the dataset's daily pieces per agent from its `concurrency_segments`; call after they are stored. */
export async function storeDailyConcurrency(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await execute(connection, 'DELETE FROM concurrency_daily WHERE dataset_id = ?', [datasetId]);
	await execute(
		connection,
		`INSERT INTO concurrency_daily
		WITH cut AS NOT MATERIALIZED (
			SELECT agent_id AS key, k, epoch_us(start_at) AS s, epoch_us(end_at) AS e FROM concurrency_segments WHERE dataset_id = ? AND k > 0
		)
		SELECT ?, key, t, weighted, held, top FROM (${piecesSql('cut', INTERVAL_MS['1d'] * 1000, false)})`,
		[datasetId, datasetId]
	);
}

/**
 * Stores the whole dataset's summaries by mode, computed by `groupSummaries` over every row: the first page or
 * `metrics` call over all of a dataset reads them instead of a full scan (its exact percentiles took ~1.3 s at 10 M rows).
 */
export async function storeWholeSummaries(connection: DuckDBConnection, datasetId: number): Promise<void> {
	const summaries = await groupSummaries(connection, buildFilter(datasetId, {}), groupKeySql(STORED_GROUPING));
	// a stale copy (another field list) is replaced, never kept beside the new one
	await execute(connection, 'DELETE FROM group_summaries WHERE dataset_id = ?', [datasetId]);
	await execute(connection, 'INSERT INTO group_summaries (dataset_id, dimension, summaries, fields_hash) VALUES (?, ?, ?, ?)', [
		datasetId,
		STORED_GROUPING,
		JSON.stringify(summaries),
		SUMMARY_FIELDS_HASH
	]);
}
