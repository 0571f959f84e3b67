/**
 * Exact shortcuts for a query whose conversations are the whole dataset (no channel, queue or agent filter,
 * and a date range, if any, that covers every created_at): the values derived at ingest then answer
 * without a per-request sweep or full scan. A range wider than the data still samples its own hours.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, queryRows, raw, sql, type Sql } from '../db/sql';
import { cachedResult } from './cache';
import { ceilBucketSql, sampledLevelsSql, stepUsOf } from './backlog';
import { DERIVING_SQL, type FilterSql } from './filters';

/**
 * The filter selects every conversation of the dataset, and the dataset's stored derived values are written: while an
 * import's derive runs (`derive_pending`) the whole dataset is read like any selection, from its committed rows.
 */
export async function coversDataset(connection: DuckDBConnection, datasetId: number, filter: FilterSql): Promise<boolean> {
	if (filter.narrowed) return false;
	const span = await queryOne<{ first: Date | null; last: Date | null; pending: boolean }>(
		connection,
		`SELECT min_created_at AS first, max_created_at AS last, ${DERIVING_SQL} AS pending
		FROM datasets d WHERE dataset_id = ?`,
		[datasetId]
	);
	if (!span || span.pending) return false;
	if (!filter.from && !filter.to) return true;
	if (!span.first || !span.last) return false;
	return (!filter.from || filter.from <= span.first) && (!filter.to || filter.to > span.last);
}

/** Steps the hourly rollup can sample exactly: whole hours, so a sample at t sees every delta of an hour <= t. */
export const ROLLUP_STEPS: readonly string[] = ['INTERVAL 1 HOUR', 'INTERVAL 1 DAY'];

/**
 * Backlog samples (key, t, level) of the whole dataset from `hourly_rollup` (+1 at the first hour >= created_at,
 * -1 at the first hour >= end): the same samples as backlogSamplesSql, from ~24 rows per day instead of every conversation.
 */
export function rollupBacklogSamplesSql(datasetId: number, filter: FilterSql, keySql: string, step: string): Sql {
	const bucket = raw(step);
	return sql`SELECT key, make_timestamp(t) AS t, level FROM (
		WITH rollup AS (SELECT ${raw(keySql)} AS key, hour, arrivals, backlog_delta FROM hourly_rollup WHERE dataset_id = ${datasetId}),
		ranges AS (
			SELECT key,
				epoch_us(coalesce(${ceilBucketSql(sql`${filter.from}::TIMESTAMP`, step)}, time_bucket(${bucket}, min(hour) FILTER (WHERE arrivals > 0)))) AS lo,
				epoch_us(coalesce(${filter.to}::TIMESTAMP, time_bucket(${bucket}, max(hour) FILTER (WHERE arrivals > 0)) + ${bucket})) AS hi
			FROM rollup GROUP BY key HAVING sum(arrivals) > 0
		),
		deltas AS (SELECT key, epoch_us(hour) AS t, backlog_delta AS delta FROM rollup WHERE backlog_delta <> 0),
		${raw(sampledLevelsSql(['key'], stepUsOf(step)))})`;
}

export interface AgentGroups {
	/** every agent's windows fall in one group of the grouping */
	oneGroup: boolean;
	/** each agent with an assigned window and its (first) group */
	agents: { agent: string; key: string }[];
}

/**
 * Each agent's group under `keySql` and whether every agent's assigned windows fall in one group: then the agent's
 * k_g(t) is its k(t) over all conversations, which `concurrency_segments` already holds. A scan of every row, so
 * kept per dataset version and grouping.
 */
export function agentGroups(connection: DuckDBConnection, dataset: string, datasetId: number, keySql: string): Promise<AgentGroups> {
	const key = { dataset, keySql };
	return cachedResult(connection, 'agent-groups', key, async () => {
		// grouped by the agent's dense number (one per agent_id in a dataset), and one group is min = max: ~2x faster than by name with count(DISTINCT)
		const rows = await queryRows<{ agent: string; key: string; one: boolean }>(
			connection,
			`SELECT any_value(agent_id) AS agent, min(${keySql}) AS key, min(${keySql}) = max(${keySql}) AS one FROM conversation_facts
			WHERE dataset_id = ? AND agent_no IS NOT NULL AND closed_at > first_response_at GROUP BY agent_no ORDER BY agent`,
			[datasetId]
		);
		return { oneGroup: rows.every((r) => r.one), agents: rows.map(({ agent, key }) => ({ agent, key })) };
	});
}

/** Whether the dataset's stored derived values are still being written (an import's derive, or one a killed process left). */
export async function stillDeriving(connection: DuckDBConnection, datasetId: number): Promise<boolean> {
	return (
		(await queryOne<{ deriving: boolean }>(connection, `SELECT ${DERIVING_SQL} AS deriving FROM datasets d WHERE dataset_id = ?`, [datasetId]))?.deriving ===
		true
	);
}

/**
 * The rows with `fields` read as no data while the dataset's derive runs: those fields price or sum attributed agent time,
 * which the derive writes last, and a mean over the rows that carry their own handle time only would be another number.
 * The one rule for metrics (the field table's `needsAgentTime`), the Cost page and the per-agent table.
 */
export function withoutAgentTime<T extends object>(rows: T[], deriving: boolean, fields: readonly (keyof T)[]): T[] {
	if (!deriving) return rows;
	return rows.map((row) => ({ ...row, ...Object.fromEntries(fields.map((field) => [field, null])) }));
}
