import { describe, expect, it } from 'vitest';
import { BusinessClock, simulatePlanWeek } from '../../../src/lib/planning/simulate/plan';

const HOUR = 3_600_000;
// one day of 30-minute intervals, open 09:00-17:00 (intervals 18..33)
const open = Array.from({ length: 48 }, (_, i) => i >= 18 && i < 34);
const start = '2026-11-30T00:00:00Z';
const startMs = Date.parse(start);

describe('BusinessClock', () => {
	it('counts only open time, across the cycle', () => {
		const clock = new BusinessClock(startMs, 1_800_000, open);
		// 02:00 -> 10:15 the same day: open from 09:00 = 1 h 15 min = 4500 s
		expect(clock.openSecondsBetween(startMs + 2 * HOUR, startMs + 10.25 * HOUR)).toBe(4500);
		// 16:00 -> next day 09:30: 1 h today + 30 min tomorrow = 5400 s
		expect(clock.openSecondsBetween(startMs + 16 * HOUR, startMs + 33.5 * HOUR)).toBe(5400);
		// without business hours the clock is the wall clock
		expect(new BusinessClock(startMs, 1_800_000, null).openSecondsBetween(startMs, startMs + HOUR)).toBe(3600);
	});
});

describe('simulatePlanWeek on the SLA clock', () => {
	it('measures a business-clock SLA in business time: night contacts answered at opening meet 60 min', () => {
		// 2 messages per interval from 00:00 to 03:00, nobody on duty until 09:00, then 5 agents x 5 slots
		const arrivals = open.map((_, i) => (i < 6 ? 2 : 0));
		const agents = open.map((o) => (o ? 5 : 0));
		const channel = { channel: 'messaging' as const, mode: 'async' as const, arrivals, aht_s: 300, concurrency: 5, sla_s: 3600 };
		const business = simulatePlanWeek(
			{ start, interval_min: 30, channels: [{ ...channel, sla_clock: 'business' }], agents: { messaging: agents }, max_concurrency: 5, business_open: open },
			3,
			2
		);
		const calendar = simulatePlanWeek({ start, interval_min: 30, channels: [channel], agents: { messaging: agents }, max_concurrency: 5 }, 3, 2);
		// same seeds, same runs: every contact waits 6-9 h on the wall clock and 0 s of business time (25 slots take them all at 09:00)
		expect(business.async.contacts).toBe(calendar.async.contacts);
		expect(business.async.contacts).toBeGreaterThan(5);
		expect(business.async.service_level).toBe(1);
		expect(calendar.async.service_level).toBe(0);
		expect(business.async.mean_wait_s).toBe(calendar.async.mean_wait_s);
		expect(business.async.mean_wait_s).toBeGreaterThan(6 * 3600);
	});
});
