/** Chart inputs of the Plan page, built from a plan: forecast per channel, agents per mode, the mix frontier. */
import type { ChartOption } from '../../charts/echarts';
import { escapeHtml } from '../../charts/escape';
import { MODE_COLORS, PALETTE, THEME_COLORS, type ThemeName } from '../../charts/theme';
import type { TimeSeriesInput } from '../../charts/timeSeries';
import type { TableData } from '../table';
import { formatPercent, formatCount } from '../../format';
import { wholeMoney as formatMoney } from '../../format';
import type { Plan } from '../../planning/planTypes';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const bucket = (minutes: number) => (minutes === 15 ? '15m' : minutes === 60 ? '1h' : '30m') as TimeSeriesInput['interval'];

/** Forecast arrivals per interval, one line per channel. */
export function forecastSeries(plan: Plan): TimeSeriesInput {
	const byChannel = new Map<string, { t: string; value: number }[]>();
	for (const row of plan.intervals) {
		const points = byChannel.get(row.channel) ?? [];
		points.push({ t: row.start, value: row.forecast });
		byChannel.set(row.channel, points);
	}
	return { lines: [...byChannel].map(([name, points]) => ({ name, points })), kind: 'number', interval: bucket(plan.interval_min), timezone: plan.timezone };
}

/** Required (on duty) and scheduled (after shrinkage) agents per interval, per mode. */
export function staffingSeries(plan: Plan): TimeSeriesInput {
	const sums = { sync: new Map<string, [number, number]>(), async: new Map<string, [number, number]>() };
	for (const row of plan.intervals) {
		const at = sums[row.mode].get(row.start) ?? [0, 0];
		sums[row.mode].set(row.start, [at[0] + row.agents, at[1] + row.agents_scheduled]);
	}
	const lines = (['sync', 'async'] as const).flatMap((mode) => {
		const entries = [...sums[mode]];
		if (entries.length === 0) return [];
		return [
			{ name: `${mode} required`, points: entries.map(([t, v]) => ({ t, value: v[0] })), color: MODE_COLORS[mode], step: true },
			{ name: `${mode} scheduled`, points: entries.map(([t, v]) => ({ t, value: v[1] })), color: MODE_COLORS[mode], step: true, dashed: true }
		];
	});
	return { lines, kind: 'count', interval: bucket(plan.interval_min), timezone: plan.timezone };
}

export interface FrontierInput {
	plan: Plan;
	currency: string;
	/** the share the what-if slider points at */
	selectedShare: number | null;
	theme?: ThemeName;
}

/** Today's cost: the recommendation's cost plus what it saves. */
export const todayCost = (plan: Plan) => round(plan.mix.recommended.cost + plan.mix.recommended.saving_vs_current);

/** Weekly cost against async share; points that miss a target are hollow; today and the recommendation are marked. */
export function buildFrontierOption(input: FrontierInput): ChartOption {
	const { plan, currency } = input;
	const colors = THEME_COLORS[input.theme ?? 'light'];
	const meets = plan.mix.frontier.filter((p) => p.meets_targets).map((p) => [p.async_share, p.cost]);
	const misses = plan.mix.frontier.filter((p) => !p.meets_targets).map((p) => [p.async_share, p.cost]);
	const marked = (name: string, share: number, cost: number, color: string, symbol: string) => ({
		type: 'scatter' as const,
		name,
		data: [[share, cost]],
		symbol,
		symbolSize: 16,
		itemStyle: { color, borderColor: colors.panel, borderWidth: 2 },
		z: 5
	});
	const selected = input.selectedShare === null ? undefined : plan.mix.frontier.find((p) => Math.abs(p.async_share - input.selectedShare!) < 1e-9);
	return {
		animation: false,
		// labels and axis names inside the rect (containLabel is ignored in ECharts 6 and left the x-axis name cut off)
		grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
		legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
		tooltip: {
			trigger: 'item',
			formatter: (params: unknown) => {
				const p = params as { seriesName?: string; value?: [number, number] };
				const [share, cost] = p.value ?? [0, 0];
				const point = plan.mix.frontier.find((f) => Math.abs(f.async_share - share) < 1e-9);
				const service = point
					? `<br/>sync service ${escapeHtml(formatPercent(point.sync_service_level))}, async ${escapeHtml(formatPercent(point.async_service_level))}`
					: '';
				return `${escapeHtml(p.seriesName)}<br/>${escapeHtml(formatPercent(share, 0))} async: <b>${escapeHtml(formatMoney(cost, currency))}</b> a week${service}`;
			}
		},
		xAxis: {
			type: 'value',
			min: 0,
			max: 1,
			name: 'async share of movable volume',
			nameLocation: 'middle',
			nameGap: 28,
			axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }
		},
		// from zero: a cut axis would make a few percent of cost look like a cliff
		yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatMoney(v, currency) } },
		series: [
			{
				type: 'line',
				name: 'Frontier',
				data: plan.mix.frontier.map((p) => [p.async_share, p.cost]),
				showSymbol: false,
				lineStyle: { color: colors.muted, width: 1.5 },
				color: colors.muted,
				z: 1
			},
			{ type: 'scatter', name: 'Meets every target', data: meets, symbolSize: 9, color: PALETTE[4] },
			{
				type: 'scatter',
				name: 'Misses a target',
				data: misses,
				symbolSize: 9,
				itemStyle: { color: 'transparent', borderColor: '#b42318', borderWidth: 1.5 },
				color: '#b42318'
			},
			marked('Today', plan.mix.current_async_share, todayCost(plan), '#5d6b7c', 'diamond'),
			marked('Recommended', plan.mix.recommended.async_share, plan.mix.recommended.cost, '#157f3b', 'triangle'),
			...(selected ? [marked('What-if point', selected.async_share, selected.cost, PALETTE[1], 'circle')] : [])
		]
	};
}

export function frontierTable(plan: Plan, currency: string): TableData {
	return {
		columns: [
			{ key: 'share', label: 'Async share', kind: 'percent' },
			{ key: 'cost', label: `Weekly cost (${currency})`, kind: 'count' },
			{ key: 'hours', label: 'Agent-hours', kind: 'count' },
			{ key: 'sync', label: 'Sync service level', kind: 'percent' },
			{ key: 'async', label: 'Async service level', kind: 'percent' },
			{ key: 'meets', label: 'Meets targets', kind: 'text' }
		],
		rows: plan.mix.frontier.map((p) => ({
			share: p.async_share,
			cost: Math.round(p.cost),
			hours: Math.round(p.agent_hours),
			sync: p.sync_service_level,
			async: p.async_service_level,
			meets: p.meets_targets ? 'yes' : 'no'
		}))
	};
}

export function frontierSummary(plan: Plan, currency: string): string {
	const r = plan.mix.recommended;
	return `Weekly cost from ${formatMoney(Math.min(...plan.mix.frontier.map((p) => p.cost)), currency)} to ${formatMoney(Math.max(...plan.mix.frontier.map((p) => p.cost)), currency)} across async shares 0-100%; today ${formatPercent(plan.mix.current_async_share, 0)} async at ${formatMoney(todayCost(plan), currency)}, recommended ${formatPercent(r.async_share, 0)} at ${formatMoney(r.cost, currency)} (${formatCount(Math.round(r.agent_hours))} agent-hours).`;
}
