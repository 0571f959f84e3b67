/**
 * Forecast per channel and interval of the week (planning.md "Forecast"): the K-week mean of the
 * same interval, or Holt-Winters where a rolling-origin backtest says it is better
 * (forecastMethods.ts), times (1 + growth), with an 80% band and the volume to staff at a chosen
 * quantile; handle time per interval with a channel-mean fallback. Pure: the server builds the
 * per-week counts.
 */
import { chooseForecast, type ForecastChoice, type ForecastMethod, type MethodWapes } from './forecastMethods';
import { normalQuantile } from './normalQuantile';
export { wape } from './wape';

/** Below this many conversations an interval's own handle-time mean is too noisy. */
export const MIN_CONVERSATIONS_FOR_HANDLE = 20;

export function intervalsPerWeek(intervalMin: number): number {
	return Math.round((7 * 24 * 60) / intervalMin);
}

/** One channel's history: full weeks oldest first, each an array over the intervals of the week (Monday 00:00 local = 0). */
export interface ChannelHistory {
	channel: string;
	/** arrivals per interval of each full week */
	arrivals: number[][];
	/** sum of handle seconds per interval of each week (conversations with a known handle time) */
	handleSeconds: number[][];
	/** conversations with a known handle time per interval of each week */
	handled: number[][];
}

export interface ForecastOptions {
	/** K: weeks averaged (the last K of the history) */
	weeksHistory: number;
	growth: number;
	/** handle time used when the channel has none measured */
	defaultHandleS: number;
	/** weekdays (0 = Monday) of the forecast week that are holidays */
	holidayWeekdays?: number[];
	/** weekdays with no business hours; a holiday takes their mean pattern */
	closedWeekdays?: number[];
	/** full weeks between the history's end and the forecast week (the server's plan skips the data's partial week: 1) */
	leadWeeks?: number;
	/** staff to this quantile of each interval's arrivals (0.5: the point forecast) */
	quantile?: number;
}

/** The prediction interval shown: 80%, from the 10th to the 90th percentile. */
export const BAND_QUANTILES = [0.1, 0.9] as const;

export interface ChannelForecast {
	channel: string;
	/** arrivals per interval of the week to staff for: the point forecast, or its chosen quantile */
	arrivals: number[];
	/** point forecast per interval */
	expected: number[];
	/** 80% prediction interval per interval (BAND_QUANTILES) */
	low: number[];
	high: number[];
	method: ForecastMethod;
	/** why the method was chosen, one sentence */
	methodReason: string;
	/** backtest WAPE of each method and of the seasonal-naive baseline */
	wapes: MethodWapes;
	backtestWeeks: number;
	trendPerWeek: number | null;
	/** expected handle seconds per interval of the week */
	handleS: number[];
	/** the channel's mean handle time over the window, null if none measured */
	meanHandleS: number | null;
	/** backtest WAPE of the chosen method; null without enough history or volume */
	backtestWape: number | null;
}

function meanOfWeeks(weeks: number[][], slots: number): number[] {
	const mean = new Array<number>(slots).fill(0);
	if (weeks.length === 0) return mean;
	for (const week of weeks) for (let s = 0; s < slots; s++) mean[s] += week[s] ?? 0;
	return mean.map((v) => v / weeks.length);
}

function handleTimes(history: ChannelHistory, window: number, slots: number, fallback: number): { perSlot: number[]; mean: number | null } {
	const recentSeconds = history.handleSeconds.slice(-window);
	const recentCounts = history.handled.slice(-window);
	const seconds = meanOfWeeks(recentSeconds, slots).map((v) => v * recentSeconds.length);
	const counts = meanOfWeeks(recentCounts, slots).map((v) => v * recentCounts.length);
	const totalCount = counts.reduce((a, b) => a + b, 0);
	const mean = totalCount > 0 ? seconds.reduce((a, b) => a + b, 0) / totalCount : null;
	const perSlot = counts.map((n, s) => (n >= MIN_CONVERSATIONS_FOR_HANDLE ? seconds[s] / n : (mean ?? fallback)));
	return { perSlot, mean };
}

/** A holiday looks like a closed day: each of its intervals takes the mean of the closed weekdays' same interval. */
function applyHolidays(arrivals: number[], options: ForecastOptions): number[] {
	const holidays = options.holidayWeekdays ?? [];
	const closed = (options.closedWeekdays ?? []).filter((d) => !holidays.includes(d));
	if (holidays.length === 0) return arrivals;
	const perDay = arrivals.length / 7;
	const result = arrivals.slice();
	for (const day of holidays) {
		for (let s = 0; s < perDay; s++) {
			result[day * perDay + s] = closed.length > 0 ? closed.reduce((sum, d) => sum + arrivals[d * perDay + s], 0) / closed.length : 0;
		}
	}
	return result;
}

/** Choices per arrivals history: what-if sliders rebuild the plan on every move, and they never change arrivals (growth comes after). */
const choices = new WeakMap<number[][], Map<string, ForecastChoice>>();

function cachedChoice(arrivals: number[][], slots: number, k: number, lead: number): ForecastChoice {
	const key = `${slots}/${k}/${lead}`;
	const known = choices.get(arrivals) ?? new Map<string, ForecastChoice>();
	choices.set(arrivals, known);
	const choice = known.get(key) ?? chooseForecast(arrivals, slots, k, lead);
	known.set(key, choice);
	return choice;
}

/** `quantile` of a normal around `mean` with `sd`, never below zero (an interval cannot have fewer than no contacts). */
const atQuantile = (mean: number[], sd: number[], q: number) => {
	if (q === 0.5) return mean.slice();
	const z = normalQuantile(q);
	return mean.map((m, s) => Math.max(0, m + z * sd[s]));
};

export function forecastChannel(history: ChannelHistory, slots: number, options: ForecastOptions): ChannelForecast {
	const k = Math.max(1, options.weeksHistory);
	const choice = cachedChoice(history.arrivals, slots, k, options.leadWeeks ?? 0);
	const finish = (values: number[]) =>
		applyHolidays(
			values.map((v) => v * (1 + options.growth)),
			options
		);
	const { perSlot, mean } = handleTimes(history, k, slots, options.defaultHandleS);
	return {
		channel: history.channel,
		arrivals: finish(atQuantile(choice.arrivals, choice.sd, options.quantile ?? 0.5)),
		expected: finish(choice.arrivals),
		low: finish(atQuantile(choice.arrivals, choice.sd, BAND_QUANTILES[0])),
		high: finish(atQuantile(choice.arrivals, choice.sd, BAND_QUANTILES[1])),
		method: choice.method,
		methodReason: choice.reason,
		wapes: choice.wape,
		backtestWeeks: choice.origins,
		trendPerWeek: choice.trendPerWeek,
		handleS: perSlot,
		meanHandleS: mean,
		backtestWape: choice.wape[choice.method]
	};
}

export function forecastChannels(histories: ChannelHistory[], slots: number, options: ForecastOptions): ChannelForecast[] {
	return histories.map((history) => forecastChannel(history, slots, options));
}
