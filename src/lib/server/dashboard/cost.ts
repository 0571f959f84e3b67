import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, raw, sql } from '../db/sql';
import { buildFilter, groupKeySql, type GroupBy } from '../metrics/filters';
import type { MetricsQuery } from '../metrics/index';
import { costIsEstimated, HANDLE_SOURCE_COUNTS_SQL } from '../metrics/handleSource';

export interface CostSplit extends Record<string, unknown> {
	key: string;
	mode: string;
	conversations: number;
	cost_per_conversation: number | null;
	/** the bot part: bot_per_conversation x the share of bot-involved conversations */
	bot_per_conversation: number | null;
	agent_per_conversation: number | null;
	handle_mean_s: number | null;
	bot_share: number | null;
	total_cost: number | null;
	/** priced from attributed time for most of the group (no handle-time column): shown as estimated */
	estimated: boolean;
}

/** Cost per conversation (metrics.md `cost`) per group, split into agent time and bot, with the bot price bound as a parameter. */
export async function costSplit(connection: DuckDBConnection, datasetId: number, query: MetricsQuery, by: GroupBy, botPrice: number): Promise<CostSplit[]> {
	const filter = buildFilter(datasetId, query);
	const rows = await queryRows<CostSplit & { timed: number; handled: number }>(
		connection,
		sql`SELECT key, mode, conversations, cost_per_conversation, bot_per_conversation,
			cost_per_conversation - bot_per_conversation AS agent_per_conversation, handle_mean_s, bot_share, total_cost, timed, handled
		FROM (
			SELECT ${raw(groupKeySql(by))} AS key, min(mode) AS mode, count(*) AS conversations, avg(cost) AS cost_per_conversation,
				avg(CASE WHEN bot_involved THEN ${botPrice}::DOUBLE ELSE 0 END) AS bot_per_conversation,
				avg(handle_s) AS handle_mean_s, avg(bot_involved::INTEGER) AS bot_share, sum(cost) AS total_cost, ${raw(HANDLE_SOURCE_COUNTS_SQL)}
			FROM conversation_facts WHERE ${filter.where} GROUP BY ALL
		) ORDER BY mode DESC, conversations DESC`
	);
	return rows.map(({ timed, handled, ...row }) => ({ ...row, estimated: costIsEstimated({ timed, handled }) }));
}
