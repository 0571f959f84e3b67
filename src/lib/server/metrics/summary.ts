import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne, queryRows } from '../db/sql';
import { buildFilter, groupKeySql, type FilterSql, type GroupBy } from './filters';

/** The per-group fields that one scan of the facts answers (counts, percentiles, shares, cost). */
export interface GroupSummary {
	key: string;
	conversations: number;
	resolved: number;
	abandoned: number;
	open: number;
	frt_p50_s: number | null;
	frt_p90_s: number | null;
	frt_mean_s: number | null;
	frt_business_p50_s: number | null;
	resolution_p50_s: number | null;
	resolution_p90_s: number | null;
	handle_mean_s: number | null;
	sla_attainment: number | null;
	after_hours_share: number | null;
	cost_per_conversation: number | null;
	csat_score: number | null;
	containment_rate: number | null;
	repeat_contact_rate: number | null;
	first_created_at: Date;
	last_created_at: Date;
}

/** Shares are `null` when their denominator is empty (never 0 for "no data"). */
export async function groupSummaries(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<GroupSummary[]> {
	const rows = await queryRows<Record<string, unknown>>(
		connection,
		`SELECT ${keySql} AS key,
			count(*) AS conversations,
			count_if(status = 'resolved') AS resolved,
			count_if(status = 'abandoned') AS abandoned,
			count_if(status = 'open') AS open,
			quantile_cont(frt_s, [0.5, 0.9]) AS frt_q,
			avg(frt_s) AS frt_mean_s,
			quantile_cont(frt_business_s, 0.5) AS frt_business_p50_s,
			quantile_cont(resolution_s, [0.5, 0.9]) AS resolution_q,
			avg(handle_s) AS handle_mean_s,
			count_if(sla_met) / nullif(count_if(sla_eligible), 0) AS sla_attainment,
			avg(after_hours::INTEGER) AS after_hours_share,
			avg(cost) AS cost_per_conversation,
			count_if(csat_satisfied) / nullif(count(csat_satisfied), 0) AS csat_score,
			count_if(contained AND bot_involved) / nullif(count_if(bot_involved), 0) AS containment_rate,
			count_if(repeated AND has_customer) / nullif(count_if(has_customer), 0) AS repeat_contact_rate,
			min(created_at) AS first_created_at,
			max(created_at) AS last_created_at
		FROM conversation_facts WHERE ${filter.where}
		GROUP BY ALL ORDER BY key`,
		filter.params
	);
	return rows.map((row) => {
		const { frt_q, resolution_q, ...rest } = row;
		const frt = (frt_q as (number | null)[] | null) ?? [null, null];
		const resolution = (resolution_q as (number | null)[] | null) ?? [null, null];
		return { ...rest, frt_p50_s: frt[0], frt_p90_s: frt[1], resolution_p50_s: resolution[0], resolution_p90_s: resolution[1] } as GroupSummary;
	});
}

/** The grouping whose whole-dataset summary is stored at ingest: the default of `metrics` and of every dashboard page. */
const STORED_GROUPING: GroupBy = 'mode';

/**
 * Stores the whole dataset's summaries by mode, computed by `groupSummaries` over every row: the first page or
 * `metrics` call over all of a dataset reads them instead of a full scan (its exact percentiles took ~1.3 s at 10 M rows).
 */
export async function storeWholeSummaries(connection: DuckDBConnection, datasetId: number): Promise<void> {
	const summaries = await groupSummaries(connection, buildFilter(datasetId, {}), groupKeySql(STORED_GROUPING));
	await execute(connection, 'INSERT INTO group_summaries VALUES (?, ?, ?)', [datasetId, STORED_GROUPING, JSON.stringify(summaries)]);
}

/** The stored whole-dataset summaries of a grouping, or null when none are stored (another grouping, a dataset derived before they were). */
export async function storedWholeSummaries(connection: DuckDBConnection, datasetId: number, by: GroupBy): Promise<GroupSummary[] | null> {
	if (by !== STORED_GROUPING) return null;
	const row = await queryOne<{ summaries: string }>(connection, 'SELECT summaries FROM group_summaries WHERE dataset_id = ? AND dimension = ?', [datasetId, by]);
	if (!row) return null;
	return (JSON.parse(row.summaries) as (GroupSummary & { first_created_at: string; last_created_at: string })[]).map((s) => ({
		...s,
		first_created_at: new Date(s.first_created_at),
		last_created_at: new Date(s.last_created_at)
	}));
}
