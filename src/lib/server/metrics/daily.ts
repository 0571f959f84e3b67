/**
 * Each agent's concurrency per UTC day of the whole dataset, stored at ingest (table `concurrency_daily`): the same exact
 * integer pieces as cutting the level segments at day edges per request, which took ~1.5 s at 10 M conversations.
 * Per group they are the sums over the group's agents (valid when every agent works in one group, as concurrency.ts requires).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, queryRows, sql } from '../db/sql';
import { INTERVAL_MS } from './buckets';
import { agentsRelation, toPieces, type ConcurrencyPiece, type PieceRow } from './pieceSql';

/** Whether the dataset's daily pieces are stored (a dataset derived before the table existed has none). */
export async function hasDailyConcurrency(connection: DuckDBConnection, datasetId: number): Promise<boolean> {
	return (await queryOne(connection, 'SELECT 1 AS found FROM concurrency_daily WHERE dataset_id = ? LIMIT 1', [datasetId])) !== undefined;
}

/** A range whose both ends are UTC midnights: the stored days cover it exactly. */
export function wholeDays(from: Date | null, to: Date | null): from is Date {
	return from !== null && to !== null && from.getTime() % INTERVAL_MS['1d'] === 0 && to.getTime() % INTERVAL_MS['1d'] === 0;
}

/** The daily pieces per group from the stored ones, or null when none are stored (a dataset derived before the table existed). */
export async function storedDailyPieces(
	connection: DuckDBConnection,
	datasetId: number,
	agentKeys: { agent: string; key: string }[],
	keySql: string
): Promise<ConcurrencyPiece[] | null> {
	if (!(await hasDailyConcurrency(connection, datasetId))) return null;
	const agents = agentsRelation(datasetId, agentKeys, keySql);
	return toPieces(
		await queryRows<PieceRow>(
			connection,
			sql`WITH agents(agent_id, key) AS (${agents})
			SELECT a.key, d.day AS t, sum(d.weighted)::VARCHAR AS weighted, sum(d.held)::VARCHAR AS held, max(d.top) AS top
			FROM concurrency_daily d JOIN agents a ON a.agent_id = d.agent_id
			WHERE d.dataset_id = ${datasetId} GROUP BY ALL ORDER BY a.key, t`
		)
	);
}
