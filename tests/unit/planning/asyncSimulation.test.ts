import { describe, expect, it } from 'vitest';
import { requiredAsyncAgents } from '../../../src/lib/planning/asyncStaffing';
import { buildPlan } from '../../../src/lib/planning/plan';
import { simulatePlanWeek } from '../../../src/lib/planning/simulate/index';
import { assumptions, planInputs, steadyChannel } from './planFixtures';

/** Simulated service level of a constant staffing over 48 hours of 30-minute intervals (seeded, 3 replications). */
function simulatedLevel(arrivals: number, focusS: number, k: number, g: number, frtS: number, agents: number): number {
	const intervals = 96;
	const summary = simulatePlanWeek(
		{
			start: '2026-11-30T00:00:00Z',
			interval_min: 30,
			channels: [{ channel: 'messaging', mode: 'async', arrivals: new Array(intervals).fill(arrivals), aht_s: focusS, concurrency: g, sla_s: frtS }],
			agents: { messaging: new Array(intervals).fill(agents) },
			max_concurrency: k
		},
		11,
		3
	);
	return summary.async.service_level;
}

describe('async slots model against the simulator', () => {
	// Erlang C at N K slots: 7 agents -> 0.954, 6 -> 0.758 (scenario 1); 5 -> 0.963, 4 -> 0.699 (scenario 2)
	const scenarios = [
		{ arrivals: 60, focusS: 300, k: 3, g: 2, frtS: 60, expected: 7 },
		{ arrivals: 30, focusS: 600, k: 3, g: 3, frtS: 120, expected: 5 }
	];
	for (const s of scenarios) {
		it(`${s.arrivals} per half hour, focus ${s.focusS} s, K ${s.k}, g ${s.g}: N meets 80% in ${s.frtS} s and N - 1 does not`, () => {
			const [staffing] = requiredAsyncAgents(
				{ intervalS: 1800, maxConcurrency: s.k, concurrency: s.g, frtS: s.frtS, target: 0.8, clock: 'calendar', focusShare: 1 },
				[{ arrivals: s.arrivals, handleS: s.focusS }],
				[true]
			);
			expect(staffing.byModel.slots).toBe(s.expected);
			expect(simulatedLevel(s.arrivals, s.focusS, s.k, s.g, s.frtS, s.expected)).toBeGreaterThanOrEqual(0.8);
			expect(simulatedLevel(s.arrivals, s.focusS, s.k, s.g, s.frtS, s.expected - 1)).toBeLessThan(0.8);
		});
	}
});

describe('simulation check of the recommended plan', () => {
	it('reports simulated sync service near the analytical one', () => {
		// everything pinned to sync: the recommendation is today's all-sync week
		const plan = buildPlan(planInputs([steadyChannel('chat', 'sync', 40, 600, { syncPinnedShare: 1 })]), assumptions, { seed: 1, replications: 2 });
		expect(plan.mix.recommended.async_share).toBe(0);
		const analytic = plan.mix.frontier[0].sync_service_level!;
		expect(plan.mix.simulation!.replications).toBe(2);
		expect(plan.mix.simulation!.async_service_level).toBeNull();
		expect(Math.abs(plan.mix.simulation!.sync_service_level! - analytic)).toBeLessThan(0.05);
	});
});
