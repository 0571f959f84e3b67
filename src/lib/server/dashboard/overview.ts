import type { DuckDBConnection } from '@duckdb/node-api';
import { computeMetrics, computeSeries, prepareAdjacentPeriods, type MetricsGroup, type MetricsQuery, type SeriesMetric } from '../metrics/index';
import { previousPeriod, toMetricsQuery, type DashboardScope } from './filters';
import { overviewHeadline } from './headline';
import { buildFilter } from '../metrics/filters';
import { costEstimatedByGroup } from '../metrics/handleSource';
import type { Channel, Settings } from '../../settings/defaults';
import { previousSeries, type PreviousSeries } from './previous';

/** Sparklines per mode: the metric key of a tile and the series it draws. */
const TRENDS = {
	conversations: 'arrivals',
	frt_p50_s: 'frt_p50',
	frt_p90_s: 'frt_p90',
	sla_attainment: 'sla',
	backlog_mean: 'backlog',
	concurrency_mean: 'concurrency'
} as const satisfies Record<string, SeriesMetric>;
export type TrendKey = keyof typeof TRENDS;

export interface OverviewData {
	headline: string;
	current: MetricsGroup[];
	/** the same filters over the equal period before; groups missing there have no delta */
	previous: MetricsGroup[];
	previousRange: { from: string; to: string };
	/** "open backlog now": the open count at the end of the range, per mode; and at the end of the previous range */
	openNow: Record<string, number | null>;
	openBefore: Record<string, number | null>;
	/** per tile key, per mode: daily values, oldest first */
	trends: Partial<Record<TrendKey, Record<string, (number | null)[]>>>;
	/** per mode, the clock its SLA targets run on, e.g. "business-hours clock" */
	slaClocks: Record<string, string>;
	/** per mode: the cost per conversation prices attributed time, not a handle-time column's (an estimate) */
	costEstimated: Record<string, boolean>;
	/** daily arrivals per mode, for the chart under the tiles */
	arrivals: { key: string; points: { t: string; value: number | null }[] }[];
	/** the same over the previous equal period, for the dashed overlay */
	arrivalsBefore: PreviousSeries | null;
}

/** The backlog level at the last daily sample of a range, per mode: "open backlog now" for that period. */
async function backlogAtEnd(connection: DuckDBConnection, query: MetricsQuery): Promise<Record<string, number | null>> {
	const series = await computeSeries(connection, 'backlog', { ...query, by: 'mode', interval: '1d' });
	return Object.fromEntries(series.series.map((s) => [s.key, s.points.at(-1)?.value ?? null]));
}

/** Per mode, the clock the SLA targets of its channels (those shown) run on; both when the channels differ. */
export function slaClocksByMode(settings: Pick<Settings, 'sla' | 'channel_modes'>, channels: readonly string[]): Record<string, string> {
	const clocks: Record<string, Set<string>> = {};
	for (const channel of channels as Channel[]) {
		const mode = settings.channel_modes[channel];
		const target = settings.sla[channel];
		if (!mode || !target) continue;
		(clocks[mode] ??= new Set()).add(target.clock);
	}
	const words = (set: Set<string>) => (set.size > 1 ? 'calendar and business-hours clocks' : set.has('business') ? 'business-hours clock' : 'calendar clock');
	return Object.fromEntries(Object.entries(clocks).map(([mode, set]) => [mode, words(set)]));
}

export async function loadOverview(connection: DuckDBConnection, scope: DashboardScope): Promise<OverviewData> {
	const query = { ...scope.query, by: 'mode' as const };
	const prior = previousPeriod(scope.filters);
	const priorQuery = { ...toMetricsQuery(prior), by: 'mode' as const };
	const hasPrior = prior.from >= scope.options.firstDay;
	if (hasPrior) await prepareAdjacentPeriods(connection, priorQuery, query);
	const current = (await computeMetrics(connection, query)).groups;
	// only the deltas read the previous period: no series of it follows
	const previous = hasPrior ? (await computeMetrics(connection, priorQuery, { withSeries: false })).groups : [];
	const trends: OverviewData['trends'] = {};
	let arrivals: OverviewData['arrivals'] = [];
	for (const [tile, metric] of Object.entries(TRENDS) as [TrendKey, SeriesMetric][]) {
		const series = await computeSeries(connection, metric, { ...query, interval: '1d' });
		trends[tile] = Object.fromEntries(series.series.map((s) => [s.key, s.points.map((p) => p.value)]));
		if (metric === 'arrivals')
			arrivals = [...series.series]
				.sort((a, b) => (a.key === 'sync' ? -1 : b.key === 'sync' ? 1 : 0))
				.map((s) => ({ key: s.key, points: s.points.map(({ t, value }) => ({ t, value })) }));
	}
	return {
		headline: overviewHeadline(current),
		current,
		previous,
		previousRange: { from: prior.from, to: prior.to },
		openNow: await backlogAtEnd(connection, scope.query),
		openBefore: previous.length ? await backlogAtEnd(connection, toMetricsQuery(prior)) : {},
		trends,
		costEstimated: await costEstimatedByGroup(connection, buildFilter(scope.datasetId, query), 'mode'),
		slaClocks: slaClocksByMode(scope.settings, scope.filters.channels.length ? scope.filters.channels : scope.options.channels),
		arrivals,
		arrivalsBefore: hasPrior ? await previousSeries(connection, scope, 'arrivals', '1d') : null
	};
}
