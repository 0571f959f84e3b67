import { describe, expect, it } from 'vitest';
import { backtest, chooseForecast, dailyTotals } from '../../../src/lib/planning/forecastMethods';
import { forecastChannel, type ChannelHistory } from '../../../src/lib/planning/forecast';
import { normalQuantile } from '../../../src/lib/planning/normalQuantile';
import { Random } from '../../../src/lib/planning/simulate/random';

const SLOTS = 336;
const PER_DAY = 48;
/** share of a day's contacts in each half hour: a day-time bump, the same every day */
const PROFILE = Array.from({ length: PER_DAY }, (_, i) => (i >= 16 && i < 40 ? 3 : 1));
const PROFILE_SUM = PROFILE.reduce((a, b) => a + b, 0);
/** day-of-week effect on the daily total (additive, sums to 0) */
const SEASON = [60, 40, 20, 0, -20, -40, -60];

/** expected arrivals per interval: daily total `base + slopePerDay * day + SEASON[weekday]`, spread by PROFILE */
function expectedWeeks(weeks: number, base: number, slopePerDay: number): number[][] {
	return Array.from({ length: weeks }, (_, w) =>
		Array.from({ length: SLOTS }, (_, s) => {
			const day = w * 7 + Math.floor(s / PER_DAY);
			return ((base + slopePerDay * day + SEASON[day % 7]) * PROFILE[s % PER_DAY]) / PROFILE_SUM;
		})
	);
}
const poisson = (weeks: number[][], random: Random) => weeks.map((w) => w.map((v) => random.poisson(v)));
const history = (arrivals: number[][]): ChannelHistory => ({ channel: 'chat', arrivals, handleSeconds: [], handled: [] });

describe('forecast methods', () => {
	it('Holt-Winters extrapolates an exact trend and season exactly', () => {
		// daily total 300 + 5 t + SEASON: the weekly volume grows by 5/day x 7 days x 7 days = 245 a week;
		// 12 weeks of history, a week between (lead 1): the target is week 13 (index 13), day t = 91..97
		const truth = expectedWeeks(14, 300, 5);
		const choice = chooseForecast(truth.slice(0, 12), SLOTS, 4, 1);
		expect(choice.method).toBe('holt_winters');
		expect(choice.trendPerWeek).toBeCloseTo(245, 6);
		// Monday of the target: 300 + 5 x 91 + 60 = 815
		expect(dailyTotals(choice.arrivals)[0]).toBeCloseTo(815, 6);
		expect(choice.wape.holt_winters).toBeCloseTo(0, 9);
		// the 4-week mean lags: its backtest error is far from 0
		expect(choice.wape.mean).toBeGreaterThan(0.1);
	});

	it('Holt-Winters beats the mean on a noisy trend and recovers the trend within 15%', () => {
		// Poisson counts around the series above (seed 7). Tolerance: a day's total of ~600 has a Poisson sd of ~25;
		// an OLS slope over 84 days would be within ~0.1/day (5 a week); the smoothed fit is a few times less
		// efficient, so 15% of 245 (37) is a bound a working fit meets and a missing trend (0) or a doubled one does not
		const noisy = poisson(expectedWeeks(12, 300, 5), new Random(7));
		const choice = chooseForecast(noisy, SLOTS, 4, 1);
		expect(choice.method).toBe('holt_winters');
		expect(choice.origins).toBe(4);
		expect(choice.wape.holt_winters!).toBeLessThan(choice.wape.mean!);
		expect(choice.wape.holt_winters!).toBeLessThan(choice.wape.seasonal_naive!);
		expect(Math.abs(choice.trendPerWeek! - 245)).toBeLessThan(0.15 * 245);
	});

	it('computes WAPE of the mean and of last week on a tiny series by hand', () => {
		// one interval a day (7 a week), K = 2, no week between; 3 weeks are too few for the trend method, so one origin:
		// weeks 0 and 1 forecast week 2. Mean per day [15,10,10,10,10,0,0]; last week [20,10,10,10,10,0,0].
		// Sunday had nothing in weeks 0-1: its share of the day is 0, so it is forecast 0.
		const weeks = [
			[10, 10, 10, 10, 10, 0, 0],
			[20, 10, 10, 10, 10, 0, 0],
			[12, 14, 10, 8, 10, 0, 2]
		];
		const result = backtest(weeks, 2, 0);
		expect(result.origins).toBe(1);
		// actual total 56; mean errors 3 + 4 + 0 + 2 + 0 + 0 + 2 = 11; last week's 8 + 4 + 0 + 2 + 0 + 0 + 2 = 16
		expect(result.wape.mean).toBeCloseTo(11 / 56, 12);
		expect(result.wape.seasonal_naive).toBeCloseTo(16 / 56, 12);
		expect(result.wape.holt_winters).toBeNull();
		// daily MSE of the mean: (9 + 16 + 0 + 4 + 0 + 0 + 4) / 7 = 33 / 7
		expect(result.dailyMse.mean).toBeCloseTo(33 / 7, 12);
		const choice = chooseForecast(weeks, 7, 2, 0);
		expect(choice.method).toBe('mean');
		expect(choice.reason).toBe('3 full weeks of history; the trend method needs 5 to be backtested, so the 2-week mean.');
	});

	it('keeps the mean on a flat noisy series', () => {
		// no trend: Holt-Winters can only chase noise, and must not win by the 5% margin on any of these seeds
		for (const seed of [1, 2, 3, 4, 5]) {
			const choice = chooseForecast(poisson(expectedWeeks(12, 300, 0), new Random(seed)), SLOTS, 4, 1);
			expect(choice.method).toBe('mean');
			expect(choice.wape.seasonal_naive!).toBeGreaterThan(choice.wape.mean!);
		}
	});

	it('80% prediction intervals cover about 80% of a simulated week', () => {
		// 20 seeded series (trend 3/day, weekly season, Poisson counts): 11 weeks of history, a week between,
		// week 12 the actual. 6720 interval counts; whole weeks err together, so ±5 points is the tolerance
		let inside = 0;
		let total = 0;
		for (let seed = 1; seed <= 20; seed++) {
			const all = poisson(expectedWeeks(13, 300, 3), new Random(100 + seed));
			const f = forecastChannel(history(all.slice(0, 11)), SLOTS, { weeksHistory: 4, growth: 0, defaultHandleS: 1, leadWeeks: 1 });
			all[12].forEach((v, s) => {
				total++;
				if (v >= f.low[s] && v <= f.high[s]) inside++;
			});
		}
		expect(inside / total).toBeGreaterThan(0.75);
		expect(inside / total).toBeLessThan(0.85);
	});

	it('staffs to a chosen quantile of the interval forecast', () => {
		const f50 = forecastChannel(history(poisson(expectedWeeks(12, 300, 0), new Random(3))), SLOTS, {
			weeksHistory: 4,
			growth: 0,
			defaultHandleS: 1,
			leadWeeks: 1
		});
		const f80 = forecastChannel(history(poisson(expectedWeeks(12, 300, 0), new Random(3))), SLOTS, {
			weeksHistory: 4,
			growth: 0,
			defaultHandleS: 1,
			leadWeeks: 1,
			quantile: 0.8
		});
		expect(f50.arrivals).toEqual(f50.expected);
		// the band's top is expected + z(0.9) sd, so sd = (high - expected) / 1.2816 and p80 = expected + 0.8416 sd
		const s = 20;
		const sd = (f80.high[s] - f80.expected[s]) / normalQuantile(0.9);
		expect(f80.arrivals[s]).toBeCloseTo(f80.expected[s] + 0.8416212 * sd, 5);
		expect(f80.arrivals[s]).toBeGreaterThan(f50.arrivals[s]);
	});

	it('has the normal quantiles of the tables', () => {
		expect(normalQuantile(0.9)).toBeCloseTo(1.2815516, 6);
		expect(normalQuantile(0.8)).toBeCloseTo(0.8416212, 6);
		expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 6);
		expect(normalQuantile(0.5)).toBe(0);
	});
});
