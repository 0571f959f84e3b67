import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, sql, type Sql } from '../db/sql';
import { buildFilter } from '../metrics/filters';
import type { MetricsQuery } from '../metrics/index';
import { hasDailyConcurrency, wholeDays } from '../metrics/daily';

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

/** The filtered conversations per agent (grouped by the agent's dense number: ~2x faster than by name; modes are only sync and async). */
const handledSql = (where: Sql) => sql`SELECT any_value(agent_id) AS agent, count(*) AS conversations,
		CASE WHEN min(mode) = max(mode) THEN min(mode)::VARCHAR ELSE max(mode)::VARCHAR || ', ' || min(mode)::VARCHAR END AS modes,
		avg(handle_s) AS handle_mean_s
	FROM conversation_facts WHERE ${where} AND agent_no IS NOT NULL GROUP BY agent_no`;

/** Levels per agent over [from, to) from the level segments clipped to the range. */
const segmentLevelsSql = (datasetId: number, from: Date | null, to: Date | null) => sql`held AS (
		SELECT agent_id AS agent, k,
			date_diff('microsecond', greatest(start_at, ${from}::TIMESTAMP), least(end_at, ${to}::TIMESTAMP)) / 1e6 AS held_s
		FROM concurrency_segments
		WHERE dataset_id = ${datasetId} AND k > 0 AND end_at > ${from}::TIMESTAMP AND start_at < ${to}::TIMESTAMP AND agent_id IN (SELECT agent FROM handled)
	),
	levels AS (
		SELECT agent, sum(k * held_s) / nullif(sum(held_s), 0) AS concurrency_mean, max(k) FILTER (WHERE held_s > 0) AS concurrency_max, sum(held_s) / 3600 AS busy_hours
		FROM held GROUP BY agent
	)`;

/** The same levels from the stored daily pieces, when the range is whole UTC days: the same integer sums, from ~30 rows per agent and month. */
const dailyLevelsSql = (datasetId: number, from: Date | null, to: Date | null) => sql`levels AS (
		SELECT agent_id AS agent, sum(weighted) / nullif(sum(held), 0) AS concurrency_mean, max(top) AS concurrency_max, sum(held)::DOUBLE / 3.6e9 AS busy_hours
		FROM concurrency_daily
		WHERE dataset_id = ${datasetId} AND day >= ${from}::TIMESTAMP AND day < ${to}::TIMESTAMP AND agent_id IN (SELECT agent FROM handled)
		GROUP BY agent_id
	)`;

/**
 * Per agent: filtered conversation counts and handle time, and concurrency from the agent's precomputed
 * level segments (or their stored daily sums) within [from, to) (levels count all the agent's conversations, as metrics.md's k(t)).
 */
export async function agentWorkload(connection: DuckDBConnection, datasetId: number, query: MetricsQuery, limit = 500): Promise<AgentWorkload[]> {
	const filter = buildFilter(datasetId, query);
	const daily = wholeDays(filter.from, filter.to) && (await hasDailyConcurrency(connection, datasetId));
	return queryRows<AgentWorkload>(
		connection,
		sql`WITH handled AS (${handledSql(filter.where)}),
		${(daily ? dailyLevelsSql : segmentLevelsSql)(datasetId, filter.from, filter.to)}
		SELECT h.agent, h.conversations, h.modes, h.handle_mean_s, l.concurrency_mean, l.concurrency_max, l.busy_hours
		FROM handled h LEFT JOIN levels l USING (agent)
		ORDER BY h.conversations DESC, h.agent LIMIT ${limit}`
	);
}
