/**
 * Concurrency per group and bucket as exact integer sums ("pieces"): for each (key, bucket) the sum of
 * k x held microseconds, the held microseconds and the top level, every level segment cut at the bucket
 * edges it crosses. One sweep's hourly pieces answer both the group values of `metrics` (summed over all
 * buckets) and the hourly or daily series, so a page that shows both sweeps once. Sums are exact
 * (HUGEINT, carried as text), and every ratio is the one SQL computed: sum(k x held) / sum(held).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, raw, sql, type Sql } from '../db/sql';
import { cachedResult } from './cache';
import { selectionKey, type FilterSql, type MetricsQuery } from './filters';
import { SEGMENTS_CTES } from './levels';
import { INTERVAL_MS, type SeriesInterval } from './buckets';
import type { SeriesPoint } from './seriesShape';
import { agentsRelation, piecesSql, toPieces, type ConcurrencyPiece, type PieceRow } from './pieceSql';

export type { ConcurrencyPiece } from './pieceSql';

/** A group's concurrency (metrics.md `concurrency_mean`, `concurrency_max`); concurrency.ts picks where it comes from. */
export interface GroupConcurrency {
	key: string;
	concurrency_mean: number | null;
	concurrency_max: number | null;
}

/** The sweep's windows: the filtered conversations' assigned windows, each under its group. */
const windowsSql = (filter: FilterSql, keySql: string) => sql`windows AS (
		SELECT ${raw(keySql)} AS key, agent_no, first_response_at AS s, closed_at AS e
		FROM conversation_facts
		WHERE ${filter.where} AND agent_no IS NOT NULL AND closed_at > first_response_at
	)`;

/** SQL of the k_g pieces (key, t, weighted, held, top) of a sweep, cut at `interval` buckets. */
export function sweepPiecesSql(filter: FilterSql, keySql: string, interval: SeriesInterval): Sql {
	return sql`WITH ${windowsSql(filter, keySql)},
		${raw(SEGMENTS_CTES)},
		-- the sweep's output is read twice (inside and crossing a bucket edge): computed once
		cut AS MATERIALIZED (SELECT key, k, epoch_us(ts) AS s, epoch_us(next_ts) AS e FROM segments)
		${raw(piecesSql('cut', INTERVAL_MS[interval] * 1000))}`;
}

/** SQL of one piece per group (key, t = epoch, weighted, held, top) summing a sweep's segments without cutting them. */
export function sweepGroupsSql(filter: FilterSql, keySql: string): Sql {
	return sql`WITH ${windowsSql(filter, keySql)},
		${raw(SEGMENTS_CTES)}
		SELECT key, make_timestamp(0) AS t, sum(k * (e - s))::VARCHAR AS weighted, sum(e - s)::VARCHAR AS held, max(k) AS top
		FROM (SELECT key, k, epoch_us(ts) AS s, epoch_us(next_ts) AS e FROM segments) GROUP BY key ORDER BY key`;
}

/** The cache keys of a selection's pieces and of its group values. */
export const piecesKey = (query: MetricsQuery, keySql: string, interval: SeriesInterval) => ({ ...selectionKey(query), keySql, interval });
export const groupsKey = (query: MetricsQuery, keySql: string) => ({ ...selectionKey(query), keySql });

/** k_g pieces from a sweep over the filtered conversations' assigned windows, kept per dataset version and query. */
export function sweptPieces(
	connection: DuckDBConnection,
	query: MetricsQuery,
	filter: FilterSql,
	keySql: string,
	interval: SeriesInterval
): Promise<ConcurrencyPiece[]> {
	return cachedResult(connection, 'concurrency-pieces', piecesKey(query, keySql, interval), async () => {
		const sweep = sweepPiecesSql(filter, keySql, interval);
		return toPieces(await queryRows<PieceRow>(connection, sweep));
	});
}

/**
 * metrics.md `concurrency_mean` and `concurrency_max` per group straight from a sweep's segments, without cutting them
 * into pieces: for a query no series of the same selection follows (the Overview's previous period), where the cut was
 * about a third of the sweep's time. The same exact sums as groupConcurrencyOf(sweptPieces(...)).
 */
export function sweptGroupConcurrency(connection: DuckDBConnection, query: MetricsQuery, filter: FilterSql, keySql: string): Promise<GroupConcurrency[]> {
	return cachedResult(connection, 'concurrency-groups', groupsKey(query, keySql), async () => {
		const sweep = sweepGroupsSql(filter, keySql);
		return groupConcurrencyOf(toPieces(await queryRows<PieceRow>(connection, sweep)));
	});
}

/**
 * Pieces of the whole dataset cut from the stored level segments, each agent's segments under its only group
 * (`agentKeys`: valid only when every agent works in one group).
 */
export async function segmentPieces(
	connection: DuckDBConnection,
	datasetId: number,
	agentKeys: { agent: string; key: string }[],
	keySql: string,
	interval: SeriesInterval
): Promise<ConcurrencyPiece[]> {
	const agents = agentsRelation(datasetId, agentKeys, keySql);
	return toPieces(
		await queryRows<PieceRow>(
			connection,
			sql`WITH agents(agent_id, key) AS (${agents}),
			-- read twice, but joining again costs less than keeping 10 M rows
			cut AS NOT MATERIALIZED (
				SELECT a.key, c.k, epoch_us(c.start_at) AS s, epoch_us(c.end_at) AS e
				FROM concurrency_segments c JOIN agents a ON a.agent_id = c.agent_id
				WHERE c.dataset_id = ${datasetId} AND c.k > 0
			)
			${raw(piecesSql('cut', INTERVAL_MS[interval] * 1000))}`
		)
	);
}

/** Ranges up to this long keep hourly pieces (the dashboard's hourly charts); longer ones daily, a few hundred rows a group. */
const HOURLY_PIECES_MAX_MS = 45 * 86_400_000;

/** A range short enough that its hourly samples or pieces are worth keeping for the page's other queries. */
export function shortRange(filter: FilterSql): boolean {
	return filter.from !== null && filter.to !== null && filter.to.getTime() - filter.from.getTime() <= HOURLY_PIECES_MAX_MS;
}

/**
 * The piece width that serves `metrics` and a series of `interval` (none: metrics) over the filter's range from one
 * sweep: hourly on short ranges, daily on long ones; 15- and 30-minute series get their own.
 */
export function pieceWidth(filter: FilterSql, interval?: SeriesInterval): SeriesInterval {
	if (interval === '15m' || interval === '30m' || interval === '1h') return interval;
	return shortRange(filter) ? '1h' : '1d';
}

const ratio = (weighted: bigint, held: bigint) => (held === 0n ? null : Number(weighted) / Number(held));

/** The pieces summed exactly per `idOf(piece)`, in first-seen order. */
function sumPieces(pieces: ConcurrencyPiece[], idOf: (p: ConcurrencyPiece) => string): Map<string, { weighted: bigint; held: bigint; top: number }> {
	const sums = new Map<string, { weighted: bigint; held: bigint; top: number }>();
	for (const p of pieces) {
		const s = sums.get(idOf(p)) ?? { weighted: 0n, held: 0n, top: -Infinity };
		s.weighted += BigInt(p.weighted);
		s.held += BigInt(p.held);
		s.top = Math.max(s.top, p.top);
		sums.set(idOf(p), s);
	}
	return sums;
}

/** metrics.md `concurrency_mean` (busy-time weighted) and `concurrency_max` per group, from its pieces. */
export function groupConcurrencyOf(pieces: ConcurrencyPiece[]): GroupConcurrency[] {
	return [...sumPieces(pieces, (p) => p.key).entries()].map(([key, s]) => ({ key, concurrency_mean: ratio(s.weighted, s.held), concurrency_max: s.top }));
}

/**
 * Per bucket of `interval` (a multiple of the pieces' width) and group: the time-weighted mean and the max of k.
 * Keys in `ranges` order; every bucket of a key's [lo, hi) is present, null where nothing was held.
 */
export function bucketConcurrency(
	pieces: ConcurrencyPiece[],
	interval: SeriesInterval,
	ranges: { key: string; lo: number; hi: number }[]
): { key: string; points: SeriesPoint[] }[] {
	const width = INTERVAL_MS[interval];
	const sums = sumPieces(pieces, (p) => `${Math.floor(p.t / width) * width}|${p.key}`);
	return ranges.map(({ key, lo, hi }) => {
		const points: SeriesPoint[] = [];
		for (let t = lo; t < hi; t += width) {
			const s = sums.get(`${t}|${key}`);
			points.push({ t: new Date(t).toISOString(), value: s ? ratio(s.weighted, s.held) : null, max: s ? s.top : null });
		}
		return { key, points };
	});
}
