/** The forecast per channel: method, backtest error against last week's, and the 80% band of the busiest interval. */
import type { TableData } from '../table';
import type { Plan } from '../../planning/planTypes';
import { formatInstant } from '../../format';

/** The interval with the most forecast conversations per channel, with its band. */
function busiestByChannel(plan: Plan): Map<string, { start: string; forecast: number; low: number; high: number }> {
	const busiest = new Map<string, { start: string; forecast: number; low: number; high: number }>();
	for (const r of plan.intervals) {
		const current = busiest.get(r.channel);
		if (current && current.forecast >= r.forecast) continue;
		busiest.set(r.channel, { start: r.start, forecast: r.forecast, low: r.forecast_p10 ?? r.forecast, high: r.forecast_p90 ?? r.forecast });
	}
	return busiest;
}

const round1 = (v: number) => (Math.round(v * 10) / 10).toLocaleString('en-US');

export function forecastAccuracyTable(plan: Plan): TableData {
	const busiest = busiestByChannel(plan);
	return {
		columns: [
			{ key: 'channel', label: 'Channel', kind: 'text' },
			{ key: 'method', label: 'Method', kind: 'text' },
			{ key: 'wape', label: 'Backtest error (WAPE)', kind: 'percent' },
			{ key: 'baseline', label: 'Last week as forecast', kind: 'percent' },
			{ key: 'weeks', label: 'Weeks backtested', kind: 'count' },
			{ key: 'peak', label: 'Busiest interval (80% range)', kind: 'text' }
		],
		rows: Object.entries(plan.forecast).flatMap(([channel, f]) => {
			const peak = busiest.get(channel);
			if (!peak) return [];
			return [
				{
					channel,
					method: f.method === 'holt_winters' ? 'Holt-Winters (trend + weekly season)' : `mean of the last ${plan.weeks_history} weeks`,
					wape: f.backtest_wape,
					baseline: f.seasonal_naive_wape,
					weeks: f.backtest_weeks,
					peak: `${formatInstant(peak.start, plan.timezone, 'EEE HH:mm')}: ${round1(peak.forecast)} (${round1(peak.low)}–${round1(peak.high)})`
				}
			];
		})
	};
}

/** Channels whose forecast beats last week's: the sentence above the table. */
export function forecastVerdict(plan: Plan): string {
	const scored = Object.values(plan.forecast).filter((f) => f.backtest_wape !== null && f.seasonal_naive_wape !== null);
	const better = scored.filter((f) => f.backtest_wape! < f.seasonal_naive_wape!).length;
	const trend = Object.values(plan.forecast).filter((f) => f.method === 'holt_winters').length;
	const staffed =
		plan.forecast_quantile === 0.5
			? 'Staffed to the forecast itself.'
			: `Staffed to the ${Math.round(plan.forecast_quantile * 100)}th percentile of each interval's forecast.`;
	if (scored.length === 0) return `Too little history to backtest the forecast. ${staffed}`;
	return `The forecast beat "same as last week" on ${better} of ${scored.length} channels; ${trend} use${trend === 1 ? 's' : ''} the trend method. ${staffed}`;
}

/** Why each method was chosen, one line per distinct reason with the channels it holds for. */
export function forecastNotes(plan: Plan): string[] {
	const byNote = new Map<string, string[]>();
	for (const [channel, f] of Object.entries(plan.forecast)) byNote.set(f.note, [...(byNote.get(f.note) ?? []), channel]);
	return [...byNote].map(([note, channels]) => `${channels.join(', ')}: ${note}`);
}
