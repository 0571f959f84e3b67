import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne, queryRows } from '../db/sql';
import { buildFilter, groupKeySql, PERIOD_SQL, selectionKey, type FilterSql, type GroupBy, type MetricsQuery } from './filters';
import { cachedResult, keepResult } from './cache';

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

/**
 * frt_s and resolution_s in integer microseconds (the facts view divides them by 1e6): quantiles of the integers
 * take ~40% less time than of the doubles, and divided afterwards they are the same seconds (interpolated ones to the last bits).
 */
export const FRT_US = `date_diff('microsecond', created_at, first_response_at)`;
export const RESOLUTION_US = `CASE WHEN status = 'resolved' THEN date_diff('microsecond', created_at, closed_at) END`;

/** Quantiles in microseconds as seconds; none (no rows) as nulls. */
export function secondsOf(quantilesUs: (number | null)[] | null): (number | null)[] {
	return (quantilesUs ?? [null, null]).map((q) => (q === null ? null : q / 1e6));
}

/** The per-group aggregates of a summary; shares are `null` when their denominator is empty (never 0 for "no data"). */
const SUMMARY_COLUMNS = `count(*) AS conversations,
			count_if(status = 'resolved') AS resolved,
			count_if(status = 'abandoned') AS abandoned,
			count_if(status = 'open') AS open,
			quantile_cont(${FRT_US}, [0.5, 0.9]) AS frt_q_us,
			avg(frt_s) AS frt_mean_s,
			quantile_cont(frt_business_s, 0.5) AS frt_business_p50_s,
			quantile_cont(${RESOLUTION_US}, [0.5, 0.9]) AS resolution_q_us,
			avg(handle_s) AS handle_mean_s,
			count_if(sla_met) / nullif(count_if(sla_eligible), 0) AS sla_attainment,
			avg(after_hours::INTEGER) AS after_hours_share,
			avg(cost) AS cost_per_conversation,
			count_if(csat_satisfied) / nullif(count(csat_satisfied), 0) AS csat_score,
			count_if(contained AND bot_involved) / nullif(count_if(bot_involved), 0) AS containment_rate,
			count_if(repeated AND has_customer) / nullif(count_if(has_customer), 0) AS repeat_contact_rate,
			min(created_at) AS first_created_at,
			max(created_at) AS last_created_at`;

function toSummary(row: Record<string, unknown>): GroupSummary {
	const { frt_q_us, resolution_q_us, period: _period, ...rest } = row;
	const frt = secondsOf(frt_q_us as (number | null)[] | null);
	const resolution = secondsOf(resolution_q_us as (number | null)[] | null);
	return { ...rest, frt_p50_s: frt[0], frt_p90_s: frt[1], resolution_p50_s: resolution[0], resolution_p90_s: resolution[1] } as GroupSummary;
}

/** The summary of each group of the filtered conversations, in key order. */
export async function groupSummaries(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<GroupSummary[]> {
	const rows = await queryRows<Record<string, unknown>>(
		connection,
		`SELECT ${keySql} AS key, ${SUMMARY_COLUMNS} FROM conversation_facts WHERE ${filter.where} GROUP BY ALL ORDER BY key`,
		filter.params
	);
	return rows.map(toSummary);
}

const summariesKey = (query: MetricsQuery, keySql: string) => ({ ...selectionKey(query), keySql });

/** groupSummaries kept per dataset version and selection (keepPairedSummaries may have computed them already). */
export function selectionSummaries(connection: DuckDBConnection, query: MetricsQuery, filter: FilterSql, keySql: string): Promise<GroupSummary[]> {
	return cachedResult(connection, 'summaries', summariesKey(query, keySql), () => groupSummaries(connection, filter, keySql));
}

/**
 * The summaries of two consecutive selections that differ only in their dates (`earlier` ends where `later` starts)
 * from one scan, kept as each one's own: on a table not stored in created_at order every date range reads every
 * row group, so one grouped scan of both periods took ~30% less than two.
 */
export async function keepPairedSummaries(
	connection: DuckDBConnection,
	earlier: { query: MetricsQuery },
	later: { query: MetricsQuery; filter: FilterSql },
	span: FilterSql,
	keySql: string
): Promise<void> {
	const rows = await queryRows<Record<string, unknown> & { period: number }>(
		connection,
		`SELECT ${PERIOD_SQL} AS period, ${keySql} AS key, ${SUMMARY_COLUMNS}
		FROM conversation_facts WHERE ${span.where} GROUP BY ALL ORDER BY period, key`,
		[later.filter.from, ...span.params]
	);
	await keepResult(connection, 'summaries', summariesKey(earlier.query, keySql), rows.filter((r) => r.period === 0).map(toSummary));
	await keepResult(connection, 'summaries', summariesKey(later.query, keySql), rows.filter((r) => r.period === 1).map(toSummary));
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
	const row = await queryOne<{ summaries: string }>(connection, 'SELECT summaries FROM group_summaries WHERE dataset_id = ? AND dimension = ?', [
		datasetId,
		by
	]);
	if (!row) return null;
	return (JSON.parse(row.summaries) as (GroupSummary & { first_created_at: string; last_created_at: string })[]).map((s) => ({
		...s,
		first_created_at: new Date(s.first_created_at),
		last_created_at: new Date(s.last_created_at)
	}));
}
