/** Horizontal stacked bars per category: cost per conversation split into agent time and bot, or a coverage breakdown. */
import type { ChartOption } from './echarts';
import { escapeHtml } from './escape';
import { formatValue, type ValueKind } from '../format';
import type { TableData } from '../components/table';

export interface StackPart {
	name: string;
	color: string;
	/** one value per category */
	values: (number | null)[];
}

export interface StackedBarsInput {
	/** category labels, top to bottom (user-supplied names allowed: they are escaped) */
	categories: string[];
	parts: StackPart[];
	kind: ValueKind;
	currency?: string;
	/** also show each bar's total at its end */
	showTotal?: boolean;
}

const totalOf = (input: StackedBarsInput, i: number) => {
	const values = input.parts.map((p) => p.values[i]).filter((v): v is number => v !== null);
	return values.length ? values.reduce((a, b) => a + b, 0) : null;
};

export function buildStackedBarsOption(input: StackedBarsInput): ChartOption {
	const fmt = (v: number | null) => formatValue(v, input.kind, input.currency);
	return {
		grid: { left: 8, right: input.showTotal ? 72 : 24, top: 32, bottom: 8 },
		legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, data: input.parts.map((p) => p.name) },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const items = (params as { dataIndex: number; seriesName: string; value: number | null; marker: string }[]).filter((p) => p.seriesName !== 'Total');
				const i = items[0]?.dataIndex ?? 0;
				const lines = items.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${escapeHtml(fmt(p.value))}</b>`);
				if (input.showTotal) lines.push(`Total: <b>${escapeHtml(fmt(totalOf(input, i)))}</b>`);
				return [escapeHtml(input.categories[i]), ...lines].join('<br/>');
			}
		},
		xAxis: {
			type: 'value',
			max: input.kind === 'percent' ? 1 : undefined,
			axisLabel: { hideOverlap: true, formatter: (v: number) => (input.kind === 'percent' ? `${Math.round(v * 100)}%` : fmt(v)) }
		},
		yAxis: { type: 'category', data: input.categories, inverse: true, axisTick: { show: false } },
		series: [
			...input.parts.map((part) => ({ type: 'bar' as const, name: part.name, stack: 'total', color: part.color, barMaxWidth: 28, data: part.values })),
			// a zero-width bar at the end of each stack carries the total label, whichever parts are missing
			...(input.showTotal
				? [
						{
							type: 'bar' as const,
							name: 'Total',
							stack: 'total',
							silent: true,
							barMaxWidth: 28,
							tooltip: { show: false },
							data: input.categories.map(() => 0),
							label: { show: true, position: 'right' as const, formatter: (d: { dataIndex: number }) => fmt(totalOf(input, d.dataIndex)) }
						}
					]
				: [])
		]
	};
}

export function stackedBarsTable(input: StackedBarsInput, categoryLabel: string): TableData {
	return {
		columns: [
			{ key: 'category', label: categoryLabel, kind: 'text' },
			...input.parts.map((p, i) => ({ key: `p${i}`, label: p.name, kind: input.kind, currency: input.currency })),
			...(input.showTotal ? [{ key: 'total', label: 'Total', kind: input.kind, currency: input.currency }] : [])
		],
		rows: input.categories.map((category, i) => ({
			category,
			...Object.fromEntries(input.parts.map((p, j) => [`p${j}`, p.values[i]])),
			...(input.showTotal ? { total: totalOf(input, i) } : {})
		}))
	};
}

export function stackedBarsSummary(input: StackedBarsInput, what: string): string {
	const fmt = (v: number | null) => formatValue(v, input.kind, input.currency);
	const rows = input.categories.map(
		(c, i) => `${c}: ${input.parts.map((p) => `${p.name} ${fmt(p.values[i])}`).join(', ')}${input.showTotal ? `, total ${fmt(totalOf(input, i))}` : ''}`
	);
	return `${what}. ${rows.join('; ')}.`;
}
