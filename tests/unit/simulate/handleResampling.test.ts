import { describe, expect, it } from 'vitest';
import { buildPlanEngine, simulatePlanWeek, type PlanChannel, type StaffingPlanInput } from '../../../src/lib/planning/simulate/plan';
import { Random } from '../../../src/lib/planning/simulate/random';
import type { LiveConversation } from '../../../src/lib/planning/simulate/engine';

const start = '2026-11-30T00:00:00Z';
// one day: 20 calls per half hour, 5 agents on duty all day (load 20 x 300 / 1800 = 3.3 Erlangs, occupancy 0.67)
const voice = (extra: Partial<PlanChannel>): PlanChannel => ({
	channel: 'voice',
	mode: 'sync',
	arrivals: new Array(48).fill(20),
	aht_s: 300,
	sla_s: 20,
	...extra
});
const plan = (channel: PlanChannel): StaffingPlanInput => ({ start, interval_min: 30, channels: [channel], agents: { voice: new Array(48).fill(5) } });

/** handle times the engine gave its conversations, one run */
function simulatedHandles(channel: PlanChannel, seed: number): number[] {
	const engine = buildPlanEngine(plan(channel), seed);
	const handles: number[] = [];
	engine.onConversation = (c: LiveConversation) => {
		if (c.handleS !== null) handles.push(c.handleS);
	};
	engine.run();
	return handles;
}

describe('simulation check handle times from the data', () => {
	it('resamples a two-point distribution: only its values, at its mean', () => {
		// data: 60 s and 540 s, mean 300 = aht_s, so unscaled. ~960 calls a day; a draw's sd is 240 s, the mean's
		// 240 / sqrt(960) = 7.7 s: 25 s (over 3 standard errors) is the tolerance
		const handles = simulatedHandles(voice({ handle_samples_s: [60, 540] }), 4);
		expect(handles.length).toBeGreaterThan(800);
		expect(new Set(handles)).toEqual(new Set([60, 540]));
		const mean = handles.reduce((a, b) => a + b, 0) / handles.length;
		expect(Math.abs(mean - 300)).toBeLessThan(25);
		// about half of each: the share of 540 s draws within 0.5 +- 0.05
		expect(Math.abs(handles.filter((h) => h === 540).length / handles.length - 0.5)).toBeLessThan(0.05);
	});

	it('scales the sample to the plan handle time (a what-if, the interval mix): 60/540 at 600 s become 120/1080', () => {
		const handles = simulatedHandles(voice({ aht_s: 600, handle_samples_s: [60, 540] }), 4);
		expect(new Set(handles)).toEqual(new Set([120, 1080]));
	});

	it('gives the service level of the lognormal it replaces when the data are that lognormal', () => {
		// 5000 draws of the old assumption (lognormal, mean 300 s, sigma 0.6) as "data": the check must come out the same
		// within 0.03: measured 0.718 and 0.732; a replication's level varies by ~0.05 (one busy day), 40 of them
		// pooled by ~0.008, the difference of two such runs by ~0.011, so 0.03 is close to 3 of its standard deviations
		const random = new Random(99);
		const drawn = Array.from({ length: 5000 }, () => random.lognormal(300, 0.6));
		const lognormal = simulatePlanWeek(plan(voice({})), 1, 40).sync.service_level;
		const resampled = simulatePlanWeek(plan(voice({ handle_samples_s: drawn })), 1, 40).sync.service_level;
		expect(lognormal).toBeGreaterThan(0.5);
		expect(lognormal).toBeLessThan(0.98);
		expect(Math.abs(resampled - lognormal)).toBeLessThan(0.03);
	});
});
