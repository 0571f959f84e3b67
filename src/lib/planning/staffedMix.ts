/**
 * The mix a staffing report schedules: today's, the recommended one, or a share a manager chose on the
 * frontier; with its per-interval staffing in the plan's row shape. Pure.
 */
import { describeRange, inRange, parseDecimal, printable, WHAT_IF_RANGES } from '../bounds';
import { evaluateShare } from './mix';
import { forecastMixBase, intervalRows } from './plan';
import type { Plan, PlanAssumptions, PlanInputs, PlanInterval } from './planTypes';

export type StaffedMixKind = 'today' | 'recommended' | 'chosen';

export interface StaffedMix {
	kind: StaffedMixKind;
	/** async share of the eligible volume this staffing is for */
	asyncShare: number;
	intervals: PlanInterval[];
}

/** `chosen` null: the recommendation; 'today': today's mix; a number: that async share (one of the frontier's). */
export function staffedMix(plan: Plan, inputs: PlanInputs, assumptions: PlanAssumptions, chosen: number | 'today' | null): StaffedMix {
	if (chosen === 'today') return { kind: 'today', asyncShare: plan.mix.current_async_share, intervals: plan.intervals };
	if (chosen === null) return { kind: 'recommended', asyncShare: plan.mix.recommended.async_share, intervals: plan.recommended_intervals };
	// today's share is today's rows, with the forecast's 80% range (a moved share's volumes have none of their own)
	if (Math.abs(chosen - plan.mix.current_async_share) < 1e-9) return { kind: 'chosen', asyncShare: chosen, intervals: plan.intervals };
	// the same base the plan was built from, so the chosen share's rows agree with its frontier point
	const { base } = forecastMixBase(inputs, assumptions);
	const point = evaluateShare(base, chosen, assumptions);
	return { kind: 'chosen', asyncShare: chosen, intervals: intervalRows(inputs, point.weeks, point.staffed) };
}

/** The staffed mix as a user writes it ("0.6", "today", "recommended"; absent = recommended): the value, or one sentence. */
export function parseStaffedShare(raw: string | undefined): { share: number | 'today' | null } | { problem: string } {
	if (raw === undefined || raw === '' || raw === 'recommended') return { share: null };
	if (raw === 'today') return { share: 'today' };
	const share = parseDecimal(raw);
	const range = WHAT_IF_RANGES.asyncShare;
	if (inRange(share, range)) return { share };
	return { problem: `The async share to staff must be a share ${describeRange(range)}, "today" or "recommended"; got "${printable(raw)}".` };
}
