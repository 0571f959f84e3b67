import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, queryRows, raw, sql } from '../db/sql';
import { periodSql, selectionKey, type FilterSql, type GroupBy, type MetricsQuery } from './filters';
import { cachedResult, keepResult } from './cache';
import { METRIC_FIELDS, type MetricValues } from '../../metrics/fields';
import { createHash } from 'node:crypto';

/** The per-group fields that one scan of the facts answers (counts, percentiles, shares, cost): the table's aggregate and quantile fields. */
export type GroupSummary = { key: string } & Omit<MetricValues, PassField> & { first_created_at: Date; last_created_at: Date };

/** The fields another pass computes (concurrency sweep, backlog samples). */
type PassField = Extract<(typeof METRIC_FIELDS)[number], { source: { pass: string } }>['name'];

const summaryFields = METRIC_FIELDS.filter((f) => !('pass' in f.source));

/** The quantile fields of one expression share one list aggregate (one sort): its fields in the order of their quantiles. */
const quantileLists = [...new Set(summaryFields.flatMap((f) => ('quantileUs' in f.source ? [f.source.quantileUs] : [])))].map((expression, i) => ({
	column: `q${i}_us`,
	expression,
	fields: summaryFields.flatMap((f) => ('quantileUs' in f.source && f.source.quantileUs === expression ? [{ name: f.name, at: f.source.at }] : []))
}));

/** Quantiles in microseconds as seconds; none (no rows) as nulls. */
export function secondsOf(quantilesUs: (number | null)[] | null): (number | null)[] {
	return (quantilesUs ?? [null, null]).map((q) => (q === null ? null : q / 1e6));
}

/** The per-group aggregates of a summary, from the field table; shares are `null` when their denominator is empty (never 0 for "no data"). */
const SUMMARY_COLUMNS = raw(
	[
		...summaryFields.flatMap((f) => ('aggregate' in f.source ? [`${f.source.aggregate} AS ${f.name}`] : [])),
		...quantileLists.map((q) => `quantile_cont(${q.expression}, [${q.fields.map((f) => f.at).join(', ')}]) AS ${q.column}`),
		'min(created_at) AS first_created_at',
		'max(created_at) AS last_created_at'
	].join(',\n\t\t\t')
);

/**
 * What the stored whole-dataset summaries were computed from: the summary fields and their SQL. A database whose stored
 * summaries carry another hash (a field added, a definition changed) recomputes them when opened.
 */
export const SUMMARY_FIELDS_HASH = createHash('sha256')
	.update(JSON.stringify(summaryFields.map((f) => [f.name, f.source])))
	.digest('hex')
	.slice(0, 16);

function toSummary(row: Record<string, unknown>): GroupSummary {
	const { period: _period, ...summary } = row;
	for (const list of quantileLists) {
		const values = secondsOf(summary[list.column] as (number | null)[] | null);
		delete summary[list.column];
		list.fields.forEach((f, i) => (summary[f.name] = values[i]));
	}
	return summary as GroupSummary;
}

/** The summary of each group of the filtered conversations, in key order. */
export async function groupSummaries(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<GroupSummary[]> {
	const rows = await queryRows<Record<string, unknown>>(
		connection,
		sql`SELECT ${raw(keySql)} AS key, ${SUMMARY_COLUMNS} FROM conversation_facts WHERE ${filter.where} GROUP BY ALL ORDER BY key`
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
		sql`SELECT ${periodSql(later.filter.from)} AS period, ${raw(keySql)} AS key, ${SUMMARY_COLUMNS}
		FROM conversation_facts WHERE ${span.where} GROUP BY ALL ORDER BY period, key`
	);
	await keepResult(connection, 'summaries', summariesKey(earlier.query, keySql), rows.filter((r) => r.period === 0).map(toSummary));
	await keepResult(connection, 'summaries', summariesKey(later.query, keySql), rows.filter((r) => r.period === 1).map(toSummary));
}

/** The grouping whose whole-dataset summary is stored at ingest: the default of `metrics` and of every dashboard page. */
export const STORED_GROUPING: GroupBy = 'mode';

/** The stored whole-dataset summaries of a grouping, or null when none of this field list are stored (another grouping, a dataset derived before they were). */
export async function storedWholeSummaries(connection: DuckDBConnection, datasetId: number, by: GroupBy): Promise<GroupSummary[] | null> {
	if (by !== STORED_GROUPING) return null;
	const row = await queryOne<{ summaries: string }>(
		connection,
		'SELECT summaries FROM group_summaries WHERE dataset_id = ? AND dimension = ? AND fields_hash = ?',
		[datasetId, by, SUMMARY_FIELDS_HASH]
	);
	if (!row) return null;
	return (JSON.parse(row.summaries) as (GroupSummary & { first_created_at: string; last_created_at: string })[]).map((s) => ({
		...s,
		first_created_at: new Date(s.first_created_at),
		last_created_at: new Date(s.last_created_at)
	}));
}
