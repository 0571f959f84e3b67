import { DEFAULT_SETTINGS, type Channel, type Mode } from '../../../src/lib/settings/defaults';
import type { PlanAssumptions, PlanChannelInputs, PlanInputs } from '../../../src/lib/planning/planTypes';

export const SLOTS = 336;
/** Monday-Friday 09:00-17:00 in half-hour intervals of the week */
export const businessOpen = Array.from({ length: SLOTS }, (_, i) => Math.floor(i / 48) < 5 && i % 48 >= 18 && i % 48 < 34);

/** A channel whose history is `weeks` identical weeks: `perInterval` arrivals in every open interval, none outside. */
export function steadyChannel(
	channel: Channel,
	mode: Mode,
	perInterval: number,
	handleS: number,
	extra: Partial<PlanChannelInputs> = {},
	weeks = 5
): PlanChannelInputs {
	const arrivals = businessOpen.map((open) => (open ? perInterval : 0));
	return {
		channel,
		mode,
		history: {
			channel,
			arrivals: Array.from({ length: weeks }, () => arrivals),
			handleSeconds: Array.from({ length: weeks }, () => arrivals.map((v) => v * handleS)),
			handled: Array.from({ length: weeks }, () => arrivals)
		},
		concurrency: mode === 'async' ? 2.5 : null,
		focusShare: 1,
		openS: null,
		patienceS: null,
		repeatRate: null,
		syncPinnedShare: 0,
		...extra
	};
}

export function planInputs(channels: PlanChannelInputs[]): PlanInputs {
	const start = Date.parse('2026-11-30T00:00:00Z');
	return {
		dataset: 'test',
		timezone: 'UTC',
		intervalMin: 30,
		weeksAvailable: 5,
		historyWeeks: 5,
		measured: {},
		measuredRange: null,
		horizon: Array.from({ length: SLOTS }, (_, slot) => ({ start: new Date(start + slot * 1800_000).toISOString().replace('.000Z', 'Z'), slot })),
		businessOpen,
		holidayWeekdays: [],
		closedWeekdays: [5, 6],
		channels,
		botConversationsPerWeek: 0
	};
}

export const assumptions: PlanAssumptions = { sla: DEFAULT_SETTINGS.sla, costs: DEFAULT_SETTINGS.costs, planning: DEFAULT_SETTINGS.planning, currency: 'USD' };
