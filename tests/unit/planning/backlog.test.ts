import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogLevels, backlogRequirement, carriedRounding, type BacklogQueue } from '../../../src/lib/planning/backlog';
import { requiredAsyncAgents } from '../../../src/lib/planning/asyncStaffing';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Mon-Fri 9-17 open in 30-minute intervals: 5 x 16 = 80 open of 336. */
const officeOpen = Array.from({ length: 336 }, (_, t) => Math.floor(t / 48) < 5 && t % 48 >= 18 && t % 48 < 34);

describe('backlog with a deadline', () => {
	it('never needs more staff for a longer deadline (issue 14: 80 h needed 1,040 agent-hours, 8 h 564.5)', () => {
		// 20 arrivals / 30 min open, 5 outside, 600 s each: 80 x 20 + 256 x 5 = 2,880 a week = 1,728,000 s of work;
		// one agent at occupancy 0.85 does 1,800 x 0.85 = 1,530 s an interval, so the week needs
		// 1,728,000 / 1,530 = 1,129.41 agent-intervals, rounded once: 1,130 = 565 agent-hours whatever the deadline
		const demands = officeOpen.map((o) => ({ arrivals: o ? 20 : 5, handleS: 600, openS: null }));
		for (const hours of [8, 16, 32, 40, 48, 80, 200]) {
			const queue = { intervalS: 1800, maxConcurrency: 1, concurrency: 1, focusShare: 1, frtS: hours * 3600, target: 0.9, clock: 'business' as const, maxOccupancy: 0.85, shrinkage: 0 };
			const staffed = requiredAsyncAgents(queue, demands, officeOpen);
			expect(sum(staffed.map((s) => s.agents)) / 2).toBe(565);
			expect(Math.min(...staffed.map((s, i) => (officeOpen[i] ? s.serviceLevel : 1)))).toBeGreaterThanOrEqual(0.9 - 1e-9);
		}
	});

	it('staffs nobody and meets no deadline when the business clock never runs (a week of holidays)', () => {
		const closed = new Array<boolean>(336).fill(false);
		const queue = { intervalS: 1800, maxConcurrency: 1, concurrency: 1, focusShare: 1, frtS: 86400, target: 0.9, clock: 'business' as const, maxOccupancy: 0.85, shrinkage: 0.3 };
		const staffed = requiredAsyncAgents(queue, closed.map(() => ({ arrivals: 3, handleS: 600, openS: null })), closed);
		expect(staffed[0]).toMatchObject({ model: 'closed', agents: 0, agentsScheduled: 0, serviceLevel: 0, byModel: { slots: 0, occupancy: 0, open_threads: 0, backlog: 0 } });
	});

	it('carries the rounding: 14.1 an interval staffs 14 or 15 with a running total at or above the exact one', () => {
		// running totals 14.1, 28.2, 42.3, 56.4 round up to 15, 29, 43, 57: steps 15, 14, 14, 14
		expect(carriedRounding([14.1, 14.1, 14.1, 14.1])).toEqual([15, 14, 14, 14]);
		expect(carriedRounding([0, 2, 0, 0.5, 0.5])).toEqual([0, 2, 0, 1, 0]);
	});

	it('staff is non-increasing in the deadline over random demand shapes', () => {
		const queueArb = fc.record({
			target: fc.double({ min: 0.5, max: 1, noNaN: true }),
			clock: fc.constantFrom<'calendar' | 'business'>('calendar', 'business'),
			maxOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true })
		});
		const week = fc.array(fc.record({ arrivals: fc.integer({ min: 0, max: 40 }), focusS: fc.integer({ min: 30, max: 1800 }), open: fc.boolean() }), { minLength: 4, maxLength: 48 });
		const hours = fc.integer({ min: 1, max: 400 });
		fc.assert(
			fc.property(queueArb, week, hours, hours, (q, shape, a, b) => {
				const [short, long] = a <= b ? [a, b] : [b, a];
				const open = shape.map((s) => s.open);
				const demands = shape.map((s) => ({ arrivals: s.arrivals, focusS: s.focusS }));
				const queue = (h: number): BacklogQueue => ({ intervalS: 1800, frtS: h * 3600, target: q.target, clock: q.clock, maxOccupancy: q.maxOccupancy });
				expect(sum(backlogLevels(queue(long), demands, open))).toBeLessThanOrEqual(sum(backlogLevels(queue(short), demands, open)) + 1e-6);
				expect(sum(backlogRequirement(queue(long), demands, open).agents)).toBeLessThanOrEqual(sum(backlogRequirement(queue(short), demands, open).agents));
			}),
			{ numRuns: 200, seed: 14 }
		);
	});
});
