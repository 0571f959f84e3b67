/**
 * Staffing of one channel over one week of intervals: Erlang C/A for sync channels, the async
 * models for async ones. Shared by the plan's interval rows and every point of the mix frontier.
 */
import type { Channel, Mode, PlanningAssumptions, SlaTarget } from '../settings/defaults';
import { agentSecondsPerThread, effectiveConcurrency, requiredAsyncAgents } from './asyncStaffing';
import { evaluateSyncAgents, requiredSyncAgents } from './syncStaffing';

export interface ChannelWeek {
	channel: Channel;
	mode: Mode;
	/** per interval of the week */
	arrivals: number[];
	handleS: number[];
	concurrency: number | null;
	/** share of handle seconds that are focus time; the rest is attributed time, already split by concurrency */
	focusShare: number;
	openS: number | null;
	patienceS: number | null;
	/** measured handle times whose shape the simulation check resamples (absent: a lognormal) */
	handleSamplesS?: number[];
}

export interface StaffedInterval {
	agents: number;
	agentsScheduled: number;
	serviceLevel: number;
	asaS: number;
	occupancy: number;
	concurrency: number;
}

export interface StaffingContext {
	intervalMin: number;
	sla: SlaTarget;
	planning: PlanningAssumptions;
	maxOccupancy: number;
	businessOpen: boolean[];
}

export function staffChannelWeek(week: ChannelWeek, context: StaffingContext): StaffedInterval[] {
	const intervalS = context.intervalMin * 60;
	const { sla, planning } = context;
	// someone answers in every interval of business hours, however little arrives there
	const floor = planning.min_agents?.[week.channel] ?? 0;
	const minimum = context.businessOpen.map((open) => (open ? floor : 0));
	if (week.mode === 'sync') {
		return week.arrivals.map((volume, i) => {
			const queue = {
				volume,
				intervalS,
				ahtS: week.handleS[i],
				targetS: sla.frt_s,
				serviceLevel: sla.target,
				maxOccupancy: context.maxOccupancy,
				shrinkage: planning.shrinkage,
				patienceS: week.patienceS,
				maxAbandon: planning.max_abandon
			};
			const required = requiredSyncAgents(queue);
			const service = required.agents < minimum[i] ? evaluateSyncAgents(queue, minimum[i]) : required;
			return {
				agents: service.agents,
				agentsScheduled: service.agentsScheduled,
				serviceLevel: service.serviceLevel,
				asaS: service.asaS,
				occupancy: service.occupancy,
				concurrency: 1
			};
		});
	}
	const concurrency = workingConcurrency(week);
	const queue = {
		intervalS,
		maxConcurrency: planning.max_concurrency,
		concurrency,
		focusShare: week.focusShare,
		frtS: sla.frt_s,
		target: sla.target,
		clock: sla.clock,
		maxOccupancy: context.maxOccupancy,
		shrinkage: planning.shrinkage
	};
	const open = sla.clock === 'business' ? context.businessOpen : context.businessOpen.map(() => true);
	// email is worked from a backlog, not held in slots: no open-thread cap
	const openS = week.channel === 'email' ? null : week.openS;
	const demands = week.arrivals.map((arrivals, i) => ({ arrivals, handleS: week.handleS[i], openS }));
	return requiredAsyncAgents(queue, demands, open, minimum).map((s) => ({
		agents: s.agents,
		agentsScheduled: s.agentsScheduled,
		serviceLevel: s.serviceLevel,
		asaS: s.asaS,
		occupancy: s.occupancy,
		concurrency: Math.min(concurrency, planning.max_concurrency)
	}));
}

/** The concurrency an async channel's focus is shared at: email is written one reply at a time, whatever tickets stay open. */
export function workingConcurrency(week: Pick<ChannelWeek, 'channel' | 'concurrency'>): number {
	return week.channel === 'email' ? 1 : (week.concurrency ?? 1);
}

/**
 * Handle time as focus time at the working concurrency (attributed time x g), for models that take
 * focus and share it over g themselves (the simulator's slot hold focus K / g).
 */
export function focusEquivalentS(week: Pick<ChannelWeek, 'channel' | 'concurrency' | 'focusShare'>, handleS: number, maxConcurrency: number): number {
	const queue = { concurrency: workingConcurrency(week), maxConcurrency, focusShare: week.focusShare };
	return agentSecondsPerThread(queue, handleS) * effectiveConcurrency(queue);
}

/** Volume-weighted service level over the week; null without volume. */
export function weightedServiceLevel(weeks: { arrivals: number[]; staffed: StaffedInterval[] }[]): number | null {
	let served = 0;
	let total = 0;
	for (const { arrivals, staffed } of weeks) {
		arrivals.forEach((v, i) => {
			served += v * staffed[i].serviceLevel;
			total += v;
		});
	}
	return total > 0 ? served / total : null;
}
