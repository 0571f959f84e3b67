/**
 * How each Overview metric is shown and explained: label, unit kind, which direction is better, and the
 * "how is this computed?" text in plain words. The metrics' own come from the field table (lib/metrics/fields.ts);
 * `open_now` is the Overview's own tile (the backlog at the end of the range), not a field of `metrics --json`.
 */
import type { ValueKind } from '../format';
import { METRIC_FIELDS, type MetricFieldName } from '../metrics/fields';

export interface MetricInfo {
	label: string;
	kind: ValueKind;
	better: 'lower' | 'higher' | 'neutral';
	info: string;
}

const OPEN_NOW: MetricInfo = {
	label: 'Open backlog now',
	kind: 'count',
	better: 'lower',
	info: 'Conversations open at the end of the range: started, and neither closed nor (for abandoned ones) given up yet. Compared with the same moment at the end of the previous period.'
};

export type OverviewMetric = MetricFieldName | 'open_now';

export const METRIC_INFO: Record<OverviewMetric, MetricInfo> = {
	...(Object.fromEntries(METRIC_FIELDS.map((f) => [f.name, { label: f.label, kind: f.kind, better: f.better, info: f.help }])) as Record<
		MetricFieldName,
		MetricInfo
	>),
	open_now: OPEN_NOW
};
