/** The recommendation's reasons: plain sentences with numbers (planning.md "Channel mix" 3). */
import type { MixPoint } from './mix';
import type { Mode } from '../settings/defaults';
import { addDays } from '../dashboardFilters';
import type { MeasuredMode, PlanAssumptions } from './planTypes';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const whole = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
	if (seconds < 90) return `${Math.round(seconds)} s`;
	if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 360) / 10} h`;
}

function syncWait(point: MixPoint): number | null {
	let wait = 0;
	let volume = 0;
	point.weeks.forEach((week, c) => {
		if (week.mode !== 'sync') return;
		week.arrivals.forEach((v, t) => {
			const asa = point.staffed[c][t].asaS;
			if (v > 0 && Number.isFinite(asa)) {
				wait += v * asa;
				volume += v;
			}
		});
	});
	return volume > 0 ? wait / volume : null;
}

function afterHoursSyncHours(point: MixPoint, businessOpen: boolean[], intervalMin: number): number {
	let hours = 0;
	point.weeks.forEach((week, c) => {
		if (week.mode === 'sync') point.staffed[c].forEach((s, t) => (hours += businessOpen[t] ? 0 : (s.agentsScheduled * intervalMin) / 60));
	});
	return hours;
}

export interface ReasonsContext {
	assumptions: PlanAssumptions;
	todayShare: number;
	today: MixPoint;
	allSync: MixPoint;
	allAsync: MixPoint;
	frontier: MixPoint[];
	businessOpen: boolean[];
	intervalMin: number;
	/** conversations a week pinned to each mode */
	pinnedSync: number;
	pinnedAsync: number;
}

export function mixReasons(recommended: MixPoint, context: ReasonsContext): string[] {
	const { assumptions, today } = context;
	const money = (n: number) => `${whole(n)} ${assumptions.currency}`;
	const reasons: string[] = [];
	const moved = recommended.movedPerWeek;
	if (Math.abs(moved) < 0.5)
		reasons.push(
			`Keep today's mix: ${percent(context.todayShare)} of the conversations free to move already go async, and no other share meeting every target is cheaper.`
		);
	else
		reasons.push(
			`Move ${whole(Math.abs(moved))} conversations a week from ${moved > 0 ? 'sync to async' : 'async to sync'}, taking the async share of the movable volume from ${percent(context.todayShare)} to ${percent(recommended.asyncShare)}; ${whole(context.pinnedSync)} a week stay pinned to sync (urgent or high priority, negative sentiment, sync categories) and ${whole(context.pinnedAsync)} to async (email).`
		);
	const saving = today.cost - recommended.cost;
	if (Math.abs(moved) >= 0.5)
		reasons.push(
			saving >= 0
				? `It saves ${money(saving)} a week: ${money(recommended.cost)} for ${whole(recommended.agentHours)} scheduled agent-hours against ${money(today.cost)} for ${whole(today.agentHours)} today.`
				: `It costs ${money(-saving)} a week more than today (${money(recommended.cost)} against ${money(today.cost)}) because today's mix misses a service target.`
		);
	if (!recommended.meetsTargets) reasons.push("No mix meets every service target with these assumptions; this one comes closest to today's.");
	const wait = syncWait(today);
	const asyncSla = assumptions.sla.messaging;
	if (moved > 0.5 && wait !== null)
		reasons.push(
			`Customers moved to async wait longer: ${percent(asyncSla.target)} get a first reply within ${duration(asyncSla.frt_s)} instead of an average wait of ${duration(wait)} on sync today.`
		);
	const straightLine = context.allSync.cost + recommended.asyncShare * (context.allAsync.cost - context.allSync.cost);
	const penalty = recommended.cost - straightLine;
	const splits = context.frontier.filter((p) => p.asyncShare > 0 && p.asyncShare < 1);
	const cheapestSplit = splits.length > 0 ? splits.reduce((a, b) => (b.cost < a.cost ? b : a)) : null;
	if ((recommended.asyncShare <= 0 || recommended.asyncShare >= 1) && cheapestSplit && cheapestSplit.cost > recommended.cost)
		reasons.push(
			`Splitting the movable volume over two smaller queues is not worth it: the cheapest split (${percent(cheapestSplit.asyncShare)} async) costs ${money(cheapestSplit.cost - recommended.cost)} a week more, the pooling penalty of small queues.`
		);
	else if (recommended.asyncShare > 0 && recommended.asyncShare < 1)
		reasons.push(
			penalty > 0
				? `Splitting the movable volume over two smaller queues costs ${money(penalty)} a week more than the straight line between all-sync (${money(context.allSync.cost)}) and all-async (${money(context.allAsync.cost)}): the pooling penalty.`
				: `Splitting the movable volume costs no pooling penalty here: this mix is ${money(-penalty)} a week below the straight line between all-sync and all-async.`
		);
	if (recommended.movedAfterHours > 0.5) {
		const saved =
			afterHoursSyncHours(today, context.businessOpen, context.intervalMin) - afterHoursSyncHours(recommended, context.businessOpen, context.intervalMin);
		reasons.push(
			`${whole(recommended.movedAfterHours)} of the moved conversations arrive outside business hours; async answers them without ${whole(Math.max(0, saved))} sync agent-hours of after-hours cover a week.`
		);
	}
	return reasons;
}

const money2 = (n: number, currency: string) => `${n.toFixed(2)} ${currency}`;

/** The dashboard's cost per conversation of both modes, quoted (never recomputed) so the Plan and the Cost page say one number. */
export function costPerConversationReason(
	measured: Partial<Record<Mode, MeasuredMode>>,
	range: { from: string; to: string } | null,
	currency: string
): string | null {
	const { sync, async } = measured;
	if (sync?.costPerConversation == null || async?.costPerConversation == null) return null;
	const estimated = (['sync', 'async'] as const).filter((m) => measured[m]?.costEstimated);
	const note =
		estimated.length > 0
			? ` (${estimated.join(' and ')} estimated: the data has no handle-time column, so handle time is each agent's assigned time split over what they held, idle minutes included; map a handle-time column or load the message log to measure it)`
			: '';
	const over = range ? ` over ${range.from} to ${addDays(range.to, -1)} (the dashboard's default range)` : '';
	return `Cost per conversation as the Cost page measures it${over}: sync ${money2(sync.costPerConversation, currency)}, async ${money2(async.costPerConversation, currency)}${note}.`;
}

/** What customers give up when volume moves to `toMode` and it does worse on satisfaction or first-reply wait today; null when it does not. */
export function tradeOffReason(toMode: Mode, measured: Partial<Record<Mode, MeasuredMode>>): string | null {
	const from: Mode = toMode === 'async' ? 'sync' : 'async';
	const to = measured[toMode];
	const was = measured[from];
	if (!to || !was) return null;
	const parts: string[] = [];
	if (to.csatScore !== null && was.csatScore !== null && to.csatScore < was.csatScore - 0.005)
		parts.push(`rate it lower (CSAT ${percent(to.csatScore)} against ${percent(was.csatScore)} in ${from})`);
	if (to.frtP50S !== null && was.frtP50S !== null && to.frtP50S > was.frtP50S)
		parts.push(`wait longer for a first reply (median ${duration(to.frtP50S)} against ${duration(was.frtP50S)} in ${from})`);
	return parts.length > 0 ? `The trade-off: ${toMode} customers ${parts.join(' and ')} today.` : null;
}

/**
 * Why a move pays, in the Cost page's numbers: the receiving mode's conversations cost less, and (towards async) the
 * measured concurrency clears the break-even. Null when the quoted costs do not point the move's way: then the saving
 * comes from staffing (service-level idle time, pooling, cover), and the saving sentence says so better.
 */
export function moveCauseReason(
	toMode: Mode,
	measured: Partial<Record<Mode, MeasuredMode>>,
	concurrency: { breakEven: number | null; measured: number | null },
	currency: string
): string | null {
	const from: Mode = toMode === 'async' ? 'sync' : 'async';
	const to = measured[toMode];
	const was = measured[from];
	if (to?.costPerConversation == null || was?.costPerConversation == null || to.costPerConversation >= was.costPerConversation) return null;
	const estimated = to.costEstimated || was.costEstimated ? '; estimated, as the data has no handle-time column: see what would flip it' : '';
	const held =
		concurrency.breakEven !== null && concurrency.measured !== null
			? `; async agents hold ${Math.round(concurrency.measured * 10) / 10} threads at once, ${toMode === 'async' ? 'above' : 'below'} the ${Math.round(concurrency.breakEven * 10) / 10} at which async stops being cheaper`
			: '';
	const article = toMode === 'async' ? 'An' : 'A';
	return `${article} ${toMode} conversation costs less than ${from === 'async' ? 'an' : 'a'} ${from} one on the Cost page (${money2(to.costPerConversation, currency)} against ${money2(was.costPerConversation, currency)}${estimated})${held}.`;
}
