/**
 * What would flip the recommendation (issue 14, item 11): the break-even async concurrency and
 * handle time of a moved conversation, and the async hourly cost at which the chosen mix and its
 * alternative cost the same. Closed forms over the plan's own quantities, cheap enough for every
 * what-if slider move.
 */
import { agentSecondsPerThread } from './asyncStaffing';
import type { MixPoint } from './mix';
import type { MixSensitivity, PlanAssumptions, SensitivityInput } from './planTypes';
import { sum } from './sums';

/** What one conversation moved from sync to async costs, per the plan's models. */
export interface MoveEconomics {
	/** mean sync handle seconds of the movable volume */
	syncHandleS: number;
	/** async focus (or attributed) time over sync handle time, measured */
	handleRatio: number;
	/** measured async concurrency (threads an agent holds at once) */
	concurrency: number | null;
	/** share of async handle time that is focus time (divided by concurrency); the rest is attributed time, already split */
	focusShare: number;
}

/** Cost of an hour of handle time in a mode: the hourly cost over the occupancy an agent can sustain (metrics.md `cost`). */
const ratePerHandleHour = (assumptions: PlanAssumptions, mode: 'sync' | 'async') => assumptions.costs.hourly[mode] / assumptions.costs.occupancy[mode];

/**
 * Concurrency g at which a moved conversation costs the same: ratio x (f / g + 1 - f) x asyncRate = syncRate,
 * so g = f / (syncRate / (ratio x asyncRate) - (1 - f)); null when no concurrency gets there or none matters (f = 0).
 */
export function breakEvenConcurrency(economics: MoveEconomics, assumptions: PlanAssumptions): number | null {
	const f = Math.min(1, Math.max(0, economics.focusShare));
	const room = ratePerHandleHour(assumptions, 'sync') / (economics.handleRatio * ratePerHandleHour(assumptions, 'async')) - (1 - f);
	return f > 0 && room > 0 ? f / room : null;
}

/** Async handle seconds at which a moved conversation costs the same as in sync, at the measured concurrency. */
export function breakEvenAsyncHandle(economics: MoveEconomics, assumptions: PlanAssumptions): number {
	const perSecond = agentSecondsPerThread(
		{ concurrency: economics.concurrency ?? 1, maxConcurrency: assumptions.planning.max_concurrency, focusShare: economics.focusShare },
		1
	);
	return (economics.syncHandleS * ratePerHandleHour(assumptions, 'sync')) / (perSecond * ratePerHandleHour(assumptions, 'async'));
}

/** Scheduled agent-hours of a mix point in one mode. */
export function modeAgentHours(point: MixPoint, mode: 'sync' | 'async', intervalMin: number): number {
	return sum(point.weeks.map((week, c) => (week.mode === mode ? sum(point.staffed[c].map((s) => s.agentsScheduled)) : 0))) * (intervalMin / 60);
}

/** Async hourly cost at which two points cost the same (bot cost is the same in both); null when no positive cost does. */
export function breakEvenAsyncHourly(chosen: MixPoint, alternative: MixPoint, assumptions: PlanAssumptions, intervalMin: number): number | null {
	const asyncGap = modeAgentHours(chosen, 'async', intervalMin) - modeAgentHours(alternative, 'async', intervalMin);
	const syncGap = modeAgentHours(alternative, 'sync', intervalMin) - modeAgentHours(chosen, 'sync', intervalMin);
	if (Math.abs(asyncGap) < 1e-9) return null;
	const value = (assumptions.costs.hourly.sync * syncGap) / asyncGap;
	return value > 0 ? value : null;
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en-US');
const minutes = (s: number) => (s < 90 ? `${Math.round(s)} s` : `${oneDecimal(s / 60)} min`);

export function mixSensitivity(context: {
	economics: MoveEconomics;
	assumptions: PlanAssumptions;
	chosen: MixPoint;
	alternative: MixPoint | null;
	intervalMin: number;
}): MixSensitivity {
	const money = (n: number) => `${n.toFixed(2)} ${context.assumptions.currency}`;
	const { economics, assumptions, chosen, alternative } = context;
	const inputs: SensitivityInput[] = [];
	const concurrency = breakEvenConcurrency(economics, assumptions);
	const measured = economics.concurrency;
	if (concurrency !== null && measured !== null)
		inputs.push({
			input: 'async_concurrency',
			today: measured,
			break_even: concurrency,
			sentence:
				concurrency <= 1
					? `Concurrency: a conversation costs less in async than in sync even at one thread per agent (break-even ${oneDecimal(concurrency)}, measured ${oneDecimal(measured)}).`
					: `Concurrency: a conversation costs less in async than in sync only while async agents hold more than ${oneDecimal(concurrency)} threads at once; they hold ${oneDecimal(measured)} today.`
		});
	const handle = breakEvenAsyncHandle(economics, assumptions);
	const asyncHandle = economics.syncHandleS * economics.handleRatio;
	inputs.push({
		input: 'async_handle_s',
		today: asyncHandle,
		break_even: handle,
		sentence: `Handle time: a conversation costs less in async than in sync only while its async handle time stays under ${minutes(handle)} (measured ${minutes(asyncHandle)}, against ${minutes(economics.syncHandleS)} in sync)${measured === null || economics.focusShare <= 0 ? '' : ` at ${oneDecimal(Math.min(measured, assumptions.planning.max_concurrency))} threads per agent`}.`
	});
	const hourly = alternative ? breakEvenAsyncHourly(chosen, alternative, assumptions, context.intervalMin) : null;
	if (alternative && hourly !== null) {
		const share = (p: MixPoint) => `${Math.round(p.asyncShare * 100)}% async`;
		inputs.push({
			input: 'async_hourly_cost',
			today: assumptions.costs.hourly.async,
			break_even: hourly,
			sentence: `Cost: ${share(chosen)} and ${share(alternative)} cost the same when an async agent-hour costs ${money(hourly)} (today ${money(assumptions.costs.hourly.async)}).`
		});
	}
	return { break_even_concurrency: concurrency, measured_concurrency: measured, inputs };
}
