/**
 * Shift coverage of the demo's pools by local hour of week (0 = Monday 00:00): the share of the
 * day-time staffing rule on duty. Business hours full, thin evenings, nobody at night.
 */
type Window = { days: number[]; from: number; to: number; coverage: number };

const WEEKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];

const COVERAGE: Record<string, Window[]> = {
	voice: [
		{ days: WEEKDAYS, from: 8, to: 18, coverage: 1 },
		{ days: WEEKDAYS, from: 18, to: 20, coverage: 0.6 },
		{ days: [5], from: 9, to: 17, coverage: 0.8 }
	],
	chat: [
		{ days: WEEKDAYS, from: 8, to: 18, coverage: 1 },
		{ days: WEEKDAYS, from: 18, to: 22, coverage: 0.5 },
		{ days: WEEKEND, from: 9, to: 18, coverage: 0.7 }
	],
	messaging: [
		{ days: WEEKDAYS, from: 8, to: 20, coverage: 1 },
		{ days: WEEKEND, from: 10, to: 18, coverage: 0.7 }
	],
	email: [{ days: WEEKDAYS, from: 8, to: 17, coverage: 1 }]
};

export function demoCoverage(pool: string, hourOfWeek: number): number {
	const day = Math.floor(hourOfWeek / 24);
	const hour = hourOfWeek % 24;
	for (const w of COVERAGE[pool] ?? COVERAGE.messaging) if (w.days.includes(day) && hour >= w.from && hour < w.to) return w.coverage;
	return 0;
}

export function openHoursPerWeek(pool: string): number {
	return (COVERAGE[pool] ?? COVERAGE.messaging).reduce((sum, w) => sum + w.days.length * (w.to - w.from), 0);
}
