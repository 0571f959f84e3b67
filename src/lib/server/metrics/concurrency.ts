/**
 * Where a selection's concurrency comes from, decided here only (metrics.md `concurrency_mean`, `concurrency_max` and the
 * concurrency series): the whole dataset's is stored at derive (group values, level segments, daily pieces); anything
 * narrower is swept per request from its assigned windows (pieces.ts), the same exact integer sums either way.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/sql';
import { cachedResult } from './cache';
import { hasDailyConcurrency, storedDailyPieces } from './daily';
import type { FilterSql, MetricsQuery, ResolvedDataset } from './filters';
import { groupConcurrencyOf, pieceWidth, segmentPieces, sweptGroupConcurrency, sweptPieces, type ConcurrencyPiece, type GroupConcurrency } from './pieces';
import type { SeriesInterval } from './buckets';
import { agentGroups } from './whole';

export type { GroupConcurrency } from './pieces';

/** stored: derived at ingest (group values or level segments); daily: the stored daily pieces; swept: a sweep per request. */
export type ConcurrencyPath = 'stored' | 'daily' | 'swept';

/** The stored unfiltered concurrency of a grouping. */
export async function storedGroupConcurrency(connection: DuckDBConnection, datasetId: number, dimension: string): Promise<GroupConcurrency[]> {
	return queryRows<GroupConcurrency & Record<string, unknown>>(
		connection,
		'SELECT key, concurrency_mean, concurrency_max FROM group_concurrency WHERE dataset_id = ? AND dimension = ?',
		[datasetId, dimension]
	);
}

/** A selection and what is known of it: `whole` when its conversations are the whole dataset (whole.ts coversDataset). */
export interface ConcurrencySelection {
	dataset: ResolvedDataset;
	query: MetricsQuery;
	filter: FilterSql;
	keySql: string;
	whole: boolean;
}

/**
 * Per-group concurrency of `metrics`: the stored values for the whole dataset, else a sweep, cut into the pieces a
 * series of the same selection reuses (`withSeries`) or summed straight from its segments (a third cheaper).
 */
export async function groupConcurrency(connection: DuckDBConnection, s: ConcurrencySelection, withSeries: boolean): Promise<GroupConcurrency[]> {
	const query = { ...s.query, dataset: s.dataset.name };
	if (s.whole) return storedGroupConcurrency(connection, s.dataset.datasetId, s.query.by ?? 'mode');
	if (withSeries) return groupConcurrencyOf(await sweptPieces(connection, query, s.filter, s.keySql, pieceWidth(s.filter)));
	return sweptGroupConcurrency(connection, query, s.filter, s.keySql);
}

/**
 * Which stored pieces answer a concurrency series: none (swept) unless the selection is the whole dataset and every agent
 * works in one group (then an agent's k_g(t) is its stored k(t)); daily buckets from the daily pieces when they are stored.
 */
async function seriesPath(connection: DuckDBConnection, s: ConcurrencySelection, interval: SeriesInterval, oneGroup: boolean): Promise<ConcurrencyPath> {
	if (!s.whole || !oneGroup) return 'swept';
	return interval === '1d' && (await hasDailyConcurrency(connection, s.dataset.datasetId)) ? 'daily' : 'stored';
}

/** The pieces of a concurrency series of `interval`: cut at the asked buckets when stored (a year of segments cut at every hour costs ~2x cutting at days). */
export async function seriesConcurrencyPieces(connection: DuckDBConnection, s: ConcurrencySelection, interval: SeriesInterval): Promise<ConcurrencyPiece[]> {
	const groups = s.whole ? await agentGroups(connection, s.dataset.name, s.dataset.datasetId, s.keySql) : null;
	const path = await seriesPath(connection, s, interval, groups?.oneGroup ?? false);
	if (path === 'swept' || !groups) return sweptPieces(connection, { ...s.query, dataset: s.dataset.name }, s.filter, s.keySql, pieceWidth(s.filter, interval));
	const agents = groups.agents;
	// kept per dataset version, grouping and width
	const key = { dataset: s.dataset.name, keySql: s.keySql, interval };
	return cachedResult(connection, 'stored-concurrency-pieces', key, async () => {
		if (agents.length === 0) return [];
		if (path === 'daily') return (await storedDailyPieces(connection, s.dataset.datasetId, agents, s.keySql)) ?? [];
		return segmentPieces(connection, s.dataset.datasetId, agents, s.keySql, interval);
	});
}
