/**
 * Whether to recommend a mix change at all (issue 14, item 11): not from less than `min_history_weeks`
 * of history, and not for a saving under `min_saving_share` of today's weekly cost (forecast error
 * alone moves a week by more), unless today's mix misses a service target the cheaper one meets.
 */
import type { MixPoint } from './mix';
import type { MixDecision } from './planTypes';

export interface DecisionInput {
	today: MixPoint;
	/** the cheapest point meeting every target (or the closest when none does) */
	cheapest: MixPoint;
	historyWeeks: number;
	minHistoryWeeks: number;
	minSavingShare: number;
}

export interface Decision {
	decision: MixDecision;
	/** the point recommended: the cheapest one for `move`, today's otherwise */
	chosen: MixPoint;
	/** the cheapest point's saving over today's cost; null when today costs nothing */
	savingShare: number | null;
}

export function decideMix(input: DecisionInput): Decision {
	const { today, cheapest } = input;
	const savingShare = today.cost > 0 ? (today.cost - cheapest.cost) / today.cost : null;
	if (input.historyWeeks < input.minHistoryWeeks) return { decision: 'insufficient_history', chosen: today, savingShare };
	const sameShare = Math.abs(cheapest.asyncShare - today.asyncShare) < 1e-9;
	// a mix that restores a missed target is never "no material difference"
	const fixesService = cheapest.meetsTargets && !today.meetsTargets;
	if (sameShare || (!fixesService && (savingShare ?? 0) < input.minSavingShare - 1e-12)) return { decision: 'keep_current', chosen: today, savingShare };
	return { decision: 'move', chosen: cheapest, savingShare };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The sentence that leads the reasons when no move is recommended. */
export function holdSentence(
	decided: Decision,
	context: { cheapest: MixPoint; historyWeeks: number; minHistoryWeeks: number; minSavingShare: number; timezone: string; money: (n: number) => string }
): string {
	const { cheapest } = context;
	if (decided.decision === 'insufficient_history')
		return `No mix recommendation yet: the data holds ${plural(context.historyWeeks, 'full week')} (Monday to Sunday, ${context.timezone}) and a recommendation needs at least ${context.minHistoryWeeks}, so that one unusual week (a launch, an outage, a holiday) cannot decide it; the staffing plans today's mix. Load more history to get one.`;
	const saving = decided.chosen.cost - cheapest.cost;
	if (Math.abs(cheapest.asyncShare - decided.chosen.asyncShare) < 1e-9 || saving <= 0)
		return `Keep today's mix: ${percent(decided.chosen.asyncShare)} of the conversations free to move already go async, and no other share meeting every target is cheaper.`;
	return `Keep today's mix (${percent(decided.chosen.asyncShare)} async): the cheapest mix meeting every target, ${percent(cheapest.asyncShare)} async, would save ${context.money(saving)} a week, ${(Math.round((decided.savingShare ?? 0) * 1000) / 10).toLocaleString('en-US')}% of today's cost, under the ${percent(context.minSavingShare)} below which the difference is not material (forecast error moves a week by more).`;
}
