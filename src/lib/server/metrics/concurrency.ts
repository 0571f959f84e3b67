import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryRows } from '../db/sql';
import type { FilterSql } from './filters';

/**
 * The per-agent +1/-1 sweep over assigned windows [first_response_at, closed_at) of one dataset.
 * One running sum ordered by (agent_no, ts, delta, rid): closes sort before opens at the same
 * instant, so a hand-off is never two at once; each agent's deltas sum to zero, so no partition is needed.
 * Leaves temp tables `derive_agents(agent_id, agent_no)` and `derive_attributed(rid, attributed_agent_s)`
 * and writes `concurrency_segments`.
 */
export async function deriveConcurrency(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_agents AS
		SELECT agent_id, row_number() OVER (ORDER BY agent_id)::INTEGER AS agent_no
		FROM (SELECT DISTINCT agent_id FROM conversations WHERE dataset_id = ? AND agent_id IS NOT NULL)`,
		[datasetId]
	);
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_sweep AS
		WITH windows AS (
			SELECT c.rowid AS rid, a.agent_no, c.first_response_at AS s, c.closed_at AS e
			FROM conversations c JOIN derive_agents a ON a.agent_id = c.agent_id
			WHERE c.dataset_id = ? AND c.first_response_at IS NOT NULL AND c.closed_at > c.first_response_at
		),
		events AS (
			SELECT rid, agent_no, s AS ts, 1 AS delta FROM windows
			UNION ALL SELECT rid, agent_no, e AS ts, -1 AS delta FROM windows
		),
		levels AS (
			SELECT rid, agent_no, ts, delta,
				sum(delta) OVER sweep AS k,
				lead(ts) OVER sweep AS next_ts,
				lead(agent_no) OVER sweep AS next_agent
			FROM events
			WINDOW sweep AS (ORDER BY agent_no, ts, delta, rid ROWS UNBOUNDED PRECEDING)
		)
		SELECT rid, agent_no, ts, delta, k, next_ts,
			CASE WHEN k > 0 AND next_agent = agent_no THEN date_diff('microsecond', ts, next_ts) / 1e6 ELSE 0 END AS held_s
		FROM levels`,
		[datasetId]
	);
	// F(event) = integral of 1/k over the agent's earlier segments; attributed = F(close) - F(open).
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_attributed AS
		SELECT rid, sum(CASE WHEN delta = -1 THEN f ELSE -f END) AS attributed_agent_s
		FROM (
			SELECT rid, delta,
				coalesce(sum(CASE WHEN k > 0 THEN held_s / k ELSE 0 END)
					OVER (ORDER BY agent_no, ts, delta, rid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS f
			FROM derive_sweep
		)
		GROUP BY rid`
	);
	await execute(
		connection,
		`INSERT INTO concurrency_segments
		SELECT ?, a.agent_id, s.ts, s.next_ts, s.k
		FROM derive_sweep s JOIN derive_agents a USING (agent_no)
		WHERE s.held_s > 0`,
		[datasetId]
	);
	await execute(connection, 'DROP TABLE derive_sweep');
}

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

const DIMENSIONS = ['mode', 'channel', 'queue'] as const;

/** Stores the unfiltered per-group concurrency of each grouping (run after the facts are written). */
export async function deriveGroupConcurrency(connection: DuckDBConnection, datasetId: number, keySqlOf: (by: (typeof DIMENSIONS)[number]) => string): Promise<void> {
	for (const dimension of DIMENSIONS) {
		const filter: FilterSql = { where: 'dataset_id = ?', params: [datasetId], from: null, to: null };
		const groups = await groupConcurrency(connection, filter, keySqlOf(dimension));
		for (const g of groups) {
			await execute(connection, 'INSERT INTO group_concurrency VALUES (?, ?, ?, ?, ?)', [datasetId, dimension, g.key, g.concurrency_mean, g.concurrency_max]);
		}
	}
}

/** The stored unfiltered concurrency of a grouping. */
export async function storedGroupConcurrency(connection: DuckDBConnection, datasetId: number, dimension: string): Promise<GroupConcurrency[]> {
	return queryRows<GroupConcurrency & Record<string, unknown>>(
		connection,
		'SELECT key, concurrency_mean, concurrency_max FROM group_concurrency WHERE dataset_id = ? AND dimension = ?',
		[datasetId, dimension]
	);
}
