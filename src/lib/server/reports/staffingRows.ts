/** The staffing report's rows and summary, shared by the CSV, XLSX and PDF writers. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Plan } from '../../planning/planTypes';

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

export function staffingRows(plan: Plan): StaffingCell[][] {
	return plan.intervals.map((r) => [
		format(new TZDate(Date.parse(r.start), plan.timezone), 'yyyy-MM-dd HH:mm'),
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

/** Label/value lines of the summary sheet or page. */
export function staffingSummary(plan: Plan, currency: string): [string, StaffingCell][] {
	const { recommended } = plan.mix;
	return [
		['Dataset', plan.dataset],
		['Time zone', plan.timezone],
		['Interval (min)', plan.interval_min],
		['Weeks of history', plan.weeks_history],
		['Async share today', plan.mix.current_async_share],
		['Recommended async share', recommended.async_share],
		[`Recommended weekly cost (${currency})`, recommended.cost],
		['Recommended agent-hours a week', recommended.agent_hours],
		[`Saving vs today (${currency})`, recommended.saving_vs_current],
		...plan.mix.reasons.map((reason, i): [string, StaffingCell] => [`Reason ${i + 1}`, reason])
	];
}
