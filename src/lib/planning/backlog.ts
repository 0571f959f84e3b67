/**
 * The backlog-with-deadline model for async channels with SLAs in hours (planning.md model 4):
 * fluid FIFO work, carried across intervals and overnight, deadlines on the SLA clock (business
 * clock: time passes only in open intervals). The horizon repeats (warm-up copies, the reported
 * one, a tail) so that the carried-over backlog reaches its weekly steady state.
 */
import { ceilTolerant } from './erlang';

const COPIES = 6;
/** the copy reported: earlier ones warm the backlog up, later ones hold its deadlines */
const REPORTED = 4;

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
	/** work (focus seconds) arriving per interval over three copies of the horizon */
	work: number[];
	open: boolean[];
	/** cumulative work arrived by the end of each interval */
	arrived: number[];
	/** the SLA clock at the end of each interval */
	clockEnd: number[];
	/** for each interval's arrivals: the interval by whose end they are due */
	dueIn: number[];
	/** work-seconds one agent does in one open interval */
	capacity: number;
	length: number;
}

function timeline(queue: BacklogQueue, demands: BacklogDemand[], open: boolean[]): Timeline {
	const length = demands.length;
	const work: number[] = [];
	const opens: boolean[] = [];
	for (let copy = 0; copy < COPIES; copy++) {
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
		while (j < work.length - 1 && clockEnd[j] < deadline) j++;
		dueIn.push(j);
	}
	return { work, open: opens, arrived, clockEnd, dueIn, capacity: queue.intervalS * (queue.maxOccupancy ?? 1), length };
}

/** Work that must be done by the end of each interval: every due cohort's earlier work plus its target share. */
function requiredByEnd(queue: BacklogQueue, line: Timeline): number[] {
	const required = new Array<number>(line.work.length).fill(0);
	for (let k = 0; k < line.work.length; k++) {
		const before = k > 0 ? line.arrived[k - 1] : 0;
		const need = before + queue.target * line.work[k];
		const j = line.dueIn[k];
		if (need > required[j]) required[j] = need;
	}
	for (let j = 1; j < required.length; j++) required[j] = Math.max(required[j], required[j - 1]);
	return required;
}

/**
 * The smallest steady N per open interval: the level that meets every deadline ahead from the
 * work done so far (no spikes at deadlines), one entry per interval of the horizon.
 */
export function backlogRequirement(queue: BacklogQueue, demands: BacklogDemand[], open: boolean[]): number[] {
	const line = timeline(queue, demands, open);
	const required = requiredByEnd(queue, line);
	const agents = new Array<number>(line.work.length).fill(0);
	let done = 0;
	for (let i = 0; i < line.work.length; i++) {
		if (!line.open[i]) continue;
		const horizonClock = line.clockEnd[i] + queue.frtS + queue.intervalS;
		let openCount = 0;
		let level = 0;
		for (let j = i; j < line.work.length && line.clockEnd[j] <= horizonClock; j++) {
			if (line.open[j]) openCount++;
			if (openCount > 0 && required[j] > done) level = Math.max(level, ceilTolerant((required[j] - done) / (line.capacity * openCount)));
		}
		agents[i] = level;
		done = Math.min(line.arrived[i], done + level * line.capacity);
	}
	return agents.slice(REPORTED * line.length, (REPORTED + 1) * line.length);
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
	for (let k = REPORTED * line.length; k < (REPORTED + 1) * line.length; k++) {
		if (line.work[k] <= 0) {
			shares.push(null);
			continue;
		}
		const before = line.arrived[k - 1];
		shares.push(Math.min(1, Math.max(0, (doneByEnd[line.dueIn[k]] - before) / line.work[k])));
	}
	return shares;
}
