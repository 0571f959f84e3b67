import { describe, expect, it } from 'vitest';
import { requiredAsyncAgents, type AsyncQueue } from '../../../src/lib/planning/asyncStaffing';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const steady = (n: number, arrivals: number, handleS: number) => Array.from({ length: n }, () => ({ arrivals, handleS, openS: null }));

describe('shrinkage on fractional async requirements, rounded once', () => {
	it('occupancy: 18 x 600 s / 1800 s = 6 Erlangs at 85% needs 7.06 agents: 8 on the floor, ceil(7.06 / 0.7) = 11 scheduled (not ceil(8 / 0.7) = 12)', () => {
		// slots (K = 1): A = 6, 7 agents answer nearly all within 30 min, below 7.06; the backlog's 10,800 s / 1,530 s = 7.06 carries its rounding
		const queue: AsyncQueue = {
			intervalS: 1800,
			maxConcurrency: 1,
			concurrency: 1,
			focusShare: 1,
			frtS: 1800,
			target: 0.8,
			clock: 'calendar',
			maxOccupancy: 0.85,
			shrinkage: 0.3
		};
		const staffed = requiredAsyncAgents(queue, steady(48, 18, 600), new Array<boolean>(48).fill(true));
		expect(staffed.map((s) => s.agents)).toEqual(new Array<number>(48).fill(8));
		expect(staffed.map((s) => s.agentsScheduled)).toEqual(new Array<number>(48).fill(11));
	});

	it('slots: a fraction of an agent is scheduled as one, not ceil(1 / 0.7) = 2', () => {
		// K = g = 3: a thread costs 300 / 3 = 100 s; slots hold 300 s: A = 9 x 300 / 1800 = 1.5, 2 slots answer within the hour
		// = 2 / 3 agent; occupancy 9 x 100 / 1800 / 0.85 = 0.59: 1 agent, ceil(0.67 / 0.7 = 0.95) = 1 scheduled
		const queue: AsyncQueue = {
			intervalS: 1800,
			maxConcurrency: 3,
			concurrency: 3,
			focusShare: 1,
			frtS: 3600,
			target: 0.8,
			clock: 'calendar',
			maxOccupancy: 0.85,
			shrinkage: 0.3
		};
		const staffed = requiredAsyncAgents(queue, steady(48, 9, 300), new Array<boolean>(48).fill(true));
		expect(staffed.every((s) => s.agents === 1 && s.agentsScheduled === 1)).toBe(true);
	});

	it('backlog: a week of office-hours email at 30% shrinkage is scheduled as its work over 70%, rounded once', () => {
		// Mon-Fri 9-17 open (80 intervals), 20 arrivals / 30 min open and 5 outside, 600 s, deadline 24 business hours:
		// 2,880 x 600 s = 1,728,000 s / 1,530 s = 1,129.41 agent-intervals on the floor (1,130 whole),
		// scheduled 1,129.41 / 0.7 = 1,613.4 -> 1,614 = 807 agent-hours
		const open = Array.from({ length: 336 }, (_, t) => Math.floor(t / 48) < 5 && t % 48 >= 18 && t % 48 < 34);
		const demands = open.map((o) => ({ arrivals: o ? 20 : 5, handleS: 600, openS: null }));
		const queue: AsyncQueue = {
			intervalS: 1800,
			maxConcurrency: 1,
			concurrency: 1,
			focusShare: 1,
			frtS: 24 * 3600,
			target: 0.9,
			clock: 'business',
			maxOccupancy: 0.85,
			shrinkage: 0.3
		};
		const staffed = requiredAsyncAgents(queue, demands, open);
		expect(sum(staffed.map((s) => s.agents))).toBe(1130);
		expect(sum(staffed.map((s) => s.agentsScheduled))).toBe(1614);
	});
});
