import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/sql';
import { buildFilter } from '../metrics/filters';
import type { MetricsQuery } from '../metrics/index';

export interface AgentWorkload extends Record<string, unknown> {
	agent: string;
	conversations: number;
	/** the modes the agent's filtered conversations are in, e.g. "async" or "sync, async" */
	modes: string;
	handle_mean_s: number | null;
	/** busy-time weighted mean of the agent's open assigned conversations (all their conversations) within the range */
	concurrency_mean: number | null;
	concurrency_max: number | null;
	busy_hours: number | null;
}

/**
 * Per agent: filtered conversation counts and handle time, and concurrency from the agent's precomputed
 * level segments clipped to [from, to) (levels count all the agent's conversations, as metrics.md's k(t)).
 */
export async function agentWorkload(connection: DuckDBConnection, datasetId: number, query: MetricsQuery, limit = 500): Promise<AgentWorkload[]> {
	const filter = buildFilter(datasetId, query);
	return queryRows<AgentWorkload>(
		connection,
		`WITH handled AS (
			SELECT agent_id AS agent, count(*) AS conversations, string_agg(DISTINCT mode, ', ' ORDER BY mode DESC) AS modes, avg(handle_s) AS handle_mean_s
			FROM conversation_facts WHERE ${filter.where} AND agent_id IS NOT NULL GROUP BY agent_id
		),
		held AS (
			SELECT agent_id AS agent, k,
				date_diff('microsecond', greatest(start_at, ?::TIMESTAMP), least(end_at, ?::TIMESTAMP)) / 1e6 AS held_s
			FROM concurrency_segments
			WHERE dataset_id = ? AND k > 0 AND end_at > ?::TIMESTAMP AND start_at < ?::TIMESTAMP AND agent_id IN (SELECT agent FROM handled)
		),
		levels AS (
			SELECT agent, sum(k * held_s) / nullif(sum(held_s), 0) AS concurrency_mean, max(k) FILTER (WHERE held_s > 0) AS concurrency_max, sum(held_s) / 3600 AS busy_hours
			FROM held GROUP BY agent
		)
		SELECT h.agent, h.conversations, h.modes, h.handle_mean_s, l.concurrency_mean, l.concurrency_max, l.busy_hours
		FROM handled h LEFT JOIN levels l USING (agent)
		ORDER BY h.conversations DESC, h.agent LIMIT ?`,
		[...filter.params, filter.from, filter.to, datasetId, filter.from, filter.to, limit]
	);
}
