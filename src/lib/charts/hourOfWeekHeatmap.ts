/** Arrivals by local weekday and hour (7 x 24 = 168 cells), with the business hours outlined. */
import type { ChartOption } from './echarts';
import { THEME_COLORS, type ThemeName } from './theme';
import { formatCount } from '../format';
import type { TableData } from '../components/table';

export interface HeatmapCell {
	/** 0 = Monday */
	weekday: number;
	hour: number;
	value: number;
}

export interface HourOfWeekInput {
	cells: HeatmapCell[];
	/** open hours per weekday (0 = Monday) as [start, end) whole or fractional hours, e.g. [[9, 17]] */
	openHours: [number, number][][];
	theme?: ThemeName;
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** "09:00" → 9, "24:00" → 24, "09:30" → 9.5 */
export function hourOf(text: string): number {
	const [h, m] = text.split(':').map(Number);
	return h + (m || 0) / 60;
}

type Corner = { coord: [number, number] };

/** markArea pairs on the hidden value axes: one rectangle per open span, hours on x (0..24), weekdays on y (0..7). */
function businessOutline(input: HourOfWeekInput): [Corner, Corner][] {
	return input.openHours.flatMap((spans, weekday) =>
		spans.filter(([start, end]) => end > start).map(([start, end]): [Corner, Corner] => [{ coord: [start, weekday] }, { coord: [end, weekday + 1] }])
	);
}

export function buildHourOfWeekOption(input: HourOfWeekInput): ChartOption {
	const colors = THEME_COLORS[input.theme ?? 'light'];
	const max = input.cells.reduce((m, c) => Math.max(m, c.value), 0);
	const outline = businessOutline(input);
	return {
		grid: { left: 8, right: 16, top: 8, bottom: 56 },
		tooltip: {
			formatter: (p: unknown) => {
				const { value } = p as { value: [number, number, number] };
				return `${WEEKDAY_NAMES[value[1]]} ${HOURS[value[0]]}:00–${HOURS[value[0]]}:59<br/><b>${formatCount(value[2])}</b> arrivals`;
			}
		},
		// category axes for the cells; hidden value axes over the same grid place the outline on cell edges
		// (category coordinates snap to cell centres)
		xAxis: [
			{ type: 'category', data: HOURS, splitArea: { show: false }, axisTick: { show: false } },
			{ type: 'value', min: 0, max: 24, show: false }
		],
		yAxis: [
			{ type: 'category', data: WEEKDAY_NAMES, inverse: true, axisTick: { show: false } },
			{ type: 'value', min: 0, max: 7, inverse: true, show: false }
		],
		visualMap: {
			min: 0,
			max: Math.max(1, max),
			calculable: false,
			orient: 'horizontal',
			left: 'center',
			bottom: 4,
			itemHeight: 160,
			itemWidth: 10,
			text: [formatCount(max), '0'],
			// teal, not blue: arrivals of both modes, and blue means sync
			inRange: { color: input.theme === 'dark' ? ['#1b2626', '#2a9d8f', '#a7e3da'] : ['#f1f7f6', '#7cc4ba', '#1d6b62'] }
		},
		series: [
			{
				type: 'heatmap',
				name: 'Arrivals',
				data: input.cells.map((c) => [c.hour, c.weekday, c.value]),
				itemStyle: { borderColor: colors.panel, borderWidth: 1 },
				emphasis: { itemStyle: { borderColor: colors.text, borderWidth: 1 } }
			},
			// heatmap series draw no markArea: an empty scatter on the same axes carries the outline
			{
				type: 'scatter',
				name: 'Business hours',
				data: [],
				xAxisIndex: 1,
				yAxisIndex: 1,
				silent: true,
				// above the heatmap cells, or the outline hides behind them
				z: 10,
				markArea: {
					silent: true,
					z: 10,
					itemStyle: { color: 'transparent', borderColor: colors.text, borderWidth: 2, borderType: 'solid' },
					data: outline
				}
			}
		]
	};
}

export function hourOfWeekTable(input: HourOfWeekInput): TableData {
	const value = (weekday: number, hour: number) => input.cells.find((c) => c.weekday === weekday && c.hour === hour)?.value ?? 0;
	return {
		columns: [{ key: 'day', label: 'Day', kind: 'text' }, ...HOURS.map((h) => ({ key: `h${h}`, label: h, kind: 'count' as const }))],
		rows: WEEKDAY_NAMES.map((day, weekday) => ({
			day,
			...Object.fromEntries(HOURS.map((h, hour) => [`h${h}`, value(weekday, hour)]))
		}))
	};
}

/** The busiest hour of the week and how much arrives outside the outlined hours. */
export function hourOfWeekSummary(input: HourOfWeekInput): string {
	const total = input.cells.reduce((s, c) => s + c.value, 0);
	if (total === 0) return 'Arrivals by weekday and hour: no conversations in this range.';
	const busiest = input.cells.reduce((a, b) => (b.value > a.value ? b : a));
	const open = (c: HeatmapCell) => input.openHours[c.weekday]?.some(([s, e]) => c.hour + 0.5 > s && c.hour + 0.5 < e) ?? false;
	const outside = input.cells.filter((c) => !open(c)).reduce((s, c) => s + c.value, 0);
	return `Arrivals by weekday and hour: ${formatCount(total)} conversations; the busiest hour is ${WEEKDAY_NAMES[busiest.weekday]} ${HOURS[busiest.hour]}:00 with ${formatCount(busiest.value)}; ${Math.round((outside / total) * 100)}% arrive outside the outlined business hours.`;
}
