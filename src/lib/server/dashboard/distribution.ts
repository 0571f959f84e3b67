import type { DuckDBConnection } from '@duckdb/node-api';
import { joinSql, queryRows, raw, sql } from '../db/sql';
import { buildFilter, groupKeySql, type GroupBy } from '../metrics/filters';
import type { MetricsQuery } from '../metrics/index';

/** Which duration a distribution is of; business = first response counted in business hours only. */
export type DurationMeasure = 'frt' | 'frt_business' | 'resolution';

const COLUMN: Record<DurationMeasure, string> = { frt: 'frt_s', frt_business: 'frt_business_s', resolution: 'resolution_s' };

/**
 * Bin edges in seconds, roughly logarithmic: sync waits live in seconds, async ones in hours and days.
 * The last bin is open-ended.
 */
export const DURATION_EDGES = [0, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 259_200, 604_800];

export interface DistributionBin {
	lo: number;
	hi: number | null;
	counts: Record<string, number>;
}

/**
 * Counts per bin and group in one scan: the bin index of a value is how many edges are <= it
 * (every edge bound as a parameter). Values below the first edge (negative) are left out.
 */
export async function durationHistogram(
	connection: DuckDBConnection,
	datasetId: number,
	query: MetricsQuery,
	measure: DurationMeasure,
	by: GroupBy = 'mode',
	edges: number[] = DURATION_EDGES
): Promise<{ keys: string[]; bins: DistributionBin[] }> {
	const filter = buildFilter(datasetId, query);
	const column = COLUMN[measure];
	const binSql = joinSql(
		edges.map((edge) => sql`(${raw(column)} >= ${edge})::INTEGER`),
		' + '
	);
	const rows = await queryRows<{ key: string; bin: number; n: number }>(
		connection,
		sql`SELECT key, bin, count(*) AS n FROM (
			SELECT ${raw(groupKeySql(by))} AS key, ${binSql} AS bin FROM conversation_facts WHERE ${filter.where} AND ${raw(column)} IS NOT NULL
		) WHERE bin > 0 GROUP BY ALL ORDER BY key, bin`
	);
	const keys = [...new Set(rows.map((r) => r.key))].sort((a, b) => (a === 'sync' ? -1 : b === 'sync' ? 1 : a.localeCompare(b)));
	const bins = edges.map((lo, i) => ({
		lo,
		hi: i + 1 < edges.length ? edges[i + 1] : null,
		counts: Object.fromEntries(keys.map((k) => [k, rows.find((r) => r.key === k && r.bin === i + 1)?.n ?? 0]))
	}));
	// trailing empty bins say nothing; keep at least the first one
	while (bins.length > 1 && Object.values(bins[bins.length - 1].counts).every((n) => n === 0)) bins.pop();
	return { keys, bins };
}

export interface PercentileRow extends Record<string, unknown> {
	key: string;
	conversations: number;
	measured: number;
	mean_s: number | null;
	p50_s: number | null;
	p75_s: number | null;
	p90_s: number | null;
	p95_s: number | null;
}

/** Mean and percentiles (quantile_cont, as metrics.md) of one duration per group. */
export async function durationPercentiles(
	connection: DuckDBConnection,
	datasetId: number,
	query: MetricsQuery,
	measure: DurationMeasure,
	by: GroupBy
): Promise<PercentileRow[]> {
	const filter = buildFilter(datasetId, query);
	const column = COLUMN[measure];
	const rows = await queryRows<Record<string, unknown>>(
		connection,
		sql`SELECT ${raw(groupKeySql(by))} AS key, count(*) AS conversations, count(${raw(column)}) AS measured, avg(${raw(column)}) AS mean_s,
			quantile_cont(${raw(column)}, [0.5, 0.75, 0.9, 0.95]) AS q
		FROM conversation_facts WHERE ${filter.where} GROUP BY ALL ORDER BY key`
	);
	return rows.map(({ q, ...rest }) => {
		const [p50, p75, p90, p95] = (q as (number | null)[] | null) ?? [null, null, null, null];
		return { ...rest, p50_s: p50, p75_s: p75, p90_s: p90, p95_s: p95 } as PercentileRow;
	});
}
