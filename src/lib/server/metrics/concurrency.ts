import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryRows } from '../db/sql';
import type { FilterSql } from './filters';

export interface GroupConcurrency {
	key: string;
	concurrency_mean: number | null;
	concurrency_max: number | null;
}

/**
 * k_g per group and agent from a sweep over the filtered conversations' windows:
 * mean = integral of k_g / time with k_g > 0 (summed over agents), max = highest level held for > 0 s.
 */
export async function groupConcurrency(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<GroupConcurrency[]> {
	return queryRows<GroupConcurrency & Record<string, unknown>>(
		connection,
		`WITH windows AS (
			SELECT ${keySql} AS key, agent_no, first_response_at AS s, closed_at AS e
			FROM conversation_facts
			WHERE ${filter.where} AND agent_no IS NOT NULL AND closed_at > first_response_at
		),
		events AS (
			SELECT key, agent_no, s AS ts, 1 AS delta FROM windows
			UNION ALL SELECT key, agent_no, e AS ts, -1 AS delta FROM windows
		),
		levels AS (
			SELECT key, agent_no, ts, sum(delta) OVER sweep AS k, lead(ts) OVER sweep AS next_ts, lead(agent_no) OVER sweep AS next_agent
			FROM events
			WINDOW sweep AS (PARTITION BY key ORDER BY agent_no, ts, delta ROWS UNBOUNDED PRECEDING)
		),
		held AS (
			SELECT key, k, CASE WHEN k > 0 AND next_agent = agent_no THEN date_diff('microsecond', ts, next_ts) ELSE 0 END AS held_us
			FROM levels
		)
		SELECT key,
			sum(k * held_us) / nullif(sum(held_us), 0) AS concurrency_mean,
			max(k) FILTER (WHERE held_us > 0) AS concurrency_max
		FROM held GROUP BY key`,
		filter.params
	);
}

/** The stored unfiltered concurrency of a grouping. */
export async function storedGroupConcurrency(connection: DuckDBConnection, datasetId: number, dimension: string): Promise<GroupConcurrency[]> {
	return queryRows<GroupConcurrency & Record<string, unknown>>(
		connection,
		'SELECT key, concurrency_mean, concurrency_max FROM group_concurrency WHERE dataset_id = ? AND dimension = ?',
		[datasetId, dimension]
	);
}
