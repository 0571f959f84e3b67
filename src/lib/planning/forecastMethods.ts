/**
 * Arrivals forecast methods and their choice per channel by a rolling-origin backtest.
 *
 * Both methods forecast the seven daily totals of the target week and spread each day over its
 * intervals by the day's intra-day profile (the last K weeks). Holt-Winters runs on daily totals
 * (season 7), not on 336 half-hour intervals: a half-hour count of a few contacts is mostly
 * Poisson noise, a season of 336 needs two weeks just to start, and a trend is a change of the
 * day's volume, not of 10:00's share of it. The K-week mean in this form equals the mean of each
 * interval over K weeks (planning.md), since mean(day) x share = mean(interval).
 */
import { canFitHoltWinters, fitHoltWinters, holtWintersForecast } from './holtWinters';
import { wape } from './wape';

export type ForecastMethod = 'mean' | 'holt_winters';

/** Training weeks the trend method needs: two to start its level, trend and season, two to fit the smoothing. */
export const MIN_TREND_WEEKS = 4;
/** Rolling origins of the backtest: the last weeks of history, each forecast as the plan forecasts. */
export const MAX_BACKTEST_ORIGINS = 4;
/** Weeks of history the server reads for the forecast (more than K): four backtest origins after the trend's minimum, and a season fitted over a quarter. */
export const FORECAST_HISTORY_WEEKS = 16;
/** The trend method must beat the mean's backtest WAPE by this share to be chosen: the simpler model wins near-ties. */
export const TREND_MARGIN = 0.05;

const DAYS = 7;

export interface MethodWapes {
	mean: number | null;
	holt_winters: number | null;
	/** the same interval last week: the baseline a forecast has to beat */
	seasonal_naive: number | null;
}

export interface ForecastChoice {
	method: ForecastMethod;
	/** one sentence: why this method */
	reason: string;
	/** target weeks of the backtest */
	origins: number;
	wape: MethodWapes;
	/** point forecast per interval of the target week (before growth) */
	arrivals: number[];
	/** standard deviation of the interval's arrivals around the point forecast */
	sd: number[];
	/** Holt-Winters' fitted change of the weekly volume per week; null for the mean */
	trendPerWeek: number | null;
}

export function dailyTotals(week: number[]): number[] {
	const perDay = week.length / DAYS;
	return Array.from({ length: DAYS }, (_, d) => week.slice(d * perDay, (d + 1) * perDay).reduce((a, b) => a + b, 0));
}

/** Each interval's share of its day over the given weeks (0 where the day had nothing). */
export function intradayProfile(weeks: number[][], slots: number): number[] {
	const perDay = slots / DAYS;
	const bySlot = new Array<number>(slots).fill(0);
	for (const week of weeks) for (let s = 0; s < slots; s++) bySlot[s] += week[s] ?? 0;
	const byDay = dailyTotals(bySlot);
	return bySlot.map((v, s) => (byDay[Math.floor(s / perDay)] > 0 ? v / byDay[Math.floor(s / perDay)] : 0));
}

const spread = (days: number[], profile: number[]) => profile.map((p, s) => days[Math.floor(s / (profile.length / DAYS))] * p);

/** The target week's daily totals: `lead` weeks lie between the end of `training` and the target. */
function forecastDays(method: ForecastMethod, training: number[][], k: number, lead: number): { days: number[]; trendPerWeek: number | null } {
	if (method === 'mean') {
		const recent = training.slice(-k).map(dailyTotals);
		return { days: Array.from({ length: DAYS }, (_, d) => recent.reduce((a, w) => a + w[d], 0) / recent.length), trendPerWeek: null };
	}
	const fit = fitHoltWinters(training.flatMap(dailyTotals), DAYS);
	// a negative day is no forecast: clamped at zero
	return {
		days: Array.from({ length: DAYS }, (_, d) => Math.max(0, holtWintersForecast(fit, DAYS * lead + d + 1))),
		trendPerWeek: fit.trend * DAYS * DAYS
	};
}

export const trendPossible = (trainingWeeks: number) => trainingWeeks >= MIN_TREND_WEEKS && canFitHoltWinters(trainingWeeks * DAYS, DAYS);

interface Backtest {
	origins: number;
	wape: MethodWapes;
	/** mean squared error of the daily totals, per method */
	dailyMse: Record<ForecastMethod, number | null>;
}

/**
 * Rolling origin: for each of the last weeks that can be a target, forecast it from the weeks at
 * least `lead` before it, as the plan does. The origins are those where the trend method can
 * run, so both are compared on the same weeks; without any, the mean alone on the last week from the weeks before it.
 */
export function backtest(arrivals: number[][], k: number, lead: number): Backtest {
	const last = arrivals.length - 1 - lead;
	const trendOrigins: number[] = [];
	for (let o = last; o >= 1 && trendOrigins.length < MAX_BACKTEST_ORIGINS && trendPossible(o); o--) trendOrigins.push(o);
	const withTrend = trendOrigins.length > 0;
	// the mean alone has no trend, so the weeks between do not change it: the last week from the K before it (planning.md)
	const targetLead = withTrend ? lead : 0;
	const origins = withTrend ? trendOrigins : arrivals.length >= 2 ? [arrivals.length - 1] : [];
	const actual: number[] = [];
	const forecasts: Record<ForecastMethod | 'seasonal_naive', number[]> = { mean: [], holt_winters: [], seasonal_naive: [] };
	const squared: Record<ForecastMethod, number[]> = { mean: [], holt_winters: [] };
	for (const o of origins) {
		const training = arrivals.slice(0, o);
		const target = arrivals[o + targetLead];
		const profile = intradayProfile(training.slice(-k), target.length);
		actual.push(...target);
		forecasts.seasonal_naive.push(...training[training.length - 1]);
		const targetDays = dailyTotals(target);
		for (const method of withTrend ? (['mean', 'holt_winters'] as const) : (['mean'] as const)) {
			const { days } = forecastDays(method, training, k, targetLead);
			forecasts[method].push(...spread(days, profile));
			days.forEach((d, i) => squared[method].push((targetDays[i] - d) ** 2));
		}
	}
	const meanOf = (v: number[]) => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null);
	const score = (f: number[]) => (f.length === actual.length && actual.length > 0 ? wape(actual, f) : null);
	return {
		origins: origins.length,
		wape: { mean: score(forecasts.mean), holt_winters: withTrend ? score(forecasts.holt_winters) : null, seasonal_naive: score(forecasts.seasonal_naive) },
		dailyMse: { mean: meanOf(squared.mean), holt_winters: meanOf(squared.holt_winters) }
	};
}

function choose(test: Backtest, weeks: number, k: number, lead: number): { method: ForecastMethod; reason: string } {
	const { mean, holt_winters: trend } = test.wape;
	if (trend === null)
		return {
			method: 'mean',
			reason: `${weeks} full weeks of history; the trend method needs ${MIN_TREND_WEEKS + lead + 1} to be backtested, so the ${k}-week mean.`
		};
	if (mean === null) return { method: 'mean', reason: `No volume in the backtest weeks: the ${k}-week mean.` };
	if (trend < mean * (1 - TREND_MARGIN))
		return { method: 'holt_winters', reason: `Holt-Winters beat the ${k}-week mean in the backtest over ${test.origins} weeks.` };
	return { method: 'mean', reason: `Holt-Winters did not beat the ${k}-week mean by ${TREND_MARGIN * 100}% in the backtest over ${test.origins} weeks.` };
}

/**
 * The chosen method's forecast of the week `lead` weeks after the history, with each interval's
 * spread: a day's total errs as the method erred in the backtest (daily MSE), the interval's
 * share of its day adds binomial noise, and the share itself was measured from N contacts:
 * Var = p^2 MSE + D p (1 - p) + D^2 p (1 - p) / N. Without a backtest, Poisson (Var = forecast).
 */
export function chooseForecast(arrivals: number[][], slots: number, k: number, lead: number): ForecastChoice {
	const test = backtest(arrivals, k, lead);
	const { method, reason } = choose(test, arrivals.length, k, lead);
	const { days, trendPerWeek } = arrivals.length > 0 ? forecastDays(method, arrivals, k, lead) : { days: new Array<number>(DAYS).fill(0), trendPerWeek: null };
	const recent = arrivals.slice(-k);
	const profile = intradayProfile(recent, slots);
	const point = spread(days, profile);
	const mse = test.dailyMse[method];
	const perDay = slots / DAYS;
	// contacts the profile's shares were measured from, per weekday: a share from few contacts is itself uncertain
	const profileBasis = dailyTotals(recent.reduce((acc, w) => acc.map((v, s) => v + (w[s] ?? 0)), new Array<number>(slots).fill(0)));
	const sd = point.map((f, s) => {
		const p = profile[s];
		const weekday = Math.floor(s / perDay);
		const day = days[weekday];
		const shareVariance = profileBasis[weekday] > 0 ? (p * (1 - p)) / profileBasis[weekday] : 0;
		return Math.sqrt(mse === null ? f : p * p * mse + day * p * (1 - p) + day * day * shareVariance);
	});
	return { method, reason, origins: test.origins, wape: test.wape, arrivals: point, sd, trendPerWeek: method === 'holt_winters' ? trendPerWeek : null };
}
