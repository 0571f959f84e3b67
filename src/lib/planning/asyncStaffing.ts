/**
 * Staffing for asynchronous channels (planning.md "Asynchronous channels"): four models per
 * interval, the largest requirement wins, then shrinkage. Pure: business hours arrive as one
 * boolean per interval.
 */
import { ceilTolerant, evaluateErlangC, requiredAgentsErlangC, type SyncQueue } from './erlang';
import { backlogOnTimeShares, backlogRequirement } from './backlog';

export interface AsyncQueue {
	intervalS: number;
	/** the most conversations an agent may hold at once (K) */
	maxConcurrency: number;
	/** measured mean concurrency of agents on this channel; capped by K */
	concurrency: number;
	/**
	 * share of the channel's handle seconds that are focus time (an export's or the sessionizer's);
	 * the rest is attributed agent time (metrics.md, the integral of 1/k), already split by concurrency
	 */
	focusShare: number;
	/** first-response SLA threshold and the share to meet */
	frtS: number;
	target: number;
	/** business: the SLA clock runs only in open intervals; calendar: always */
	clock: 'calendar' | 'business';
	maxOccupancy?: number | null;
	shrinkage?: number;
}

/** One interval's forecast demand on the channel. */
export interface AsyncDemand {
	arrivals: number;
	/** mean handle time per conversation: focus or attributed time in the queue's `focusShare` */
	handleS: number;
	/** mean time a thread holds a slot (first reply to close), for the open-thread cap; null to skip */
	openS?: number | null;
}

export type AsyncModel = 'slots' | 'occupancy' | 'open_threads' | 'backlog' | 'closed';

export interface AsyncStaffing {
	/** which model set the requirement */
	model: AsyncModel;
	/** whole agents on the floor: the largest model's fractional requirement rounded up */
	agents: number;
	agentsScheduled: number;
	/** per-model requirements, for the reasons and the report */
	byModel: Record<Exclude<AsyncModel, 'closed'>, number>;
	/** expected share answered within the SLA (slots queue, or backlog on-time share when the SLA spans intervals) */
	serviceLevel: number;
	/** mean wait for a slot, from the slots queue */
	asaS: number;
	/** focus workload / agents */
	occupancy: number;
}

export function effectiveConcurrency(queue: Pick<AsyncQueue, 'concurrency' | 'maxConcurrency'>): number {
	return Math.max(1, Math.min(queue.concurrency, queue.maxConcurrency));
}

/**
 * Agent-seconds one conversation costs. Measured async focus counts each gap before an agent
 * message, and those gaps overlap across the g threads an agent juggles, so a thread costs
 * focus / g; attributed time is already the agent's time split among what they held, so dividing
 * it by g again would count the concurrency twice.
 */
export function agentSecondsPerThread(queue: Pick<AsyncQueue, 'concurrency' | 'maxConcurrency' | 'focusShare'>, handleS: number): number {
	const share = Math.min(1, Math.max(0, queue.focusShare));
	return handleS * (share / effectiveConcurrency(queue) + (1 - share));
}

/** The slots queue: an agent is K servers, each conversation holds a slot for its agent time x K (focus K / g). */
function slotsQueue(queue: AsyncQueue, demand: AsyncDemand): SyncQueue {
	return {
		volume: demand.arrivals,
		intervalS: queue.intervalS,
		ahtS: agentSecondsPerThread(queue, demand.handleS) * queue.maxConcurrency,
		targetS: queue.frtS,
		serviceLevel: queue.target
	};
}

/** Fractional agents (c slots / K): shrinkage applies before the one rounding to whole agents. */
function slotsAgents(queue: AsyncQueue, demand: AsyncDemand): number {
	if (demand.arrivals <= 0) return 0;
	return requiredAgentsErlangC(slotsQueue(queue, demand)).agents / queue.maxConcurrency;
}

/** Agents' own time in the interval (Erlangs): the same busy time the slots model implies (K slots of agent time x K). */
export function focusWorkload(queue: AsyncQueue, demand: AsyncDemand): number {
	return (demand.arrivals * agentSecondsPerThread(queue, demand.handleS)) / queue.intervalS;
}

function occupancyAgents(queue: AsyncQueue, demand: AsyncDemand): number {
	return focusWorkload(queue, demand) / (queue.maxOccupancy ?? 1);
}

/** Little's law: open threads = arrival rate x mean open time, at most K per agent. */
function openThreadAgents(queue: AsyncQueue, demand: AsyncDemand): number {
	if (!demand.openS) return 0;
	return ((demand.arrivals / queue.intervalS) * demand.openS) / queue.maxConcurrency;
}

/**
 * Agent-seconds one thread takes from the backlog: its agent time at the measured concurrency, or its
 * share of a slot while it is open (K per agent), whichever binds. Work carried overnight holds
 * slots in the morning just as in-hours work does, so the Little cap must reach the backlog too.
 */
export function threadAgentSeconds(queue: AsyncQueue, demand: AsyncDemand): number {
	return Math.max(agentSecondsPerThread(queue, demand.handleS), demand.openS ? demand.openS / queue.maxConcurrency : 0);
}

/**
 * Required agents per interval of the horizon (one entry per demand), given which intervals
 * are open (staffed) and the fewest agents each must have. Closed intervals get no agents beyond
 * that minimum; their arrivals wait in the backlog.
 */
export function requiredAsyncAgents(queue: AsyncQueue, demands: AsyncDemand[], open: boolean[], minimum: number[] = []): AsyncStaffing[] {
	const work = demands.map((d) => ({ arrivals: d.arrivals, focusS: threadAgentSeconds(queue, d) }));
	// fractional requirements: shrinkage applies to them and they are rounded once, in the backlog model
	const exact = demands.map((demand, i) => ({
		slots: open[i] ? slotsAgents(queue, demand) : 0,
		occupancy: open[i] ? occupancyAgents(queue, demand) : 0,
		open_threads: open[i] ? openThreadAgents(queue, demand) : 0
	}));
	// the agents the other models (and the minimum) put in an interval work the backlog too: its floors
	const floors = exact.map((e, i) => Math.max(e.slots, e.occupancy, e.open_threads, minimum[i] ?? 0));
	const backlog = backlogRequirement(queue, work, open, queue.shrinkage, floors);
	const staffed = demands.map((_, i) => {
		const byModel = {
			slots: ceilTolerant(exact[i].slots),
			occupancy: ceilTolerant(exact[i].occupancy),
			open_threads: ceilTolerant(exact[i].open_threads),
			backlog: ceilTolerant(backlog.levels[i])
		};
		let model: AsyncModel = 'closed';
		let largest = 0;
		for (const [name, value] of Object.entries(exact[i]) as [Exclude<AsyncModel, 'closed' | 'backlog'>, number][]) {
			if (value > largest) [model, largest] = [name, value];
		}
		if (backlog.levels[i] > floors[i] + 1e-9) model = 'backlog';
		if (open[i] && model === 'closed') model = 'slots';
		return { model, agents: backlog.agents[i], agentsScheduled: backlog.scheduled[i], byModel };
	});
	const onTime = backlogOnTimeShares(
		queue,
		work,
		open,
		staffed.map((s) => s.agents)
	);
	return staffed.map((s, i) => ({ ...s, ...expectedService(queue, demands[i], s.agents, onTime[i]) }));
}

function expectedService(
	queue: AsyncQueue,
	demand: AsyncDemand,
	agents: number,
	backlogShare: number | null
): Pick<AsyncStaffing, 'serviceLevel' | 'asaS' | 'occupancy'> {
	if (demand.arrivals <= 0) return { serviceLevel: backlogShare ?? 1, asaS: 0, occupancy: 0 };
	const slots = evaluateErlangC(slotsQueue(queue, demand), agents * queue.maxConcurrency);
	const workload = focusWorkload(queue, demand);
	// an SLA longer than the interval is met through the backlog, not within the interval's queue
	const spansIntervals = queue.frtS > queue.intervalS || agents === 0;
	return {
		serviceLevel: spansIntervals && backlogShare !== null ? backlogShare : slots.serviceLevel,
		asaS: agents > 0 ? slots.asaS : Infinity,
		occupancy: agents > 0 ? Math.min(1, workload / agents) : 0
	};
}
