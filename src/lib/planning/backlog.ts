/**
 * The backlog-with-deadline model for async channels with SLAs in hours (planning.md model 4):
 * fluid FIFO work, carried across intervals and overnight, deadlines on the SLA clock (business
 * clock: time passes only in open intervals). The horizon repeats (warm-up copies, the reported
 * one, a tail) so that the carried-over backlog reaches its weekly steady state.
 */
import { ceilTolerant } from './erlang';

/**
 * How many copies of the horizon to simulate: a deadline reaches `span` copies ahead, so as many
 * follow the reported copy (its deadlines lie inside the simulation), and as many precede the
 * warm-up copy before it (the warm-up starts with a full deadline's arrivals behind it).
 */
function copiesFor(queue: BacklogQueue, open: boolean[]): { copies: number; reported: number } {
	const clockPerCopy = queue.intervalS * (queue.clock === 'calendar' ? open.length : open.filter(Boolean).length);
	const span = clockPerCopy > 0 ? Math.ceil(queue.frtS / clockPerCopy) + 1 : 1;
	return { copies: 2 * span + 2, reported: span + 1 };
}

export interface BacklogQueue {
	intervalS: number;
	frtS: number;
	target: number;
	clock: 'calendar' | 'business';
	maxOccupancy?: number | null;
}

export interface BacklogDemand {
	arrivals: number;
	focusS: number;
}

interface Timeline {
	/** work (focus seconds) arriving per interval over the copies of the horizon */
	work: number[];
	open: boolean[];
	/** cumulative work arrived by the end of each interval */
	arrived: number[];
	/** the SLA clock at the end of each interval */
	clockEnd: number[];
	/** for each interval's arrivals: the interval by whose end they are due (-1: after the simulation) */
	dueIn: number[];
	/** work-seconds one agent does in one open interval */
	capacity: number;
	length: number;
	/** the copy reported: earlier ones warm the backlog up, later ones hold its deadlines */
	reported: number;
}

function timeline(queue: BacklogQueue, demands: BacklogDemand[], open: boolean[]): Timeline {
	const length = demands.length;
	const { copies, reported } = copiesFor(queue, open);
	const work: number[] = [];
	const opens: boolean[] = [];
	for (let copy = 0; copy < copies; copy++) {
		for (let i = 0; i < length; i++) {
			work.push(demands[i].arrivals * demands[i].focusS);
			opens.push(open[i]);
		}
	}
	const arrived: number[] = [];
	const clockEnd: number[] = [];
	let total = 0;
	let clock = 0;
	for (let i = 0; i < work.length; i++) {
		total += work[i];
		if (opens[i] || queue.clock === 'calendar') clock += queue.intervalS;
		arrived.push(total);
		clockEnd.push(clock);
	}
	const dueIn: number[] = [];
	let j = 0;
	for (let i = 0; i < work.length; i++) {
		// arrivals count from the middle of an interval that advances the clock
		const start = i > 0 ? clockEnd[i - 1] : 0;
		const arrival = start + (clockEnd[i] - start) / 2;
		const deadline = arrival + queue.frtS;
		if (j < i) j = i;
		while (j < work.length && clockEnd[j] < deadline) j++;
		// a deadline past the simulation is none of its business: pulling it to the last interval overstaffed long SLAs
		dueIn.push(j < work.length ? j : -1);
	}
	return { work, open: opens, arrived, clockEnd, dueIn, capacity: queue.intervalS * (queue.maxOccupancy ?? 1), length, reported };
}

/** Work that must be done by the end of each interval: every due cohort's earlier work plus its target share. */
function requiredByEnd(queue: BacklogQueue, line: Timeline): number[] {
	const required = new Array<number>(line.work.length).fill(0);
	for (let k = 0; k < line.work.length; k++) {
		// an empty cohort has no one waiting: it must not make the work before it due at its deadline
		if (line.work[k] <= 0 || line.dueIn[k] < 0) continue;
		const before = k > 0 ? line.arrived[k - 1] : 0;
		const need = before + queue.target * line.work[k];
		const j = line.dueIn[k];
		if (need > required[j]) required[j] = need;
	}
	for (let j = 1; j < required.length; j++) required[j] = Math.max(required[j], required[j - 1]);
	return required;
}

/** The fluid plan over the reported copy: levels, the work done by the end of each interval, and what there is to do. */
interface FluidBacklog {
	levels: number[];
	doneByEnd: number[];
	arrived: number[];
	open: boolean[];
	/** work done before the copy starts */
	doneBefore: number;
	capacity: number;
}

/**
 * Agents per open interval, fractional: the interval's `floors` (what the other models put there;
 * those agents work the backlog too) plus the smallest steady extra that meets every deadline ahead
 * from the work done so far (no spikes at deadlines).
 */
function fluidBacklog(queue: BacklogQueue, demands: BacklogDemand[], open: boolean[], floors: number[]): FluidBacklog {
	const line = timeline(queue, demands, open);
	const required = requiredByEnd(queue, line);
	const floorAt = (i: number) => (line.open[i] ? (floors[i % line.length] ?? 0) : 0);
	// work the floors can do from interval 0 to the end of each interval
	const floorWork: number[] = [];
	line.work.forEach((_, i) => floorWork.push((i > 0 ? floorWork[i - 1] : 0) + floorAt(i) * line.capacity));
	const levels = new Array<number>(line.work.length).fill(0);
	const doneByEnd = new Array<number>(line.work.length).fill(0);
	// start a copy before the reported one with every deadline so far just met: from an empty backlog
	// the level lags the work for several deadlines, and longer deadlines would look cheaper than they are
	const warmUp = (line.reported - 1) * line.length;
	let done = required[warmUp - 1];
	for (let i = warmUp; i < line.work.length; i++) {
		if (line.open[i]) {
			const horizonClock = line.clockEnd[i] + queue.frtS + queue.intervalS;
			const floorBefore = i > 0 ? floorWork[i - 1] : 0;
			let openCount = 0;
			let extra = 0;
			for (let j = i; j < line.work.length && line.clockEnd[j] <= horizonClock; j++) {
				if (line.open[j]) openCount++;
				const short = required[j] - done - (floorWork[j] - floorBefore);
				if (openCount > 0 && short > 0) extra = Math.max(extra, short / (line.capacity * openCount));
			}
			const floor = floorAt(i);
			// capacity beyond the work already in is wasted, and a later interval would need it again
			levels[i] = floor + Math.max(0, Math.min(extra, (line.arrived[i] - done) / line.capacity - floor));
			done = Math.min(line.arrived[i], done + levels[i] * line.capacity);
		}
		doneByEnd[i] = done;
	}
	const [from, to] = [line.reported * line.length, (line.reported + 1) * line.length];
	return {
		levels: levels.slice(from, to),
		doneByEnd: doneByEnd.slice(from, to),
		arrived: line.arrived.slice(from, to),
		open: line.open.slice(from, to),
		doneBefore: doneByEnd[from - 1],
		capacity: line.capacity
	};
}

/** The fluid levels of the backlog model over one copy of the horizon. */
export function backlogLevels(queue: BacklogQueue, demands: BacklogDemand[], open: boolean[], floors: number[] = []): number[] {
	return fluidBacklog(queue, demands, open, floors).levels;
}

/**
 * Whole agents per interval (each `available` of a person): at least the floor, and enough to keep the
 * work done at or ahead of the fluid plan, so every deadline it meets is met. The rounding carries
 * (14.1 an interval staffs 14 or 15, not always 15), but only as work really done: capacity idle for
 * want of work is not carried.
 */
function wholeAgents(fluid: FluidBacklog, floors: number[], available: number): number[] {
	const capacity = fluid.capacity * available;
	let done = fluid.doneBefore;
	return fluid.levels.map((_, i) => {
		if (!fluid.open[i]) return 0;
		const behind = fluid.doneByEnd[i] - done;
		const agents = Math.max(ceilTolerant((floors[i] ?? 0) / available), behind > 0 ? ceilTolerant(behind / capacity) : 0);
		done = Math.min(fluid.arrived[i], done + agents * capacity);
		return agents;
	});
}

/**
 * The backlog model with the other models' needs as floors: fractional levels, whole agents and
 * scheduled agents (`shrinkage` applied to the fractional plan, rounded once per interval).
 */
export function backlogRequirement(
	queue: BacklogQueue,
	demands: BacklogDemand[],
	open: boolean[],
	shrinkage = 0,
	floors: number[] = []
): { levels: number[]; agents: number[]; scheduled: number[] } {
	const fluid = fluidBacklog(queue, demands, open, floors);
	return { levels: fluid.levels, agents: wholeAgents(fluid, floors, 1), scheduled: wholeAgents(fluid, floors, 1 - shrinkage) };
}

/** Share of each interval's arrivals answered by their deadline with the given agents (null when none arrive). */
export function backlogOnTimeShares(queue: BacklogQueue, demands: BacklogDemand[], open: boolean[], agents: number[]): (number | null)[] {
	const line = timeline(queue, demands, open);
	const doneByEnd: number[] = [];
	let done = 0;
	for (let i = 0; i < line.work.length; i++) {
		if (line.open[i]) done = Math.min(line.arrived[i], done + agents[i % line.length] * line.capacity);
		doneByEnd.push(done);
	}
	const shares: (number | null)[] = [];
	for (let k = line.reported * line.length; k < (line.reported + 1) * line.length; k++) {
		if (line.work[k] <= 0) {
			shares.push(null);
			continue;
		}
		const before = line.arrived[k - 1];
		// the copies hold every deadline the SLA clock reaches; one it never reaches (no open time at all) is never met
		if (line.dueIn[k] < 0) {
			shares.push(0);
			continue;
		}
		shares.push(Math.min(1, Math.max(0, (doneByEnd[line.dueIn[k]] - before) / line.work[k])));
	}
	return shares;
}
