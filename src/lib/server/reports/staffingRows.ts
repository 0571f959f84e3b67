/** The staffing report's interval rows, shared by the CSV, XLSX and PDF writers. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { PlanInterval } from '../../planning/planTypes';

export const STAFFING_COLUMNS = [
	'Interval start (local)',
	'Mode',
	'Channel',
	'Forecast',
	'AHT (s)',
	'Concurrency',
	'Required agents',
	'Scheduled agents',
	'Expected service level',
	'ASA (s)',
	'Occupancy'
] as const;
export type StaffingCell = string | number | null;

/** The interval's start as the wall clock of `timezone`: "2026-11-30 09:00". */
export const localStart = (start: string, timezone: string) => format(new TZDate(Date.parse(start), timezone), 'yyyy-MM-dd HH:mm');

/**
 * The wall clock of `timezone` as a Date whose UTC fields are that clock: spreadsheets have no zones, so an
 * Excel date cell must hold the local time itself (09:00 in Berlin shows as 09:00, not 08:00).
 */
export function wallClockDate(start: string, timezone: string): Date {
	const local = new TZDate(Date.parse(start), timezone);
	return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes()));
}

export function staffingRows(rows: readonly PlanInterval[], timezone: string): StaffingCell[][] {
	return rows.map((r) => [
		localStart(r.start, timezone),
		r.mode,
		r.channel,
		r.forecast,
		r.aht_s,
		r.concurrency,
		r.agents,
		r.agents_scheduled,
		r.service_level,
		r.asa_s,
		r.occupancy
	]);
}
