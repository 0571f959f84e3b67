/**
 * Two consecutive periods of one selection (the Overview's range and the equal one before it, for the deltas): their
 * summaries and hourly backlog samples from one scan each instead of one per period (on a table not stored in created_at
 * order every date range reads every row group, so a scan of both periods costs little more than a scan of one), and
 * their two sweeps in one statement, which DuckDB runs side by side (less idle core time than one after the other).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, sql } from '../db/sql';
import { hasResult, keepingResults, keepResult } from './cache';
import { keepPairedBacklogSamples } from './backlog';
import { buildFilter, groupKeySql, resolveDataset, selectionKey, type FilterSql, type MetricsQuery } from './filters';
import { groupConcurrencyOf, groupsKey, pieceWidth, piecesKey, shortRange, sweepGroupsSql, sweepPiecesSql } from './pieces';
import { toPieces, type PieceRow } from './pieceSql';
import { keepPairedSummaries } from './summary';
import { coversDataset } from './whole';

/** The two queries choose the same conversations but for their dates, and `earlier` ends where `later` starts. */
function adjacent(earlier: MetricsQuery, later: MetricsQuery): boolean {
	const rest = (q: MetricsQuery) => JSON.stringify({ ...selectionKey(q), from: undefined, to: undefined, by: q.by });
	return Boolean(earlier.from && earlier.to && later.from && later.to) && earlier.to === later.from && rest(earlier) === rest(later);
}

/**
 * Computes what computeMetrics(earlier, { withSeries: false }) and computeMetrics(later) would scan and sweep for
 * (summaries; hourly backlog samples of short ranges; the earlier group concurrency and the later pieces) in one
 * statement each and keeps it for them; does nothing when both are kept already, or when the periods are not adjacent
 * or `later` covers the whole dataset (stored values answer it).
 */
export async function prepareAdjacentPeriods(connection: DuckDBConnection, earlier: MetricsQuery, later: MetricsQuery): Promise<void> {
	if (!adjacent(earlier, later)) return;
	if ((await hasResult(connection, 'metrics', earlier)) && (await hasResult(connection, 'metrics', later))) return;
	const dataset = await resolveDataset(connection, later.dataset);
	const keySql = groupKeySql(later.by);
	const named = (q: MetricsQuery) => ({ ...q, dataset: dataset.name });
	const first = { query: named(earlier), filter: buildFilter(dataset.datasetId, earlier) };
	const second = { query: named(later), filter: buildFilter(dataset.datasetId, later) };
	if (await coversDataset(connection, dataset.datasetId, second.filter)) return;
	const span = buildFilter(dataset.datasetId, { ...later, from: earlier.from });
	await keepingResults(connection, dataset.name, async () => {
		await keepPairedSummaries(connection, first, second, span, keySql);
		if (shortRange(first.filter) && shortRange(second.filter)) await keepPairedBacklogSamples(connection, first, second, span, keySql);
		await keepPairedSweeps(connection, first, second, keySql);
	});
}

/** The earlier period's group concurrency (it is asked without series) and the later one's pieces, from one statement. */
async function keepPairedSweeps(
	connection: DuckDBConnection,
	earlier: { query: MetricsQuery; filter: FilterSql },
	later: { query: MetricsQuery; filter: FilterSql },
	keySql: string
): Promise<void> {
	const width = pieceWidth(later.filter);
	const groups = sweepGroupsSql(earlier.filter, keySql);
	const pieces = sweepPiecesSql(later.filter, keySql, width);
	const rows = await queryRows<PieceRow & { period: number }>(
		connection,
		sql`SELECT 0 AS period, * FROM (${groups}) UNION ALL SELECT 1 AS period, * FROM (${pieces}) ORDER BY period, key, t`
	);
	await keepResult(connection, 'concurrency-groups', groupsKey(earlier.query, keySql), groupConcurrencyOf(toPieces(rows.filter((r) => r.period === 0))));
	await keepResult(connection, 'concurrency-pieces', piecesKey(later.query, keySql, width), toPieces(rows.filter((r) => r.period === 1)));
}
