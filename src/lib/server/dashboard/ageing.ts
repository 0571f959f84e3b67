import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type SqlParam } from '../db/sql';
import { ceilBucketSql } from '../metrics/backlog';
import { buildFilter } from '../metrics/filters';
import { SERIES_INTERVALS, type SeriesInterval } from '../metrics/series';
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
	const step = SERIES_INTERVALS[interval];
	const from = filter.from;
	const to = filter.to;
	if (!from || !to) return [];
	const bandRows = AGE_BANDS.map(() => '(?::INTEGER, ?::DOUBLE, ?::DOUBLE)').join(', ');
	const bandParams: SqlParam[] = AGE_BANDS.flatMap((b, i) => [i, b.lo, b.hi]);
	// conversations created before `from` can still be open in range: take everything created before `to`
	const scope = buildFilter(datasetId, { ...query, from: undefined });
	const rows = await queryRows<{ band: number; t: Date; level: number }>(
		connection,
		`WITH bands(band, lo, hi) AS (VALUES ${bandRows}),
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
			WHERE ${scope.where} AND (backlog_end_at IS NULL OR backlog_end_at > ?::TIMESTAMP)
		),
		entered AS (SELECT * FROM spans WHERE enter_at < ?::TIMESTAMP AND (leave_at IS NULL OR leave_at > enter_at)),
		deltas AS (
			SELECT band, ${ceilBucketSql('enter_at', step)} AS t, 1 AS delta FROM entered
			UNION ALL
			SELECT band, ${ceilBucketSql('leave_at', step)}, -1 FROM entered WHERE leave_at IS NOT NULL
			UNION ALL
			SELECT band, unnest(generate_series(?::TIMESTAMP, ?::TIMESTAMP - INTERVAL 1 MICROSECOND, ${step})), 0 FROM bands
		),
		levels AS (SELECT band, t, sum(sum(delta)) OVER (PARTITION BY band ORDER BY t) AS level FROM deltas GROUP BY band, t)
		SELECT band, t, level FROM levels WHERE t >= ?::TIMESTAMP AND t < ?::TIMESTAMP ORDER BY t, band`,
		[...bandParams, ...scope.params, from, to, from, to, from, to]
	);
	const byTime = new Map<number, number[]>();
	for (const row of rows) {
		const key = row.t.getTime();
		if (!byTime.has(key)) byTime.set(key, AGE_BANDS.map(() => 0));
		byTime.get(key)![row.band] = row.level;
	}
	return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, bands]) => ({ t: new Date(t).toISOString(), bands }));
}
