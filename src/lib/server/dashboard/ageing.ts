import type { DuckDBConnection } from '@duckdb/node-api';
import { joinSql, queryRows, raw, sql, type Sql } from '../db/sql';
import { ceilBucketSql, sampledLevelsSql } from '../metrics/backlog';
import { buildFilter } from '../metrics/filters';
import { ceilUsSql, INTERVAL_MS, SERIES_INTERVALS, type SeriesInterval } from '../metrics/buckets';
import type { MetricsQuery } from '../metrics/index';

/** The ageing bands of the open backlog (product.md /workload), by age in seconds: [lo, hi). */
export const AGE_BANDS = [
	{ label: '0-1 h', lo: 0, hi: 3600 },
	{ label: '1-4 h', lo: 3600, hi: 14_400 },
	{ label: '4-24 h', lo: 14_400, hi: 86_400 },
	{ label: '1-3 d', lo: 86_400, hi: 259_200 },
	{ label: '> 3 d', lo: 259_200, hi: null }
] as const;

export interface AgeingPoint {
	t: string;
	/** open conversations per band, in AGE_BANDS order */
	bands: number[];
}

/**
 * The open backlog at each bucket start t of [from, to), split by age (t - created_at), with the backlog
 * definition of metrics.md (open while created_at <= t < end). Computed with per-band +1/-1 deltas and a
 * running sum (a conversation enters band b at created + lo and leaves at min(end, created + hi)), never a range join.
 */
export async function backlogByAge(connection: DuckDBConnection, datasetId: number, query: MetricsQuery, interval: SeriesInterval): Promise<AgeingPoint[]> {
	const filter = buildFilter(datasetId, query);
	const from = filter.from;
	const to = filter.to;
	if (!from || !to) return [];
	const range: AgeingRange = { datasetId, query, interval, from, to };
	const rows = onGrid(from, to, interval) ? await ageingLevelsByStart(connection, range) : await ageingLevelsBySpan(connection, range);
	const byTime = new Map<number, number[]>();
	for (const row of rows) {
		const key = row.t.getTime();
		if (!byTime.has(key))
			byTime.set(
				key,
				AGE_BANDS.map(() => 0)
			);
		byTime.get(key)![row.band] = row.level;
	}
	return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, bands]) => ({ t: new Date(t).toISOString(), bands }));
}

export type LevelRow = { band: number; t: Date; level: number };

/** What the ageing levels are asked for: a dataset's filtered conversations, sampled every `interval` over [from, to). */
export interface AgeingRange {
	datasetId: number;
	query: MetricsQuery;
	interval: SeriesInterval;
	from: Date;
	to: Date;
}

/**
 * The query both paths end with: each band sampled at every bucket start of [from, to) from the CTEs `ctes` (which define
 * `bands(band, ...)` and `deltas(band, t, delta)`, t in epoch microseconds) by the backlog's one sampling (sampledLevelsSql),
 * as (band, t, level) rows in time order.
 */
function bandLevelsSql(ctes: Sql, from: Date, to: Date, interval: SeriesInterval): Sql {
	return sql`SELECT band, make_timestamp(t) AS t, level FROM (
		WITH ${ctes},
		ranges AS (SELECT band, epoch_us(${from}::TIMESTAMP) AS lo, epoch_us(${to}::TIMESTAMP) AS hi FROM bands),
		${raw(sampledLevelsSql(['band'], INTERVAL_MS[interval] * 1000))}
	) ORDER BY t, band`;
}

/** Every band edge and both range ends fall on the bucket grid: then ceil(created + edge) = ceil(created) + edge. */
function onGrid(from: Date, to: Date, interval: SeriesInterval): boolean {
	const step = INTERVAL_MS[interval];
	const edges = AGE_BANDS.flatMap((b) => [b.lo, b.hi ?? 0]).map((s) => s * 1000);
	return [from.getTime(), to.getTime(), ...edges].every((ms) => ms % step === 0);
}

/**
 * The same levels from two small aggregates instead of a row per conversation and band: a conversation
 * open for d > 0 reaches the bands whose lower edge is below d (`reached` of them); it enters band b at
 * ceil(created) + lo, leaves each band below its last at ceil(created) + hi, and leaves its last one at ceil(end).
 * Counting per (ceil(created), reached) and (ceil(end), reached) makes the work one scan, whatever the range.
 * Deltas at or after `to` are never summed into a sample in range, so they need no filter.
 */
export async function ageingLevelsByStart(connection: DuckDBConnection, range: AgeingRange): Promise<LevelRow[]> {
	const { datasetId, query, interval, from, to } = range;
	const bandRows = joinSql(
		AGE_BANDS.map((b, i) => sql`(${i}::INTEGER, ${b.lo * 1_000_000}::BIGINT, ${b.hi === null ? null : b.hi * 1_000_000}::BIGINT)`),
		', '
	);
	// the bands' lower edges ascend, so the count below the age is the first edge (from the top) it exceeds: one CASE instead of a sum of five tests
	const lastBand = AGE_BANDS.length;
	const reachedSql = sql`CASE WHEN end_us IS NULL THEN ${raw(String(lastBand))} ${joinSql(
		[...AGE_BANDS].reverse().map((b, i) => sql`WHEN end_us - created_us > ${b.lo * 1_000_000} THEN ${raw(String(lastBand - i))}`),
		' '
	)} ELSE 0 END`;
	const stepUs = INTERVAL_MS[interval] * 1000;
	const scope = buildFilter(datasetId, { ...query, from: undefined });
	return queryRows<LevelRow>(
		connection,
		bandLevelsSql(
			sql`bands(band, lo_us, hi_us) AS (VALUES ${bandRows}),
		timed AS (
			SELECT * FROM (SELECT epoch_us(created_at) AS created_us, epoch_us(backlog_end_at) AS end_us FROM conversation_facts WHERE ${scope.where})
			WHERE end_us IS NULL OR end_us > epoch_us(${from}::TIMESTAMP)
		),
		counted AS (
			SELECT started_us, ended_us, reached, count(*) AS n, grouping(started_us) AS by_end FROM (
				SELECT ${raw(ceilUsSql('created_us', stepUs))} AS started_us, ${raw(ceilUsSql('end_us', stepUs))} AS ended_us,
					${reachedSql} AS reached
				FROM timed
			) WHERE reached > 0
			GROUP BY GROUPING SETS ((started_us, reached), (ended_us, reached))
		),
		deltas AS (
			SELECT b.band, c.started_us + b.lo_us AS t, c.n AS delta FROM counted c JOIN bands b ON b.band < c.reached WHERE c.by_end = 0
			UNION ALL
			SELECT b.band, c.started_us + b.hi_us, -c.n FROM counted c JOIN bands b ON b.band < c.reached - 1 WHERE c.by_end = 0
			UNION ALL
			SELECT c.reached - 1, c.ended_us, -c.n FROM counted c WHERE c.by_end = 1 AND c.ended_us IS NOT NULL
		)`,
			from,
			to,
			interval
		)
	);
}

/** The levels from one span per conversation and band reached (any grid; the reference the grid path is tested against). */
export async function ageingLevelsBySpan(connection: DuckDBConnection, range: AgeingRange): Promise<LevelRow[]> {
	const { datasetId, query, interval, from, to } = range;
	const step = SERIES_INTERVALS[interval];
	const bandRows = joinSql(
		AGE_BANDS.map((b, i) => sql`(${i}::INTEGER, ${b.lo}::DOUBLE, ${b.hi}::DOUBLE)`),
		', '
	);
	// conversations created before `from` can still be open in range: take everything created before `to`
	const scope = buildFilter(datasetId, { ...query, from: undefined });
	return queryRows<LevelRow>(
		connection,
		bandLevelsSql(
			sql`bands(band, lo, hi) AS (VALUES ${bandRows}),
		spans AS (
			SELECT band,
				created_at + to_microseconds((lo * 1e6)::BIGINT) AS enter_at,
				CASE WHEN hi IS NULL THEN backlog_end_at
					WHEN backlog_end_at IS NULL THEN created_at + to_microseconds((hi * 1e6)::BIGINT)
					ELSE least(backlog_end_at, created_at + to_microseconds((hi * 1e6)::BIGINT)) END AS leave_at
			FROM conversation_facts JOIN bands
				-- only the bands a conversation reaches while still open
				ON backlog_end_at IS NULL OR date_diff('microsecond', created_at, backlog_end_at) > lo * 1e6
			-- one that ended by the range start adds +1 and -1 before every sample: leave it out
			WHERE ${scope.where} AND (backlog_end_at IS NULL OR backlog_end_at > ${from}::TIMESTAMP)
		),
		entered AS (SELECT * FROM spans WHERE enter_at < ${to}::TIMESTAMP AND (leave_at IS NULL OR leave_at > enter_at)),
		deltas AS (
			SELECT band, epoch_us(${ceilBucketSql(raw('enter_at'), step)}) AS t, 1 AS delta FROM entered
			UNION ALL
			SELECT band, epoch_us(${ceilBucketSql(raw('leave_at'), step)}), -1 FROM entered WHERE leave_at IS NOT NULL
		)`,
			from,
			to,
			interval
		)
	);
}
