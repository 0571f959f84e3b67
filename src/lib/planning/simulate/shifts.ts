/**
 * Shift coverage of the demo's pools by local hour of week (0 = Monday 00:00): the share of the
 * day-time staffing rule on duty. Business hours full, thinner evenings and weekends, a night
 * skeleton crew on the live channels (at least one agent), async only by day.
 */
type Window = { days: number[]; from: number; to: number; coverage: number };

const WEEKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];
const ALL_DAYS = [...WEEKDAYS, ...WEEKEND];

const COVERAGE: Record<string, Window[]> = {
	voice: [
		{ days: WEEKDAYS, from: 8, to: 18, coverage: 1 },
		{ days: WEEKDAYS, from: 18, to: 21, coverage: 0.85 },
		{ days: WEEKEND, from: 9, to: 18, coverage: 0.9 },
		{ days: ALL_DAYS, from: 0, to: 24, coverage: 0.75 }
	],
	chat: [
		{ days: WEEKDAYS, from: 8, to: 18, coverage: 1 },
		{ days: WEEKDAYS, from: 18, to: 22, coverage: 0.85 },
		{ days: WEEKEND, from: 9, to: 18, coverage: 0.9 },
		{ days: ALL_DAYS, from: 0, to: 24, coverage: 0.75 }
	],
	messaging: [
		{ days: WEEKDAYS, from: 8, to: 20, coverage: 1 },
		{ days: WEEKEND, from: 10, to: 18, coverage: 0.8 }
	],
	email: [{ days: WEEKDAYS, from: 8, to: 17, coverage: 1 }]
};

export function demoCoverage(pool: string, hourOfWeek: number): number {
	const day = Math.floor(hourOfWeek / 24);
	const hour = hourOfWeek % 24;
	for (const w of COVERAGE[pool] ?? COVERAGE.messaging) if (w.days.includes(day) && hour >= w.from && hour < w.to) return w.coverage;
	return 0;
}

/** Hours of the week with anyone on duty (windows may overlap: the first that matches counts). */
export function openHoursPerWeek(pool: string): number {
	let hours = 0;
	for (let h = 0; h < 168; h++) if (demoCoverage(pool, h) > 0) hours++;
	return hours;
}
