import { describe, expect, it } from 'vitest';
import { decideMix, holdSentence } from '../../../src/lib/planning/mixDecision';
import { breakEvenAsyncHandle, breakEvenAsyncHourly, breakEvenConcurrency, type MoveEconomics } from '../../../src/lib/planning/mixSensitivity';
import { buildPlan } from '../../../src/lib/planning/plan';
import type { MixPoint } from '../../../src/lib/planning/mix';
import { assumptions, planInputs, steadyChannel } from './planFixtures';

/** A mix point with only what the decision and the hourly break-even read: share, cost, targets, agent-hours per mode. */
function point(asyncShare: number, cost: number, meetsTargets = true, hours: { sync: number; async: number } = { sync: 0, async: 0 }): MixPoint {
	// one interval of 30 minutes per mode: 2 x hours scheduled agents give `hours` agent-hours
	const week = (mode: 'sync' | 'async') => ({ mode, channel: mode === 'sync' ? 'chat' : 'messaging' });
	return {
		asyncShare,
		cost,
		meetsTargets,
		weeks: [week('sync'), week('async')],
		staffed: [[{ agentsScheduled: hours.sync * 2 }], [{ agentsScheduled: hours.async * 2 }]]
	} as unknown as MixPoint;
}

const band = { historyWeeks: 5, minHistoryWeeks: 4, minSavingShare: 0.03 };
const money = (n: number) => `${Math.round(n).toLocaleString('en-US')} USD`;

describe('the no-material-difference band and the history floor (issue 14, item 11)', () => {
	it('keeps today’s mix for a 2% saving and moves for a 4% one', () => {
		const today = point(0.3, 10_000);
		// 9,800 saves 200 of 10,000: 2% < 3%
		const keep = decideMix({ ...band, today, cheapest: point(1, 9_800) });
		expect(keep.decision).toBe('keep_current');
		expect(keep.chosen).toBe(today);
		expect(keep.savingShare).toBeCloseTo(0.02, 12);
		expect(holdSentence(keep, { ...band, cheapest: point(1, 9_800), timezone: 'UTC', money })).toBe(
			"Keep today's mix (30% async): the cheapest mix meeting every target, 100% async, would save 200 USD a week, 2% of today's cost, under the 3% below which the difference is not material (forecast error moves a week by more)."
		);
		// 9,600 saves 400: 4% >= 3%
		const move = decideMix({ ...band, today, cheapest: point(1, 9_600) });
		expect(move.decision).toBe('move');
		expect(move.chosen.asyncShare).toBe(1);
	});

	it('moves for a small saving when today’s mix misses a target the cheaper one meets', () => {
		const decided = decideMix({ ...band, today: point(0.3, 10_000, false), cheapest: point(0.5, 9_900) });
		expect(decided.decision).toBe('move');
	});

	it('refuses to recommend from three full weeks, and says why', () => {
		const today = point(0.3, 10_000);
		const decided = decideMix({ ...band, historyWeeks: 3, today, cheapest: point(1, 5_000) });
		expect(decided.decision).toBe('insufficient_history');
		expect(decided.chosen).toBe(today);
		expect(holdSentence(decided, { ...band, historyWeeks: 3, cheapest: point(1, 5_000), timezone: 'Europe/Berlin', money })).toBe(
			"No mix recommendation yet: the data holds 3 full weeks (Monday to Sunday, Europe/Berlin) and a recommendation needs at least 4, so that one unusual week (a launch, an outage, a holiday) cannot decide it; the staffing plans today's mix. Load more history to get one."
		);
	});

	it('builds a plan that holds today’s mix from too little history, and one under a wide band', () => {
		const channels = [steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)];
		const short = buildPlan({ ...planInputs(channels), historyWeeks: 2 }, assumptions);
		expect(short.mix.decision).toBe('insufficient_history');
		expect(short.mix.recommended.async_share).toBe(0.5);
		expect(short.mix.recommended.saving_vs_current).toBe(0);
		// the cheapest mix is still reported: all async, as in plan.test.ts
		expect(short.mix.cheapest.async_share).toBe(1);
		expect(short.mix.reasons[0]).toMatch(/^No mix recommendation yet: the data holds 2 full weeks/);
		expect(short.mix.main_reason).toBe(short.mix.reasons[0]);
		const saving = short.mix.cheapest.saving_share!;
		const wide = buildPlan(planInputs(channels), { ...assumptions, planning: { ...assumptions.planning, min_saving_share: saving + 0.01 } });
		expect(wide.mix.decision).toBe('keep_current');
		expect(wide.mix.recommended.async_share).toBe(0.5);
		expect(wide.mix.reasons[0]).toMatch(/^Keep today's mix \(50% async\): the cheapest mix meeting every target, 100% async, would save/);
		const moved = buildPlan(planInputs(channels), assumptions);
		expect(moved.mix.decision).toBe('move');
		expect(moved.mix.main_reason).toMatch(/^It saves [\d,]+ USD a week/);
	});
});

describe('the reasons quote the dashboard', () => {
	it('names the cause in the Cost page’s numbers and the CSAT and wait trade-off of moving to async', () => {
		const channels = [steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)];
		const measured = {
			sync: { costPerConversation: 4, costEstimated: false, csatScore: 0.7, frtP50S: 8 },
			async: { costPerConversation: 3, costEstimated: false, csatScore: 0.6, frtP50S: 600 }
		};
		const plan = buildPlan({ ...planInputs(channels), measured, measuredRange: { from: '2026-11-01', to: '2026-12-01' } }, assumptions);
		// moved focus time is 300 / 600 = 0.5 of sync's handle at equal rates: 0.5 / g = 1 at g = 0.5; measured 2.5
		expect(plan.mix.sensitivity.break_even_concurrency).toBe(0.5);
		expect(plan.mix.main_reason).toBe(
			'An async conversation costs less than a sync one on the Cost page (3.00 USD against 4.00 USD); async agents hold 2.5 threads at once, above the 0.5 at which async stops being cheaper.'
		);
		expect(plan.mix.reasons).toContain(
			'The trade-off: async customers rate it lower (CSAT 60% against 70% in sync) and wait longer for a first reply (median 10 min against 8 s in sync) today.'
		);
		expect(plan.mix.reasons).toContain(
			"Cost per conversation as the Cost page measures it over 2026-11-01 to 2026-11-30 (the dashboard's default range): sync 4.00 USD, async 3.00 USD."
		);
		expect(plan.mix.cost_per_conversation).toEqual({ sync: { value: 4, estimated: false }, async: { value: 3, estimated: false } });
	});
});

describe('sensitivity: what flips the recommendation', () => {
	const economics: MoveEconomics = { syncHandleS: 300, handleRatio: 2, concurrency: 3, focusShare: 1 };

	it('finds the break-even concurrency by hand', () => {
		// equal rates (32 / 0.85 both): a moved conversation costs 2 x 300 / g focus seconds in async against 300 in sync: g = 2
		expect(breakEvenConcurrency(economics, assumptions)).toBeCloseTo(2, 12);
		// async agent-hour 24 instead of 32: 600 / g x 24 = 300 x 32 -> g = 600 x 24 / 9600 = 1.5
		const cheaperAsync = { ...assumptions, costs: { ...assumptions.costs, hourly: { sync: 32, async: 24 } } };
		expect(breakEvenConcurrency(economics, cheaperAsync)).toBeCloseTo(1.5, 12);
		// half of the async time attributed (already split): 600 x (0.5 / g + 0.5) = 300 needs 0.5 / g = 0, no concurrency reaches it
		expect(breakEvenConcurrency({ ...economics, focusShare: 0.5 }, assumptions)).toBeNull();
	});

	it('finds the break-even async handle time and hourly cost by hand', () => {
		// at concurrency 3 a focus second costs 1/3: 300 s of sync = 900 s of async focus
		expect(breakEvenAsyncHandle(economics, assumptions)).toBeCloseTo(900, 9);
		// chosen: 10 sync + 20 async agent-hours; alternative: 25 sync + 0 async; equal when 32 x 10 + 20 h = 32 x 25 -> h = 24
		const chosen = point(1, 0, true, { sync: 10, async: 20 });
		const alternative = point(0.3, 0, true, { sync: 25, async: 0 });
		expect(breakEvenAsyncHourly(chosen, alternative, assumptions, 30)).toBeCloseTo(24, 9);
	});
});
