import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/sql';

/** A group's concurrency (metrics.md); per request it comes from the sweep's pieces (pieces.ts). */
export interface GroupConcurrency {
	key: string;
	concurrency_mean: number | null;
	concurrency_max: number | null;
}

/** The stored unfiltered concurrency of a grouping. */
export async function storedGroupConcurrency(connection: DuckDBConnection, datasetId: number, dimension: string): Promise<GroupConcurrency[]> {
	return queryRows<GroupConcurrency & Record<string, unknown>>(
		connection,
		'SELECT key, concurrency_mean, concurrency_max FROM group_concurrency WHERE dataset_id = ? AND dimension = ?',
		[datasetId, dimension]
	);
}
