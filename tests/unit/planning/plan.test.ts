import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/lib/planning/plan';
import { assumptions, planInputs, steadyChannel } from './planFixtures';

describe('buildPlan and the channel mix', () => {
	it('moves eligible volume to async when that saves money', () => {
		// chat: 40 per open half hour, AHT 600 s (A = 13.3); messaging: 40, focus 300 s at concurrency 2.5
		const plan = buildPlan(planInputs([steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)]), assumptions);
		expect(plan.mix.current_async_share).toBe(0.5);
		expect(plan.mix.frontier.map((p) => p.async_share)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
		expect(plan.mix.recommended.async_share).toBe(1);
		expect(plan.mix.recommended.saving_vs_current).toBeGreaterThan(0);
		// saving = today's cost - recommended cost, both at 32 USD per scheduled agent-hour
		const today = plan.mix.frontier[5];
		expect(plan.mix.recommended.saving_vs_current).toBeCloseTo(today.cost - plan.mix.recommended.cost, 2);
		expect(plan.mix.recommended.cost).toBeCloseTo(plan.mix.recommended.agent_hours * 32, 2);
		// 40 chats x 16 open half hours x 5 days = 3,200 a week move
		expect(plan.mix.reasons[0]).toContain('Move 3,200 conversations a week from sync to async');
		expect(plan.mix.reasons[1]).toMatch(/^It saves [\d,]+ USD a week/);
		expect(plan.mix.simulation).toBeNull();
	});

	it('keeps a small queue whole when the pooling penalty outweighs the saving', () => {
		// chat: 2 per open half hour, AHT 300 s, half pinned to sync (A = 0.33): 2 agents; splitting adds an async agent
		const plan = buildPlan(planInputs([steadyChannel('chat', 'sync', 2, 300, { syncPinnedShare: 0.5 })]), assumptions);
		expect(plan.mix.current_async_share).toBe(0);
		expect(plan.mix.recommended.async_share).toBe(0);
		expect(plan.mix.recommended.saving_vs_current).toBe(0);
		// all-sync: 2 agents, 3 scheduled (2 / 0.7 = 2.86) x 80 open half hours = 120 agent-hours
		expect(plan.mix.frontier[0].agent_hours).toBe(120);
		// 50% async: sync 1 + 0.5 = 1.5 (A = 0.25; 1 agent: 1 - 0.25 e^(-0.75 x 60/300) = 0.785 < 0.8) needs 2, 3 scheduled,
		// and async's fraction of an agent 1 scheduled: 4 x 80 / 2 = 160 agent-hours, the pooling penalty
		expect(plan.mix.frontier[5].agent_hours).toBe(160);
		expect(plan.mix.frontier[5].cost).toBeGreaterThan(plan.mix.frontier[0].cost);
		// 70%: sync 1.3 (A = 0.217; 1 agent: 1 - 0.217 e^(-0.783 x 0.2) = 0.815) 2 scheduled + async 1 = 3, a tie with all-sync
		// since shrinkage is applied to async's fractional requirement (issue 14; it was ceil(1 / 0.7) = 2): the tie keeps today's mix
		expect(plan.mix.frontier[7].agent_hours).toBe(120);
		expect(plan.mix.reasons[0]).toMatch(/^Keep today's mix/);
	});

	it('writes one row per interval and channel with the contract fields', () => {
		const plan = buildPlan(planInputs([steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)]), assumptions);
		expect(plan.intervals).toHaveLength(336 * 2);
		const monday9 = plan.intervals.find((r) => r.start === '2026-11-30T09:00:00Z' && r.channel === 'chat')!;
		// A = 40 x 600 / 1800 = 13.33; 60 s at 80% -> 17 agents, 17 / 0.7 = 24.3 -> 25 scheduled
		expect(monday9).toMatchObject({ mode: 'sync', forecast: 40, aht_s: 600, concurrency: 1, agents: 17, agents_scheduled: 25 });
		expect(monday9.service_level).toBeGreaterThanOrEqual(0.8);
		const night = plan.intervals.find((r) => r.start === '2026-11-30T02:00:00Z' && r.channel === 'chat')!;
		expect(night.agents).toBe(0);
		expect(plan.backtest_wape).toEqual({ chat: 0, messaging: 0 });
		expect(plan.weeks_history).toBe(4);
	});
});
