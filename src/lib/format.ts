/**
 * Number and date formatting for every page, chart and table: units, rounding, thousands.
 * A missing value (null, undefined, NaN) is always "no data", never 0.
 * Pure and shared by server and browser; dates are shown in the dataset's time zone, never the browser's.
 */
import { format as formatDateFns } from 'date-fns/format';
import { TZDate } from '@date-fns/tz';

export const NO_DATA = 'no data';

type Maybe = number | null | undefined;

const missing = (value: Maybe): value is null | undefined => value === null || value === undefined || Number.isNaN(value);

/** Rounds to `digits` decimals and drops a trailing ".0" ("2.5", "12", "1.4"). */
function trimmed(value: number, digits: number): string {
	const text = value.toFixed(digits);
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** One decimal below 10, whole numbers above, so every duration has 2-3 significant digits. */
const scaled = (value: number) => (Math.abs(value) < 10 ? trimmed(value, 1) : Math.round(value).toLocaleString('en-US'));

/** Thousands separators on the whole part of a plain decimal text: "-1204.5" → "-1,204.5". */
function grouped(text: string): string {
	const [whole, fraction] = text.split('.');
	return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
}

/** A duration in the unit it is written in: under a minute in s, under an hour in min, under a day in h, else d. */
function durationInUnit(seconds: number): { value: number; unit: 's' | 'min' | 'h' | 'd' } {
	const abs = Math.abs(seconds);
	if (abs < 59.5) return { value: seconds, unit: 's' };
	if (abs < 3570) return { value: seconds / 60, unit: 'min' };
	if (abs < 86_400 * 0.995) return { value: seconds / 3600, unit: 'h' };
	return { value: seconds / 86_400, unit: 'd' };
}

/**
 * A duration in seconds in its natural unit: "38 s", "2.5 min", "3.2 h", "1.4 d".
 * `decimals` fixes the decimals (a table column shows the same on every row: "6.0 min" under "6.2 min").
 */
export function formatDuration(seconds: Maybe, decimals?: number): string {
	if (missing(seconds)) return NO_DATA;
	const { value, unit } = durationInUnit(seconds);
	return `${decimals === undefined ? scaled(value) : grouped(value.toFixed(decimals))} ${unit}`;
}

/** A duration for prose: "40 s", "12 min", "2 h 10 min", "3 d 4 h" (two units at most, whole numbers). */
export function formatDurationWords(seconds: Maybe): string {
	if (missing(seconds)) return NO_DATA;
	const s = Math.round(Math.abs(seconds));
	const sign = seconds < 0 ? '-' : '';
	if (s === 0) return 'under a second';
	if (s < 60) return `${sign}${s} s`;
	if (s < 3600) return `${sign}${Math.round(s / 60)} min`;
	if (s < 86_400) {
		const minutes = Math.round(s / 60);
		const h = Math.floor(minutes / 60);
		const m = minutes % 60;
		return `${sign}${h} h${m ? ` ${m} min` : ''}`;
	}
	const hours = Math.round(s / 3600);
	const d = Math.floor(hours / 24);
	const h = hours % 24;
	return `${sign}${d} d${h ? ` ${h} h` : ''}`;
}

/** A share 0..1 as a percentage: "83.1%"; `digits` decimals (default 1). */
export function formatPercent(share: Maybe, digits = 1): string {
	if (missing(share)) return NO_DATA;
	return `${(share * 100).toFixed(digits)}%`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A currency's formatter with `digits` decimals; an unknown currency code still shows the amount, with the code after it. */
function moneyFormat(currency: string, digits: number): Intl.NumberFormat {
	const key = `${currency}:${digits}`;
	let formatter = moneyFormats.get(key);
	if (!formatter) {
		try {
			formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
		} catch {
			const plain = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
			formatter = { format: (n: number) => `${plain.format(n)} ${currency}` } as Intl.NumberFormat;
		}
		moneyFormats.set(key, formatter);
	}
	return formatter;
}

/** Money with its currency symbol and cents: "$5.12", "€1,204.50". */
export function formatMoney(value: Maybe, currency = 'USD'): string {
	if (missing(value)) return NO_DATA;
	return moneyFormat(currency, 2).format(value);
}

/** Weekly costs in whole currency units ("$121,580"): cents are noise at this scale. */
export function wholeMoney(value: Maybe, currency: string): string {
	if (missing(value)) return NO_DATA;
	return moneyFormat(currency, 0).format(Math.round(value));
}

/** A whole count with thousands separators: "52,000". */
export function formatCount(value: Maybe): string {
	if (missing(value)) return NO_DATA;
	return Math.round(value).toLocaleString('en-US');
}

/** A plain measure such as concurrency or a backlog mean: "2.4", "58", "1,204"; `digits` decimals at most. */
export function formatNumber(value: Maybe, digits = 1): string {
	if (missing(value)) return NO_DATA;
	return grouped(trimmed(value, digits));
}

/** A plain measure with exactly `decimals` decimals, for a table column: "1.0" under "3.6", "110.0" under "435.8". */
export function formatFixed(value: Maybe, decimals: number): string {
	if (missing(value)) return NO_DATA;
	return grouped(value.toFixed(decimals));
}

/** How a metric's value is written; every KPI and table column names one. */
export type ValueKind = 'duration' | 'percent' | 'money' | 'count' | 'number';

/** Formats a value by its kind (money in `currency`); `decimals` fixes them for durations and numbers (see columnDecimals). */
export function formatValue(value: Maybe, kind: ValueKind, currency = 'USD', decimals?: number): string {
	switch (kind) {
		case 'duration':
			return formatDuration(value, decimals);
		case 'percent':
			return formatPercent(value);
		case 'money':
			return formatMoney(value, currency);
		case 'count':
			return formatCount(value);
		case 'number':
			return decimals === undefined ? formatNumber(value) : formatFixed(value, decimals);
	}
}

/** Whether a value written alone shows a fraction ("6.2 min", "3.6"; not "6 min", "110"). */
function showsFraction(value: number, kind: 'duration' | 'number'): boolean {
	const text = kind === 'duration' ? scaled(durationInUnit(value).value) : trimmed(value, 1);
	return text.includes('.');
}

/**
 * The decimals a column of values shows on every row: 1 when any row would show a fraction alone, else 0.
 * Undefined for kinds whose decimals never vary (percent, money, count).
 */
export function columnDecimals(values: readonly Maybe[], kind: ValueKind): number | undefined {
	if (kind !== 'duration' && kind !== 'number') return undefined;
	return values.some((v) => !missing(v) && showsFraction(v, kind)) ? 1 : 0;
}

/**
 * The change from `previous` to `current` in words: relative for durations, counts, money and numbers ("+12%", "−8.4%"),
 * in percentage points for shares ("+2.1 pp"). Null when either side is missing or the base is 0.
 */
export function formatDelta(current: Maybe, previous: Maybe, kind: ValueKind): string | null {
	if (missing(current) || missing(previous)) return null;
	const minus = '\u2212';
	if (kind === 'percent') {
		const pp = (current - previous) * 100;
		const text = Math.abs(pp) < 0.05 ? '0.0' : trimmed(Math.abs(pp), 1).replace(/^(\d+)$/, '$1.0');
		return `${pp > 0.05 ? '+' : pp < -0.05 ? minus : '±'}${text} pp`;
	}
	if (previous === 0) return current === 0 ? '±0%' : null;
	const change = ((current - previous) / Math.abs(previous)) * 100;
	if (Math.abs(change) < 0.05) return '±0%';
	const digits = Math.abs(change) < 10 ? 1 : 0;
	return `${change > 0 ? '+' : minus}${trimmed(Math.abs(change), digits)}%`;
}

/** A UTC instant (ISO text or Date) in the given time zone with a date-fns pattern, e.g. "d MMM yyyy". */
export function formatInstant(instant: string | Date | null | undefined, timezone: string, pattern = 'd MMM yyyy HH:mm'): string {
	if (!instant) return NO_DATA;
	const date = new TZDate(typeof instant === 'string' ? new Date(instant).getTime() : instant.getTime(), timezone);
	return formatDateFns(date, pattern);
}

/** A calendar day given as "YYYY-MM-DD" (no time zone involved): "1 Sep 2026". */
export function formatDay(day: string | null | undefined, pattern = 'd MMM yyyy'): string {
	if (!day) return NO_DATA;
	const [y, m, d] = day.slice(0, 10).split('-').map(Number);
	return formatDateFns(new Date(y, m - 1, d), pattern);
}

/** A filter range [from, to) of days as a label: "1 Sep – 30 Sep 2026" (the end day is the last one included). */
export function formatDayRange(from: string, toExclusive: string): string {
	const [y, m, d] = toExclusive.slice(0, 10).split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
	const sameYear = from.slice(0, 4) === last.slice(0, 4);
	return `${formatDay(from, sameYear ? 'd MMM' : 'd MMM yyyy')} – ${formatDay(last)}`;
}
