import type { DuckDBConnection } from '@duckdb/node-api';
import { readSettings } from '../settings/store';
import { groupBacklog, groupBacklogOf, hourlyBacklogSamples } from './backlog';
import { groupConcurrency } from './concurrency';
import { shortRange } from './pieces';
import { buildFilter, groupKeySql, resolveDataset, withinDataset, type MetricsQuery } from './filters';
import { selectionSummaries, storedWholeSummaries } from './summary';
import { METRIC_FIELDS, type MetricField, type MetricValues } from '../../metrics/fields';
import { coversDataset, rollupBacklogSamplesSql, stillDeriving, withoutAgentTime } from './whole';

export type { MetricsQuery, GroupBy } from './filters';
import { computeCoverage as coverageOf, type CoverageReport } from './coverage';
import { computeSeries as seriesOf, type SeriesQuery, type SeriesResult } from './series';
import { cachedResult } from './cache';
export type { CoverageReport } from './coverage';
export type { SeriesMetric, SeriesQuery, SeriesResult } from './series';
export { invalidateMetricsCache } from './cache';
export { prepareAdjacentPeriods } from './periods';

/** One group of the `metrics --json` contract (product.md): its key, then the field table's fields in its order. */
export type MetricsGroup = { key: string } & MetricValues;

export interface MetricsResult {
	dataset: string;
	/** the filter's bounds, else the data's hour-aligned range */
	from: string | null;
	to: string | null;
	timezone: string;
	groups: MetricsGroup[];
}

/** The JSON's field order: the key, then the table's. */
const FIELD_ORDER = ['key', ...METRIC_FIELDS.map((f) => f.name)];

/** The fields an import's derive has not priced yet (attributed agent time): null until it ends, never a value from part of the rows. */
const AGENT_TIME_FIELDS = (METRIC_FIELDS as readonly MetricField[]).filter((f) => f.needsAgentTime).map((f) => f.name as keyof MetricsGroup);

const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);

/** metrics.md "Coverage breakdown" (cached per dataset version and query). */
export function computeCoverage(connection: DuckDBConnection, query: MetricsQuery = {}): Promise<CoverageReport> {
	return cachedResult(connection, 'coverage', query, () => coverageOf(connection, query));
}

/** A time series of one metric (metrics.md "Series"), cached per dataset version and query. */
export function computeSeries(connection: DuckDBConnection, metric: string, query: SeriesQuery = {}): Promise<SeriesResult> {
	return cachedResult(connection, `series:${metric}`, query, () => seriesOf(connection, metric, query));
}

/** How a metrics call is used; the result is the same either way. */
export interface MetricsOptions {
	/**
	 * A series of the same selection follows (default): the concurrency sweep is cut into hourly or daily pieces that the
	 * series reuses. False for a call that stands alone: the group values straight from the sweep, a third cheaper.
	 */
	withSeries?: boolean;
}

/** Every per-group field of metrics.md for the filtered conversations (default dataset: the most recently loaded; default grouping: mode), cached per dataset version and query. */
export function computeMetrics(connection: DuckDBConnection, query: MetricsQuery = {}, options: MetricsOptions = {}): Promise<MetricsResult> {
	return cachedResult(connection, 'metrics', query, () => metricsOf(connection, query, options.withSeries ?? true));
}

async function metricsOf(connection: DuckDBConnection, asked: MetricsQuery, withSeries: boolean): Promise<MetricsResult> {
	const dataset = await resolveDataset(connection, asked.dataset);
	const query = withinDataset(asked, dataset);
	const settings = await readSettings(connection);
	const filter = buildFilter(dataset.datasetId, query);
	const keySql = groupKeySql(query.by);
	// read before any scan: a derive that commits meanwhile must not leave a mean over part of the rows unmarked
	const deriving = await stillDeriving(connection, dataset.datasetId);
	// the whole dataset: stored concurrency and hourly rollup instead of a sweep and a full scan per request
	const whole = await coversDataset(connection, dataset.datasetId, filter);
	const summaries =
		(whole && (await storedWholeSummaries(connection, dataset.datasetId, query.by ?? 'mode'))) ||
		(await selectionSummaries(connection, { ...query, dataset: dataset.name }, filter, keySql));
	const concurrency = await groupConcurrency(connection, { dataset, query, filter, keySql, whole }, withSeries);
	// a short range keeps its hourly samples for the page's backlog series; a long one aggregates them in SQL
	const backlog = whole
		? await groupBacklog(connection, filter, keySql, rollupBacklogSamplesSql(dataset.datasetId, filter, keySql, 'INTERVAL 1 HOUR'))
		: shortRange(filter)
			? groupBacklogOf(await hourlyBacklogSamples(connection, { ...query, dataset: dataset.name }, filter, keySql))
			: await groupBacklog(connection, filter, keySql);
	const ordered = summaries.map((summary) => {
		const c = concurrency.find((x) => x.key === summary.key);
		const b = backlog.find((x) => x.key === summary.key);
		const merged: Record<string, unknown> = {
			...summary,
			concurrency_mean: c?.concurrency_mean ?? null,
			concurrency_max: c?.concurrency_max ?? null,
			backlog_mean: b?.backlog_mean ?? null,
			backlog_peak: b?.backlog_peak ?? null
		};
		return Object.fromEntries(FIELD_ORDER.map((f) => [f, merged[f] ?? null])) as unknown as MetricsGroup;
	});
	const groups = withoutAgentTime(ordered, deriving, AGENT_TIME_FIELDS);
	const first = summaries.length ? new Date(Math.min(...summaries.map((s) => s.first_created_at.getTime()))) : null;
	const last = summaries.length ? new Date(Math.max(...summaries.map((s) => s.last_created_at.getTime()))) : null;
	return {
		dataset: dataset.name,
		from: (filter.from ?? (first && floorHour(first)))?.toISOString() ?? null,
		to: (filter.to ?? (last && new Date(floorHour(last).getTime() + 3_600_000)))?.toISOString() ?? null,
		timezone: settings.timezone,
		groups
	};
}
