import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/sql';
import type { FilterSql } from './filters';
import { SEGMENTS_CTES } from './levels';

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
		${SEGMENTS_CTES}
		SELECT key,
			sum(k * date_diff('microsecond', ts, next_ts)) / sum(date_diff('microsecond', ts, next_ts)) AS concurrency_mean,
			max(k) AS concurrency_max
		FROM segments GROUP BY key`,
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
