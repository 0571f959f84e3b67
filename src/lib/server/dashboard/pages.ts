/** The data of the Responsiveness, Workload, Coverage and Cost pages (the Overview is in overview.ts). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeCoverage, computeMetrics, computeSeries, type CoverageReport, type MetricsGroup, type SeriesResult } from '../metrics/index';
import type { Settings } from '../../settings/defaults';
import type { DashboardScope } from './filters';
import { intervalFor } from './load';
import { durationHistogram, durationPercentiles, type DistributionBin, type DurationMeasure, type PercentileRow } from './distribution';
import { backlogByAge, AGE_BANDS, type AgeingPoint } from './ageing';
import { agentWorkload, type AgentWorkload } from './agents';
import { costSplit, type CostSplit } from './cost';
import { previousPeriodQuery, previousSeries, type PreviousSeries } from './previous';
import { withoutAgentTime } from '../metrics/whole';

type Points = SeriesResult['series'];

/** sync before async, then the rest by name: the order of every mode list on the pages */
function syncFirst<T extends { key: string }>(rows: T[]): T[] {
	const rank = (k: string) => (k === 'sync' ? 0 : k === 'async' ? 1 : 2);
	return [...rows].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

export type Clock = 'calendar' | 'business';

export interface ResponsivenessData {
	clock: Clock;
	interval: string;
	frt: { keys: string[]; bins: DistributionBin[] };
	resolution: { keys: string[]; bins: DistributionBin[] };
	frtByMode: PercentileRow[];
	frtByChannel: PercentileRow[];
	resolutionByMode: PercentileRow[];
	resolutionByChannel: PercentileRow[];
	sla: Points;
	/** the SLA series of the previous equal period, for the dashed overlay */
	slaBefore: PreviousSeries | null;
	slaTargets: Settings['sla'];
}

/** ?clock=business counts first-response time inside business hours only. */
export function clockOf(url: URL): Clock {
	return url.searchParams.get('clock') === 'business' ? 'business' : 'calendar';
}

export async function loadResponsiveness(connection: DuckDBConnection, scope: DashboardScope, clock: Clock): Promise<ResponsivenessData> {
	const frtMeasure: DurationMeasure = clock === 'business' ? 'frt_business' : 'frt';
	const interval = intervalFor(scope.filters) === '15m' ? '1h' : '1d';
	const id = scope.datasetId;
	return {
		clock,
		interval,
		frt: await durationHistogram(connection, id, scope.query, frtMeasure),
		resolution: await durationHistogram(connection, id, scope.query, 'resolution'),
		frtByMode: syncFirst(await durationPercentiles(connection, id, scope.query, frtMeasure, 'mode')),
		frtByChannel: await durationPercentiles(connection, id, scope.query, frtMeasure, 'channel'),
		resolutionByMode: syncFirst(await durationPercentiles(connection, id, scope.query, 'resolution', 'mode')),
		resolutionByChannel: await durationPercentiles(connection, id, scope.query, 'resolution', 'channel'),
		sla: syncFirst((await computeSeries(connection, 'sla', { ...scope.query, by: 'mode', interval })).series),
		slaBefore: await previousSeries(connection, scope, 'sla', interval),
		slaTargets: scope.settings.sla
	};
}

export interface WorkloadData {
	interval: string;
	byMode: MetricsGroup[];
	concurrency: Points;
	/** concurrency (mean and max per mode) over the previous equal period, for the dashed overlay */
	concurrencyBefore: PreviousSeries | null;
	ageing: AgeingPoint[];
	/** the whole open backlog (every band) over the previous equal period, for the dashed overlay */
	backlogBefore: PreviousSeries | null;
	bands: string[];
	agents: AgentWorkload[];
}

/** The open backlog of the previous equal period, all bands summed, as one series "all open". */
async function previousBacklog(connection: DuckDBConnection, scope: DashboardScope, interval: '15m' | '1h'): Promise<PreviousSeries | null> {
	const prior = previousPeriodQuery(scope);
	if (!prior) return null;
	const ageing = await backlogByAge(connection, scope.datasetId, prior.query, interval);
	return { series: [{ key: 'all open', points: ageing.map((p) => ({ t: p.t, value: p.bands.reduce((a, b) => a + b, 0) })) }], shiftMs: prior.shiftMs };
}

export async function loadWorkload(connection: DuckDBConnection, scope: DashboardScope): Promise<WorkloadData> {
	const chartInterval = intervalFor(scope.filters);
	// hourly samples even on long ranges: a daily sample at midnight would miss the daytime peak
	const ageingInterval = chartInterval === '1d' ? '1h' : chartInterval;
	return {
		interval: chartInterval,
		byMode: syncFirst((await computeMetrics(connection, { ...scope.query, by: 'mode' })).groups),
		concurrency: syncFirst((await computeSeries(connection, 'concurrency', { ...scope.query, by: 'mode', interval: chartInterval })).series),
		concurrencyBefore: await previousSeries(connection, scope, 'concurrency', chartInterval),
		ageing: await backlogByAge(connection, scope.datasetId, scope.query, ageingInterval),
		backlogBefore: await previousBacklog(connection, scope, ageingInterval),
		bands: AGE_BANDS.map((b) => b.label),
		agents: withoutAgentTime(await agentWorkload(connection, scope.datasetId, scope.query), scope.deriving, ['handle_mean_s'])
	};
}

export interface CoverageData {
	cells: { weekday: number; hour: number; value: number }[];
	businessHours: Settings['business_hours'];
	holidays: string[];
	byMode: MetricsGroup[];
	coverage: CoverageReport;
}

export async function loadCoverage(connection: DuckDBConnection, scope: DashboardScope): Promise<CoverageData> {
	const heatmap = await computeSeries(connection, 'heatmap', scope.query);
	return {
		cells: heatmap.series[0]?.cells ?? [],
		businessHours: scope.settings.business_hours,
		holidays: scope.settings.holidays,
		byMode: syncFirst((await computeMetrics(connection, { ...scope.query, by: 'mode' })).groups),
		coverage: await computeCoverage(connection, scope.query)
	};
}

export interface CostData {
	byMode: CostSplit[];
	byChannel: CostSplit[];
	estimated: Record<string, boolean>;
	costs: Settings['costs'];
}

/** The cost split's columns that price or sum attributed agent time (no data while an import's derive runs). */
const AGENT_TIME_COLUMNS = ['cost_per_conversation', 'agent_per_conversation', 'handle_mean_s', 'total_cost'] as const;

export async function loadCost(connection: DuckDBConnection, scope: DashboardScope): Promise<CostData> {
	const bot = scope.settings.costs.bot_per_conversation;
	const byMode = withoutAgentTime(await costSplit(connection, scope.datasetId, scope.query, 'mode', bot), scope.deriving, AGENT_TIME_COLUMNS);
	const byChannel = withoutAgentTime(await costSplit(connection, scope.datasetId, scope.query, 'channel', bot), scope.deriving, AGENT_TIME_COLUMNS);
	return {
		byMode,
		byChannel,
		// keyed by mode and by channel (their names differ): which rows price attributed time instead of a handle-time column
		estimated: Object.fromEntries([...byMode, ...byChannel].map((row) => [row.key, row.estimated])),
		costs: scope.settings.costs
	};
}
