/**
 * The drill-down's address (shared by the charts that link to it and the server that reads it): the dashboard filters
 * plus the slice that was clicked, e.g. `/conversations?dataset=demo&from=…&to=…&mode=sync&at=2026-09-15T00:00:00.000Z&interval=1d`.
 */
import { filtersToSearch, type DashboardFilters } from './dashboardFilters';

export const DRILL_PATH = '/conversations';

/** The intervals a time bucket may span (the charts' bucket sizes). */
export const DRILL_INTERVALS = ['15m', '30m', '1h', '1d'] as const;
export type DrillInterval = (typeof DRILL_INTERVALS)[number];

/** Populations a tile stands for, beyond "every conversation of the mode": what the user reads in the table's heading. */
export const DRILL_POPULATIONS = {
	sla_missed: 'SLA missed',
	sla_met: 'SLA met',
	answered: 'answered by a person',
	resolved: 'resolved',
	abandoned: 'abandoned',
	open: 'still open',
	after_hours: 'arrived after hours',
	in_hours: 'arrived in business hours',
	bot_involved: 'a bot took part',
	rated: 'rated (CSAT)',
	repeated: 'followed by a repeat contact',
	with_customer: 'with a customer id'
} as const;
export type DrillPopulation = keyof typeof DRILL_POPULATIONS;

/** How after-hours and in-hours demand was served (the Coverage bars), as stored in `coverage`. */
export const DRILL_COVERAGE = {
	bot_resolved: 'bot resolved',
	answered_after_hours: 'answered by a person after hours',
	waited_for_opening: 'waited for opening',
	answered_in_hours: 'answered by a person in hours',
	unanswered: 'unanswered'
} as const;
export type DrillCoverage = keyof typeof DRILL_COVERAGE;

/** The clicked part of a chart or tile; every field narrows the dashboard's filters further. */
export interface DrillSlice {
	mode?: 'sync' | 'async';
	/** a time bucket: created_at in [at, at + interval) */
	at?: string;
	interval?: DrillInterval;
	/** a heatmap cell: local weekday (0 = Monday) and hour */
	weekday?: number;
	hour?: number;
	population?: DrillPopulation;
	coverage?: DrillCoverage;
}

/** The slice's own query parameters, in a fixed order. */
export function sliceToSearch(slice: DrillSlice): URLSearchParams {
	const params = new URLSearchParams();
	if (slice.mode) params.set('mode', slice.mode);
	if (slice.at && slice.interval) {
		params.set('at', slice.at);
		params.set('interval', slice.interval);
	}
	if (slice.weekday !== undefined && slice.hour !== undefined) {
		params.set('weekday', String(slice.weekday));
		params.set('hour', String(slice.hour));
	}
	if (slice.population) params.set('population', slice.population);
	if (slice.coverage) params.set('coverage', slice.coverage);
	return params;
}

/** The link to the conversations behind a slice of a dashboard view. */
export function drillHref(filters: DashboardFilters, slice: DrillSlice): string {
	const slicePart = sliceToSearch(slice).toString();
	return `${DRILL_PATH}?${filtersToSearch(filters)}${slicePart ? `&${slicePart}` : ''}`;
}

/** The mode a chart line or tile side stands for, when it is one ("sync", "sync mean" → sync; "chat" → none). */
export function modeOf(name: string): DrillSlice['mode'] {
	const first = name.split(' ')[0];
	return first === 'sync' || first === 'async' ? first : undefined;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const INTERVAL_WORDS: Record<DrillInterval, string> = { '15m': '15 minutes', '30m': '30 minutes', '1h': 'hour', '1d': 'day (UTC)' };

/** The slice in words, for the table's heading: "sync · the day (UTC) from 15 Sep 2026 · SLA missed". */
export function describeSlice(slice: DrillSlice, formatTime: (iso: string, pattern: string) => string): string[] {
	const parts: string[] = [];
	if (slice.mode) parts.push(slice.mode);
	if (slice.at && slice.interval)
		parts.push(
			slice.interval === '1d'
				? `${formatTime(slice.at, 'EEE d MMM yyyy')} (UTC day)`
				: `the ${INTERVAL_WORDS[slice.interval]} from ${formatTime(slice.at, 'EEE d MMM yyyy HH:mm')}`
		);
	if (slice.weekday !== undefined && slice.hour !== undefined)
		parts.push(`${WEEKDAYS[slice.weekday]}s ${String(slice.hour).padStart(2, '0')}:00–${String(slice.hour).padStart(2, '0')}:59 local time`);
	if (slice.population) parts.push(DRILL_POPULATIONS[slice.population]);
	if (slice.coverage) parts.push(DRILL_COVERAGE[slice.coverage]);
	return parts;
}
