import { describe, expect, it } from 'vitest';
import { forecastChannel, intervalsPerWeek, wape, type ChannelHistory } from '../../../src/lib/planning/forecast';

const SLOTS = 336;
const week = (valueAt: (slot: number) => number) => Array.from({ length: SLOTS }, (_, s) => valueAt(s));

describe('forecast', () => {
	it('has 336 half-hour intervals a week', () => {
		expect(intervalsPerWeek(30)).toBe(336);
		expect(intervalsPerWeek(60)).toBe(168);
	});

	it('averages the last K weeks, applies growth and backtests the last week from the weeks before', () => {
		// four weeks of 10, 20, 30, 40 per interval; K = 4; too few weeks for the trend method
		const history: ChannelHistory = {
			channel: 'chat',
			arrivals: [10, 20, 30, 40].map((v) => week(() => v)),
			handleSeconds: [10, 20, 30, 40].map((v) => week(() => v * 300)),
			handled: [10, 20, 30, 40].map((v) => week(() => v))
		};
		const result = forecastChannel(history, SLOTS, { weeksHistory: 4, growth: 0.1, defaultHandleS: 400 });
		expect(result.method).toBe('mean');
		// mean of 10, 20, 30, 40 = 25, times 1.1 = 27.5
		expect(result.arrivals[0]).toBeCloseTo(27.5, 9);
		expect(result.arrivals[335]).toBeCloseTo(27.5, 9);
		// backtest: forecast of week 4 from weeks 1-3 = 20 against 40: WAPE = 20/40 = 0.5
		expect(result.backtestWape).toBeCloseTo(0.5, 9);
		expect(result.handleS[7]).toBeCloseTo(300, 9);
		expect(result.meanHandleS).toBeCloseTo(300, 9);
	});

	it('takes the trend method when a fifth week lets the backtest show it is better', () => {
		// 10, 20, ..., 50 a week: as daily totals a staircase, which is exactly a line plus a weekly sawtooth, so
		// Holt-Winters forecasts week 6 as 60 per interval (x 1.1 growth = 66), and week 5 from weeks 1-4 without error
		const history: ChannelHistory = { channel: 'chat', arrivals: [10, 20, 30, 40, 50].map((v) => week(() => v)), handleSeconds: [], handled: [] };
		const result = forecastChannel(history, SLOTS, { weeksHistory: 4, growth: 0.1, defaultHandleS: 400 });
		expect(result.method).toBe('holt_winters');
		expect(result.arrivals[100]).toBeCloseTo(66, 6);
		expect(result.backtestWape).toBeCloseTo(0, 9);
		// the mean's backtest: week 5 (50) from weeks 1-4 (25): 0.5; last week (40): 0.2
		expect(result.wapes.mean).toBeCloseTo(0.5, 9);
		expect(result.wapes.seasonal_naive).toBeCloseTo(0.2, 9);
	});

	it('falls back to the channel mean handle time where an interval has fewer than 20 conversations', () => {
		// interval 0: 5 conversations a week x 4 weeks = 20 -> own mean 600; interval 1: 4 a week = 16 -> channel mean
		const arrivals = week((s) => (s === 0 ? 5 : s === 1 ? 4 : 0));
		const history: ChannelHistory = {
			channel: 'email',
			arrivals: [arrivals, arrivals, arrivals, arrivals],
			handleSeconds: [0, 1, 2, 3].map(() => week((s) => (s === 0 ? 5 * 600 : s === 1 ? 4 * 150 : 0))),
			handled: [arrivals, arrivals, arrivals, arrivals]
		};
		const result = forecastChannel(history, SLOTS, { weeksHistory: 4, growth: 0, defaultHandleS: 400 });
		expect(result.handleS[0]).toBeCloseTo(600, 9);
		// channel mean: (20 x 600 + 16 x 150) / 36 = 14400 / 36 = 400
		expect(result.handleS[1]).toBeCloseTo(400, 9);
		expect(result.meanHandleS).toBeCloseTo(400, 9);
		expect(result.backtestWape).toBe(0);
	});

	it('forecasts a holiday as the mean closed-day pattern', () => {
		// weekdays 0..4 get 10 per interval, Saturday 2, Sunday 4; Wednesday (2) is a holiday
		const pattern = week((s) => (s < 240 ? 10 : s < 288 ? 2 : 4));
		const history: ChannelHistory = { channel: 'chat', arrivals: [pattern], handleSeconds: [week(() => 0)], handled: [week(() => 0)] };
		const result = forecastChannel(history, SLOTS, { weeksHistory: 4, growth: 0, defaultHandleS: 300, holidayWeekdays: [2], closedWeekdays: [5, 6] });
		expect(result.arrivals[2 * 48 + 20]).toBeCloseTo(3, 9); // (2 + 4) / 2
		expect(result.arrivals[1 * 48 + 20]).toBe(10);
		expect(result.handleS[0]).toBe(300); // nothing measured: the default
		expect(result.backtestWape).toBeNull(); // one week cannot be backtested
	});

	it('WAPE weighs errors by volume', () => {
		expect(wape([10, 0, 30], [5, 2, 33])).toBeCloseTo((5 + 2 + 3) / 40, 12);
		expect(wape([0, 0], [1, 1])).toBeNull();
	});
});
