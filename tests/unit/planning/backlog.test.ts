import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogLevels, backlogRequirement, type BacklogQueue } from '../../../src/lib/planning/backlog';
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
			const queue = {
				intervalS: 1800,
				maxConcurrency: 1,
				concurrency: 1,
				focusShare: 1,
				frtS: hours * 3600,
				target: 0.9,
				clock: 'business' as const,
				maxOccupancy: 0.85,
				shrinkage: 0
			};
			const staffed = requiredAsyncAgents(queue, demands, officeOpen);
			expect(sum(staffed.map((s) => s.agents)) / 2).toBe(565);
			expect(Math.min(...staffed.map((s, i) => (officeOpen[i] ? s.serviceLevel : 1)))).toBeGreaterThanOrEqual(0.9 - 1e-9);
		}
	});

	it('staffs nobody and meets no deadline when the business clock never runs (a week of holidays)', () => {
		const closed = new Array<boolean>(336).fill(false);
		const queue = {
			intervalS: 1800,
			maxConcurrency: 1,
			concurrency: 1,
			focusShare: 1,
			frtS: 86400,
			target: 0.9,
			clock: 'business' as const,
			maxOccupancy: 0.85,
			shrinkage: 0.3
		};
		const staffed = requiredAsyncAgents(
			queue,
			closed.map(() => ({ arrivals: 3, handleS: 600, openS: null })),
			closed
		);
		expect(staffed[0]).toMatchObject({
			model: 'closed',
			agents: 0,
			agentsScheduled: 0,
			serviceLevel: 0,
			byModel: { slots: 0, occupancy: 0, open_threads: 0, backlog: 0 }
		});
	});

	it('carries the rounding as work done: 14.1 agents an interval staffs 15, 14, 14, 14', () => {
		// a steady 14.1 x 1,530 s of work each half hour, 2 hours to answer: the fluid plan works 14.1 agents throughout;
		// whole agents stay at or ahead of it: 15 (0.9 ahead), 14 (13.2 needed, 0.8 ahead), 14 (0.7), 14 (0.6): 57 = ceil(4 x 14.1)
		const queue: BacklogQueue = { intervalS: 1800, frtS: 7200, target: 1, clock: 'calendar', maxOccupancy: 0.85 };
		const demands = new Array(4).fill({ arrivals: 1, focusS: 14.1 * 1530 });
		expect(backlogRequirement(queue, demands, [true, true, true, true]).agents).toEqual([15, 14, 14, 14]);
		// a floor of 16 in the first interval (say the occupancy model) works the backlog too: the week still needs ceil(56.4) = 57
		const floored = backlogRequirement(queue, demands, [true, true, true, true], 0, [16, 0, 0, 0]).agents;
		expect(floored[0]).toBeGreaterThanOrEqual(16);
		expect(sum(floored)).toBe(57);
	});

	it('answers the night before the deadline the morning after a busy day (capacity idle by day is no help at night)', () => {
		// two days open 09:00-17:00; by day 8 arrivals an open half hour, 3 in each closed one; K = g = 3 (100 s of agent time
		// a thread), 1 business hour to answer at 80%. By day the slots need c = 2 of 3 (0.67 agent), rounded to 1: a third of
		// an agent idle each half hour. At 09:00 the night's 32 x 3 x 100 s = 9,600 s are due by 10:00, at 80%: 7,680 s =
		// 5.02 agent-intervals at 1,530 s. The idle third of the day before did none of it.
		const open = Array.from({ length: 96 }, (_, t) => t % 48 >= 18 && t % 48 < 34);
		const demands = open.map((o) => ({ arrivals: o ? 8 : 3, handleS: 300, openS: null }));
		const queue = {
			intervalS: 1800,
			maxConcurrency: 3,
			concurrency: 3,
			focusShare: 1,
			frtS: 3600,
			target: 0.8,
			clock: 'business' as const,
			maxOccupancy: 0.85,
			shrinkage: 0
		};
		const staffed = requiredAsyncAgents(queue, demands, open);
		expect(staffed[66].agents + staffed[67].agents).toBeGreaterThanOrEqual(6);
		expect(Math.min(...staffed.map((s) => s.serviceLevel))).toBeGreaterThanOrEqual(0.8);
	});

	it('staff is non-increasing in the deadline over random demand shapes, and every target is met', () => {
		const queueArb = fc.record({
			target: fc.double({ min: 0.5, max: 1, noNaN: true }),
			clock: fc.constantFrom<'calendar' | 'business'>('calendar', 'business'),
			maxOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true }),
			maxConcurrency: fc.integer({ min: 1, max: 5 }),
			concurrency: fc.double({ min: 1, max: 5, noNaN: true }),
			shrinkage: fc.double({ min: 0, max: 0.5, noNaN: true }),
			openS: fc.option(fc.integer({ min: 60, max: 20_000 })),
			minAgents: fc.integer({ min: 0, max: 3 })
		});
		const week = fc.array(fc.record({ arrivals: fc.integer({ min: 0, max: 40 }), handleS: fc.integer({ min: 30, max: 1800 }), open: fc.boolean() }), {
			minLength: 2,
			maxLength: 48
		});
		const hours = fc.integer({ min: 1, max: 400 });
		fc.assert(
			fc.property(queueArb, week, hours, hours, (q, shape, a, b) => {
				const [short, long] = a <= b ? [a, b] : [b, a];
				// the calendar clock staffs every interval (channelStaffing.ts); the business clock its open ones
				const open = shape.map((s) => s.open || q.clock === 'calendar');
				const demands = shape.map((s) => ({ arrivals: s.arrivals, handleS: s.handleS, openS: q.openS }));
				const minimum = shape.map((s) => (s.open ? q.minAgents : 0));
				const queue = (h: number) => ({ ...q, intervalS: 1800, focusShare: 1, frtS: h * 3600 });
				const [few, many] = [requiredAsyncAgents(queue(long), demands, open, minimum), requiredAsyncAgents(queue(short), demands, open, minimum)];
				expect(sum(few.map((s) => s.agents))).toBeLessThanOrEqual(sum(many.map((s) => s.agents)));
				expect(sum(few.map((s) => s.agentsScheduled))).toBeLessThanOrEqual(sum(many.map((s) => s.agentsScheduled)));
				if (open.some(Boolean)) few.forEach((s, i) => demands[i].arrivals > 0 && expect(s.serviceLevel).toBeGreaterThanOrEqual(q.target - 1e-6));
				// the backlog's fluid levels alone: the same work, done no earlier than needed
				const work = shape.map((s) => ({ arrivals: s.arrivals, focusS: s.handleS }));
				const fluid = (h: number) =>
					sum(backlogLevels({ intervalS: 1800, frtS: h * 3600, target: q.target, clock: q.clock, maxOccupancy: q.maxOccupancy }, work, open));
				expect(fluid(long)).toBeLessThanOrEqual(fluid(short) + 1e-6);
			}),
			{ numRuns: 250, seed: 14 }
		);
	});
});
