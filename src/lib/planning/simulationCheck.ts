/**
 * The simulation check (planning.md "Channel mix" 4): the recommended plan's week run through
 * the seeded discrete-event simulator, several replications pooled, so the simulated service
 * level per mode can sit beside the analytical one.
 */
import { simulatePlanWeek, type PlanChannel } from './simulate/index';
import type { MixPoint } from './mix';
import { focusEquivalentS, workingConcurrency } from './channelStaffing';
import { pooled } from './pooling';
import type { Channel, Mode } from '../settings/defaults';
import type { PlanAssumptions, SimulationCheck } from './planTypes';

export interface SimulationOptions {
	seed: number;
	replications: number;
}

function meanHandle(arrivals: number[], handleS: number[]): number {
	let work = 0;
	let volume = 0;
	arrivals.forEach((v, i) => {
		work += v * handleS[i];
		volume += v;
	});
	return volume > 0 ? work / volume : 1;
}

/** Everything the check needs, as plain data: it crosses to a worker thread by structured clone. */
export interface SimulationRequest {
	point: Pick<MixPoint, 'weeks' | 'staffed'>;
	start: string;
	intervalMin: number;
	assumptions: PlanAssumptions;
	options: SimulationOptions;
	businessOpen?: boolean[];
}

export function runSimulationRequest(request: SimulationRequest): SimulationCheck {
	return simulateMixPoint(request.point, request.start, request.intervalMin, request.assumptions, request.options, request.businessOpen);
}

/** `businessOpen`: per interval of the simulated week, inside business hours (holidays closed), so business-clock SLAs are measured as the plan counts them. */
export function simulateMixPoint(
	point: Pick<MixPoint, 'weeks' | 'staffed'>,
	start: string,
	intervalMin: number,
	assumptions: PlanAssumptions,
	options: SimulationOptions,
	businessOpen?: boolean[]
): SimulationCheck {
	const active = point.weeks.map((week, c) => ({ week, staffed: point.staffed[c] })).filter(({ week }) => week.arrivals.some((v) => v > 0));
	const channels: PlanChannel[] = active.map(({ week }) => ({
		channel: week.channel,
		mode: week.mode,
		arrivals: week.arrivals,
		// the simulator holds an async slot for focus K / g: attributed time is given as its focus equivalent
		aht_s:
			week.mode === 'async'
				? focusEquivalentS(week, meanHandle(week.arrivals, week.handleS), assumptions.planning.max_concurrency)
				: meanHandle(week.arrivals, week.handleS),
		handle_samples_s: week.handleSamplesS,
		patience_s: week.patienceS ?? undefined,
		concurrency: week.mode === 'async' ? workingConcurrency(week) : undefined,
		sla_s: assumptions.sla[week.channel].frt_s,
		sla_clock: assumptions.sla[week.channel].clock,
		// email is worked from a backlog, not held in slots (as in the staffing models)
		open_s: week.mode === 'async' && week.channel !== 'email' ? (week.openS ?? undefined) : undefined
	}));
	// agents on duty (before shrinkage); the shared async team is one pool (key 'async'), as it was staffed (pooling.ts)
	const agents: Partial<Record<Mode | Channel, number[]>> = {};
	for (const { week, staffed } of active) {
		const key: Mode | Channel = pooled(week) ? 'async' : week.channel;
		agents[key] = staffed.map((s, i) => s.agents + (agents[key]?.[i] ?? 0));
	}
	const summary = simulatePlanWeek(
		{ start, interval_min: intervalMin, channels, agents, max_concurrency: assumptions.planning.max_concurrency, business_open: businessOpen },
		options.seed,
		options.replications
	);
	const level = (mode: 'sync' | 'async') => (summary[mode].contacts > 0 ? Math.round(summary[mode].service_level * 10_000) / 10_000 : null);
	return { sync_service_level: level('sync'), async_service_level: level('async'), replications: options.replications };
}
