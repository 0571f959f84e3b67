/** Lines (or stacked areas) over time: arrivals, SLA attainment, concurrency, backlog and its ageing bands. */
import type { ChartOption } from './echarts';
import { escapeHtml } from './escape';
import { THEME_COLORS, type ThemeName } from './theme';
import { formatInstant, formatValue, type ValueKind } from '../format';
import type { TableData } from '../components/table';

export type BucketInterval = '15m' | '30m' | '1h' | '1d';

export interface TimeSeriesLine {
	name: string;
	points: { t: string; value: number | null }[];
	color?: string;
	dashed?: boolean;
	/** lines with the same stack are drawn as stacked areas */
	stack?: string;
	step?: boolean;
}

export interface TimeSeriesInput {
	lines: TimeSeriesLine[];
	kind: ValueKind;
	interval: BucketInterval;
	/** labels are shown in this zone (daily buckets are UTC days, labelled as such) */
	timezone: string;
	/** a horizontal target, e.g. the SLA goal */
	target?: { value: number; label: string };
	currency?: string;
	theme?: ThemeName;
	/** draw the solid lines as bars (counts per bucket); dashed ones, such as the previous period, stay lines */
	bars?: boolean;
}

/** Above this many points per line ECharts downsamples (quality.md: > 5,000 points sampled). */
export const SAMPLE_ABOVE = 5000;

const labelPattern = (interval: BucketInterval) => (interval === '1d' ? 'EEE d MMM' : 'EEE d MMM HH:mm');

/** Every bucket start of all lines, in order, as the shared x axis. */
export function bucketStarts(lines: TimeSeriesLine[]): string[] {
	return [...new Set(lines.flatMap((l) => l.points.map((p) => p.t)))].sort();
}

function bucketLabel(t: string, input: TimeSeriesInput): string {
	return formatInstant(t, input.interval === '1d' ? 'UTC' : input.timezone, labelPattern(input.interval));
}

function valuesOn(line: TimeSeriesLine, starts: string[]): (number | null)[] {
	const byStart = new Map(line.points.map((p) => [p.t, p.value]));
	return starts.map((t) => byStart.get(t) ?? null);
}

export function buildTimeSeriesOption(input: TimeSeriesInput): ChartOption {
	const colors = THEME_COLORS[input.theme ?? 'light'];
	const starts = bucketStarts(input.lines);
	const labels = starts.map((t) => bucketLabel(t, input));
	const fmt = (v: number | null) => formatValue(v, input.kind, input.currency);
	const stacked = input.lines.some((l) => l.stack);
	return {
		animation: starts.length < 1000,
		grid: { left: 8, right: 16, top: input.lines.length > 1 ? 36 : 16, bottom: starts.length > 200 ? 56 : 8 },
		legend: input.lines.length > 1 ? { top: 0, left: 0, itemWidth: 14, itemHeight: 8 } : undefined,
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const items = (Array.isArray(params) ? params : [params]) as { axisValueLabel?: string; seriesName?: string; value?: number | null; marker?: string }[];
				const head = escapeHtml(items[0]?.axisValueLabel ?? '');
				return [head, ...items.map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName)}: <b>${escapeHtml(fmt(p.value ?? null))}</b>`)].join('<br/>');
			}
		},
		xAxis: { type: 'category', data: labels, boundaryGap: Boolean(input.bars), axisLabel: { hideOverlap: true } },
		yAxis: {
			type: 'value',
			max: input.kind === 'percent' ? 1 : undefined,
			axisLabel: { formatter: (v: number) => (input.kind === 'percent' ? `${Math.round(v * 100)}%` : formatValue(v, input.kind, input.currency)) }
		},
		dataZoom: starts.length > 200 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : undefined,
		series: input.lines.map((line, i) => ({
			type: input.bars && !line.dashed ? ('bar' as const) : ('line' as const),
			barMaxWidth: 24,
			name: line.name,
			data: valuesOn(line, starts),
			color: line.color,
			showSymbol: starts.length <= 60,
			symbolSize: 5,
			step: line.step ? 'end' : undefined,
			connectNulls: false,
			sampling: starts.length > SAMPLE_ABOVE ? 'lttb' : undefined,
			lineStyle: { width: stacked ? 1 : 2, type: line.dashed ? 'dashed' : 'solid' },
			stack: line.stack,
			areaStyle: line.stack ? { opacity: 0.85 } : undefined,
			emphasis: { focus: 'series' },
			markLine:
				i === 0 && input.target
					? {
							silent: true,
							symbol: 'none',
							lineStyle: { color: colors.muted, type: 'dashed' },
							label: { formatter: input.target.label, color: colors.muted, position: 'insideEndTop' },
							data: [{ yAxis: input.target.value }]
						}
					: undefined
		}))
	};
}

/**
 * Lines of the previous equal period moved forward by `shiftMs` to lie under the current ones: dashed, in the same
 * colour, named "… (previous period)". Points that land outside the current buckets are dropped.
 */
export function previousPeriodLines(
	current: TimeSeriesLine[],
	previous: { key: string; points: { t: string; value: number | null }[] }[],
	shiftMs: number
): TimeSeriesLine[] {
	const starts = new Set(bucketStarts(current));
	// in the order of the current lines, so the legend reads sync, async, sync before, async before
	const rank = (key: string) => (current.findIndex((l) => l.name === key) + current.length + 1) % (current.length + 1);
	return [...previous]
		.sort((a, b) => rank(a.key) - rank(b.key))
		.map((series) => ({
			name: `${series.key} (previous period)`,
			color: current.find((l) => l.name === series.key)?.color,
			dashed: true,
			points: series.points.map((p) => ({ t: new Date(Date.parse(p.t) + shiftMs).toISOString(), value: p.value })).filter((p) => starts.has(p.t))
		}));
}

/** The same numbers as the chart, one row per bucket. */
export function timeSeriesTable(input: TimeSeriesInput): TableData {
	const starts = bucketStarts(input.lines);
	const columns = [
		{ key: 'bucket', label: input.interval === '1d' ? 'Day (UTC)' : `Interval start (${input.timezone})`, kind: 'text' as const },
		...input.lines.map((l, i) => ({ key: `s${i}`, label: l.name, kind: input.kind, currency: input.currency }))
	];
	const values = input.lines.map((l) => valuesOn(l, starts));
	const rows = starts.map((t, r) => ({ bucket: bucketLabel(t, input), ...Object.fromEntries(values.map((v, i) => [`s${i}`, v[r]])) }));
	return { columns, rows };
}

/** A sentence for screen readers: the range, and each line's mean and peak. */
export function timeSeriesSummary(input: TimeSeriesInput, what: string): string {
	const starts = bucketStarts(input.lines);
	if (starts.length === 0) return `${what}: no data in this range.`;
	const parts = input.lines.map((line) => {
		const values = line.points.map((p) => p.value).filter((v): v is number => v !== null);
		if (values.length === 0) return `${line.name}: no data`;
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const peak = values.reduce((a, b) => Math.max(a, b), -Infinity);
		return `${line.name} averages ${formatValue(mean, input.kind, input.currency)} with a peak of ${formatValue(peak, input.kind, input.currency)}`;
	});
	return `${what} from ${bucketLabel(starts[0], input)} to ${bucketLabel(starts[starts.length - 1], input)}, ${starts.length} intervals: ${parts.join('; ')}.`;
}
