/** A duration distribution (first response, resolution) per group, as the share of each group's conversations per bin. */
import type { ChartOption } from './echarts';
import { escapeHtml } from './escape';
import { MODE_COLORS, PALETTE, type ThemeName } from './theme';
import { formatCount, formatDuration, formatPercent } from '../format';
import type { TableData } from '../components/table';

/** One bin [lo, hi) in seconds (hi null = open-ended) with the count per group key. */
export interface HistogramBin {
	lo: number;
	hi: number | null;
	counts: Record<string, number>;
}

export interface HistogramInput {
	bins: HistogramBin[];
	/** group keys in display order (e.g. sync, async) */
	keys: string[];
	theme?: ThemeName;
}

export function binLabel(bin: HistogramBin): string {
	return bin.hi === null ? `≥ ${formatDuration(bin.lo)}` : `${formatDuration(bin.lo)} – ${formatDuration(bin.hi)}`;
}

function totals(input: HistogramInput): Record<string, number> {
	return Object.fromEntries(input.keys.map((k) => [k, input.bins.reduce((sum, b) => sum + (b.counts[k] ?? 0), 0)]));
}

const colorOf = (key: string, i: number) => MODE_COLORS[key] ?? PALETTE[i % PALETTE.length];

export function buildHistogramOption(input: HistogramInput): ChartOption {
	const total = totals(input);
	const share = (key: string, bin: HistogramBin) => (total[key] ? (bin.counts[key] ?? 0) / total[key] : null);
	return {
		grid: { left: 8, right: 16, top: 36, bottom: 8 },
		legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8 },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const items = params as { dataIndex: number; seriesName: string; marker: string }[];
				const bin = input.bins[items[0]?.dataIndex ?? 0];
				const lines = items.map((p) => {
					const n = bin.counts[p.seriesName] ?? 0;
					return `${p.marker}${escapeHtml(p.seriesName)}: <b>${formatPercent(share(p.seriesName, bin))}</b> (${formatCount(n)})`;
				});
				return [escapeHtml(binLabel(bin)), ...lines].join('<br/>');
			}
		},
		xAxis: { type: 'category', data: input.bins.map(binLabel), axisLabel: { hideOverlap: true, rotate: input.bins.length > 10 ? 30 : 0 } },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
		series: input.keys.map((key, i) => ({
			type: 'bar',
			name: key,
			color: colorOf(key, i),
			barGap: '10%',
			data: input.bins.map((bin) => share(key, bin))
		}))
	};
}

export function histogramTable(input: HistogramInput): TableData {
	const total = totals(input);
	return {
		columns: [
			{ key: 'bin', label: 'Time', kind: 'text' },
			...input.keys.flatMap((k) => [
				{ key: `${k}_n`, label: `${k} conversations`, kind: 'count' as const },
				{ key: `${k}_share`, label: `${k} share`, kind: 'percent' as const }
			])
		],
		rows: input.bins.map((bin) => ({
			bin: binLabel(bin),
			...Object.fromEntries(
				input.keys.flatMap((k) => [
					[`${k}_n`, bin.counts[k] ?? 0],
					[`${k}_share`, total[k] ? (bin.counts[k] ?? 0) / total[k] : null]
				])
			)
		}))
	};
}

/** Names the most common bin of each group. */
export function histogramSummary(input: HistogramInput, what: string): string {
	const total = totals(input);
	const parts = input.keys.map((key) => {
		if (!total[key]) return `${key}: no data`;
		const top = input.bins.reduce((best, bin) => ((bin.counts[key] ?? 0) > (best.counts[key] ?? 0) ? bin : best));
		return `${key}: ${formatCount(total[key])} conversations, most often ${binLabel(top)} (${formatPercent((top.counts[key] ?? 0) / total[key])})`;
	});
	return `${what} distribution. ${parts.join('; ')}.`;
}
