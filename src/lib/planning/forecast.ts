/**
 * Forecast per channel and interval of the week (planning.md "Forecast"): the mean of the same
 * interval over the last K full weeks times (1 + growth), handle time per interval with a
 * channel-mean fallback, and a backtest of the last full week (WAPE). Pure: the server builds
 * the per-week counts.
 */

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
}

export interface ChannelForecast {
	channel: string;
	/** expected arrivals per interval of the week */
	arrivals: number[];
	/** expected handle seconds per interval of the week */
	handleS: number[];
	/** the channel's mean handle time over the window, null if none measured */
	meanHandleS: number | null;
	/** WAPE of forecasting the last full week from the K before it; null without enough history or volume */
	backtestWape: number | null;
}

function meanOfWeeks(weeks: number[][], slots: number): number[] {
	const mean = new Array<number>(slots).fill(0);
	if (weeks.length === 0) return mean;
	for (const week of weeks) for (let s = 0; s < slots; s++) mean[s] += week[s] ?? 0;
	return mean.map((v) => v / weeks.length);
}

/** Weighted absolute percentage error: sum |actual - forecast| / sum actual. */
export function wape(actual: number[], forecast: number[]): number | null {
	let error = 0;
	let total = 0;
	for (let i = 0; i < actual.length; i++) {
		error += Math.abs(actual[i] - (forecast[i] ?? 0));
		total += actual[i];
	}
	return total > 0 ? error / total : null;
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

export function forecastChannel(history: ChannelHistory, slots: number, options: ForecastOptions): ChannelForecast {
	const k = Math.max(1, options.weeksHistory);
	const recent = history.arrivals.slice(-k);
	const arrivals = applyHolidays(
		meanOfWeeks(recent, slots).map((v) => v * (1 + options.growth)),
		options
	);
	const { perSlot, mean } = handleTimes(history, k, slots, options.defaultHandleS);
	// backtest: the last full week from up to K weeks before it
	const weeks = history.arrivals.length;
	const backtestWape = weeks >= 2 ? wape(history.arrivals[weeks - 1], meanOfWeeks(history.arrivals.slice(Math.max(0, weeks - 1 - k), weeks - 1), slots)) : null;
	return { channel: history.channel, arrivals, handleS: perSlot, meanHandleS: mean, backtestWape };
}

export function forecastChannels(histories: ChannelHistory[], slots: number, options: ForecastOptions): ChannelForecast[] {
	return histories.map((history) => forecastChannel(history, slots, options));
}
