import { describe, expect, it } from 'vitest';
import type { ChannelWeek } from '../../../src/lib/planning/channelStaffing';
import { pooledWeek, splitWhole, staffWeeks } from '../../../src/lib/planning/pooling';
import { DEFAULT_SETTINGS, type Channel } from '../../../src/lib/settings/defaults';
import { businessOpen } from './planFixtures';
import { simulateMixPoint } from '../../../src/lib/planning/simulationCheck';

const week = (channel: Channel, perOpenInterval: number, handleS: number): ChannelWeek => ({
	channel,
	mode: 'async',
	arrivals: businessOpen.map((o) => (o ? perOpenInterval : 0)),
	handleS: new Array<number>(336).fill(handleS),
	concurrency: 1,
	focusShare: 1,
	openS: null,
	patienceS: null
});

const contextOf = (w: ChannelWeek) => ({
	intervalMin: 30,
	sla: DEFAULT_SETTINGS.sla[w.channel],
	planning: { ...DEFAULT_SETTINGS.planning, max_concurrency: 1 },
	maxOccupancy: 0.85,
	businessOpen
});

describe('async channels of one team staffed as one pool', () => {
	it('staffs sms and whatsapp together: 1 agent an interval, not 1 + 1', () => {
		// SLA 1 business hour at 80%, K = g = 1, occupancy 0.85; slots are Erlang C with AHT 300 s.
		// Apart: sms 1 x 300 / 1800 = 0.17 Erlang, whatsapp 2 x 300 / 1800 = 0.33: each needs 1 slot (N > A), so 1 agent,
		// ceil(1 / 0.7) = 2 scheduled: 2 agents and 4 scheduled together.
		// Pooled: A = 0.5, 1 agent answers 1 - 0.5 e^(-0.5 x 3600 / 300) = 99.9% within the hour; occupancy 0.5 / 0.85 = 0.59:
		// 1 agent, 2 scheduled
		const weeks = [week('sms', 1, 300), week('whatsapp', 2, 300)];
		const apart = weeks.map((w) => staffWeeks([w], contextOf)[0]);
		const together = staffWeeks(weeks, contextOf);
		const monday9 = 18;
		expect(apart.map((s) => [s[monday9].agents, s[monday9].agentsScheduled])).toEqual([
			[1, 2],
			[1, 2]
		]);
		// split by workload 300 : 600 s: 1 agent -> 0.33, 0.67: [0, 1]; 2 scheduled -> 0.67, 1.33: [0, 1] + the remainder to sms: [1, 1]
		expect(together.map((s) => [s[monday9].agents, s[monday9].agentsScheduled])).toEqual([
			[0, 1],
			[1, 1]
		]);
		// both channels report the pool's service: the hour's SLA spans intervals, so the backlog's on-time share, all of it
		expect(together.map((s) => s[monday9].serviceLevel)).toEqual([1, 1]);
	});

	it('pools demand with handle time weighted by arrivals', () => {
		// interval 18: 2 at 300 s and 4 at 600 s: 6 arrivals, (600 + 2400) / 6 = 500 s
		const pool = pooledWeek([week('sms', 2, 300), week('whatsapp', 4, 600)]);
		expect(pool.arrivals[18]).toBe(6);
		expect(pool.handleS[18]).toBe(500);
	});

	it('splits whole agents by the largest remainders', () => {
		// 5 by 1 : 1 : 2 = 1.25, 1.25, 2.5 -> 1, 1, 2 and the last agent to the largest remainder (0.5): 1, 1, 3
		expect(splitWhole(5, [1, 1, 2])).toEqual([1, 1, 3]);
		expect(splitWhole(3, [0, 0])).toEqual([2, 1]);
	});
});

describe('the simulation check of a pooled plan', () => {
	it('runs the shared team as one pool, as it was staffed', () => {
		// sms has 0 of the pool's agent in its own row (the split above); in a pool of its own it would have nobody
		const weeks = [week('sms', 1, 300), week('whatsapp', 2, 300)];
		const staffed = staffWeeks(weeks, contextOf);
		const assumptions = {
			sla: DEFAULT_SETTINGS.sla,
			costs: DEFAULT_SETTINGS.costs,
			planning: { ...DEFAULT_SETTINGS.planning, max_concurrency: 1 },
			currency: 'USD'
		};
		const check = simulateMixPoint({ weeks, staffed }, '2026-11-30T00:00:00Z', 30, assumptions, { seed: 1, replications: 2 }, businessOpen);
		// 1 agent for 0.5 Erlang with an hour to answer: nearly everyone on time
		expect(check.async_service_level!).toBeGreaterThan(0.95);
	});
});
