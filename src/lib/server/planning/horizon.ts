/** The planned week in the dataset's time zone: interval starts, business hours per interval, holidays. */
import { TZDate } from '@date-fns/tz';
import { WEEKDAYS, type Settings } from '../../settings/defaults';
import type { HorizonInterval } from '../../planning/planTypes';
import { minutesOf } from '../derive/calendar';

const DAY_MS = 86_400_000;

/** One boolean per interval of the local week (Monday 00:00 = 0): inside business hours. */
export function businessOpenByInterval(settings: Pick<Settings, 'business_hours'>, intervalMin: number): boolean[] {
	const perDay = (24 * 60) / intervalMin;
	return Array.from({ length: 7 * perDay }, (_, slot) => {
		const spans = settings.business_hours[WEEKDAYS[Math.floor(slot / perDay)]];
		const minute = (slot % perDay) * intervalMin;
		return spans.some(([from, to]) => minute >= minutesOf(from) && minute < minutesOf(to));
	});
}

export function closedWeekdays(settings: Pick<Settings, 'business_hours'>): number[] {
	return WEEKDAYS.flatMap((day, i) => (settings.business_hours[day].length === 0 ? [i] : []));
}

/**
 * The horizon's intervals from a local Monday (given as a wall-clock date in a UTC Date), `days`
 * long: each interval's UTC start and its interval of the week.
 */
export function horizonIntervals(mondayLocal: Date, days: number, intervalMin: number, timezone: string): HorizonInterval[] {
	const perDay = (24 * 60) / intervalMin;
	const slotsPerWeek = 7 * perDay;
	const result: HorizonInterval[] = [];
	for (let i = 0; i < days * perDay; i++) {
		const wall = new Date(mondayLocal.getTime() + Math.floor(i / perDay) * DAY_MS);
		const minute = (i % perDay) * intervalMin;
		const start = new TZDate(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), Math.floor(minute / 60), minute % 60, timezone);
		result.push({ start: new Date(start.getTime()).toISOString().replace('.000Z', 'Z'), slot: i % slotsPerWeek });
	}
	return result;
}

/** Weekdays (0 = Monday) of the week starting at `mondayLocal` that are holidays (settings.holidays, YYYY-MM-DD). */
export function holidayWeekdays(mondayLocal: Date, holidays: string[]): number[] {
	return Array.from({ length: 7 }, (_, d) => new Date(mondayLocal.getTime() + d * DAY_MS).toISOString().slice(0, 10)).flatMap((date, d) =>
		holidays.includes(date) ? [d] : []
	);
}
