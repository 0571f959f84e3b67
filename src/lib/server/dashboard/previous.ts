import type { DuckDBConnection } from '@duckdb/node-api';
import { computeSeries, type SeriesMetric } from '../metrics/index';
import { previousPeriod, toMetricsQuery, type DashboardScope } from './filters';

/** A series over the equal period before the range, and how far to move it forward to lie under the current one. */
export interface PreviousSeries {
	series: { key: string; points: { t: string; value: number | null }[] }[];
	shiftMs: number;
}

/** The same series over the previous equal period, per mode; null when the data does not reach back that far (as the tiles). */
export async function previousSeries(
	connection: DuckDBConnection,
	scope: DashboardScope,
	metric: SeriesMetric,
	interval: '1h' | '1d'
): Promise<PreviousSeries | null> {
	const prior = previousPeriod(scope.filters);
	if (prior.from < scope.options.firstDay) return null;
	const result = await computeSeries(connection, metric, { ...toMetricsQuery(prior), by: 'mode', interval });
	return {
		series: result.series.map((s) => ({ key: s.key, points: s.points.map(({ t, value }) => ({ t, value })) })),
		shiftMs: Date.parse(`${scope.filters.from}T00:00:00Z`) - Date.parse(`${prior.from}T00:00:00Z`)
	};
}
