import { describe, expect, it } from 'vitest';
import { forecastAccuracyTable, forecastNotes, forecastVerdict } from '../../../src/lib/components/plan/forecastAccuracy';
import type { ChannelForecastSummary, Plan, PlanInterval } from '../../../src/lib/planning/planTypes';

const summary = (over: Partial<ChannelForecastSummary>): ChannelForecastSummary => ({
	method: 'mean',
	note: 'Holt-Winters did not beat the 4-week mean by 5% in the backtest over 4 weeks.',
	backtest_wape: 0.3,
	mean_wape: 0.3,
	holt_winters_wape: 0.31,
	seasonal_naive_wape: 0.4,
	backtest_weeks: 4,
	trend_per_week: null,
	...over
});
const row = (channel: 'chat' | 'email', start: string, forecast: number, p10: number, p90: number): PlanInterval => ({
	start,
	mode: channel === 'chat' ? 'sync' : 'async',
	channel,
	forecast,
	forecast_p10: p10,
	forecast_p90: p90,
	aht_s: 300,
	concurrency: 1,
	agents: 1,
	agents_scheduled: 2,
	service_level: 0.9,
	asa_s: 5,
	occupancy: 0.5
});

const plan = {
	timezone: 'Europe/Berlin',
	weeks_history: 4,
	forecast_quantile: 0.8,
	forecast: {
		chat: summary({}),
		email: summary({
			method: 'holt_winters',
			note: 'Holt-Winters beat the 4-week mean in the backtest over 4 weeks.',
			backtest_wape: 0.5,
			seasonal_naive_wape: 0.45
		})
	},
	intervals: [
		row('chat', '2026-11-30T08:00:00Z', 12, 8, 16),
		row('chat', '2026-11-30T08:30:00Z', 14.25, 9.5, 19),
		row('email', '2026-11-30T08:00:00Z', 3, 1, 5)
	]
} as unknown as Plan;

describe('forecast accuracy on the Plan page', () => {
	it('says how many channels beat last week, which use the trend and the quantile staffed to', () => {
		// chat 0.3 < 0.4 beats it; email 0.5 > 0.45 does not
		expect(forecastVerdict(plan)).toBe(
			'The forecast beat "same as last week" on 1 of 2 channels; 1 uses the trend method. Staffed to the 80th percentile of each interval\'s forecast.'
		);
	});

	it('shows each channel its method, errors and the busiest interval with its band in local time', () => {
		const table = forecastAccuracyTable(plan);
		// chat's busiest: 08:30 UTC = 09:30 in Berlin (CET, +1), 14.25 shown as 14.3
		expect(table.rows[0]).toEqual({
			channel: 'chat',
			method: 'mean of the last 4 weeks',
			wape: 0.3,
			baseline: 0.4,
			weeks: 4,
			peak: 'Mon 09:30: 14.3 (9.5–19)'
		});
		expect(table.rows[1].method).toBe('Holt-Winters (trend + weekly season)');
		expect(forecastNotes(plan)).toEqual([
			'chat: Holt-Winters did not beat the 4-week mean by 5% in the backtest over 4 weeks.',
			'email: Holt-Winters beat the 4-week mean in the backtest over 4 weeks.'
		]);
	});
});
