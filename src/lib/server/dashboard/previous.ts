import type { DuckDBConnection } from '@duckdb/node-api';
import { computeSeries, type SeriesMetric } from '../metrics/index';
import type { MetricsQuery } from '../metrics/filters';
import type { SeriesInterval } from '../metrics/buckets';
import { previousPeriod, toMetricsQuery, type DashboardScope } from './filters';

/** A series over the equal period before the range, and how far to move it forward to lie under the current one. */
export interface PreviousSeries {
	series: { key: string; points: { t: string; value: number | null; max?: number | null }[] }[];
	shiftMs: number;
}

/** The query of the previous equal period and its shift onto the current one; null when the data does not reach back that far (as the tiles). */
export function previousPeriodQuery(scope: DashboardScope): { query: MetricsQuery; shiftMs: number } | null {
	const prior = previousPeriod(scope.filters);
	if (prior.from < scope.options.firstDay) return null;
	return { query: toMetricsQuery(prior), shiftMs: Date.parse(`${scope.filters.from}T00:00:00Z`) - Date.parse(`${prior.from}T00:00:00Z`) };
}

/** The same series over the previous equal period, per mode (with its max where the metric has one); null without one. */
export async function previousSeries(
	connection: DuckDBConnection,
	scope: DashboardScope,
	metric: SeriesMetric,
	interval: SeriesInterval
): Promise<PreviousSeries | null> {
	const prior = previousPeriodQuery(scope);
	if (!prior) return null;
	const result = await computeSeries(connection, metric, { ...prior.query, by: 'mode', interval });
	return {
		series: result.series.map((s) => ({ key: s.key, points: s.points.map(({ t, value, max }) => (max === undefined ? { t, value } : { t, value, max })) })),
		shiftMs: prior.shiftMs
	};
}
