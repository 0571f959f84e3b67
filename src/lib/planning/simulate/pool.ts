import type { Random } from './random';

/** One agent; `held` counts the conversations they hold right now (sync: 0 or 1). */
export interface Agent {
	id: string;
	held: number;
	onShift: boolean;
	/** position in `pool.free[held]`, or -1 when not in a free list */
	slot: number;
}

/** What a pool's queue holds: anything with a waiting flag (abandoned entries are skipped lazily). */
export interface Waiting {
	waiting: boolean;
}

/**
 * A team of agents serving some channels from one FIFO queue. An agent holds up to
 * `concurrency` conversations; agents with free capacity sit in `free[held]`, so finding the
 * least-loaded one is O(K) and shift changes are O(1) per agent.
 */
export class AgentPool<C extends Waiting> {
	readonly free: Agent[][];
	private readonly offDuty: Agent[] = [];
	private readonly onShift: Agent[] = [];
	private queue: C[] = [];
	private head = 0;

	constructor(
		readonly name: string,
		readonly concurrency: number,
		private readonly random: Random,
		private readonly newAgentId: () => string
	) {
		this.free = Array.from({ length: concurrency }, () => []);
	}

	get staffed(): number {
		return this.onShift.length;
	}

	get queued(): number {
		return this.queue.length - this.head;
	}

	/** The least-loaded agent on shift with free capacity (random among equals), taken out of the free lists. */
	takeAgent(): Agent | null {
		for (const list of this.free) {
			if (list.length > 0) {
				const agent = list[this.random.int(list.length)];
				this.detach(agent);
				return agent;
			}
		}
		return null;
	}

	/** Takes a specific agent if they are on shift with capacity (async affinity). */
	takeIfFree(agent: Agent | null): Agent | null {
		if (agent === null || !agent.onShift || agent.slot < 0) return null;
		this.detach(agent);
		return agent;
	}

	enqueue(conversation: C): void {
		this.queue.push(conversation);
	}

	/** The oldest conversation still waiting, or null. */
	dequeue(): C | null {
		while (this.head < this.queue.length) {
			const next = this.queue[this.head++];
			if (next.waiting) {
				this.compact();
				return next;
			}
		}
		this.compact();
		return null;
	}

	/** Puts an agent (after their `held` changed) back into the free list that fits, if they can take more. */
	attach(agent: Agent): void {
		if (!agent.onShift || agent.held >= this.concurrency || agent.slot >= 0) return;
		const list = this.free[agent.held];
		agent.slot = list.length;
		list.push(agent);
	}

	detach(agent: Agent): void {
		if (agent.slot < 0) return;
		const list = this.free[agent.held];
		const last = list.pop()!;
		if (last !== agent) {
			list[agent.slot] = last;
			last.slot = agent.slot;
		}
		agent.slot = -1;
	}

	/** An off-shift agent who finished their last conversation goes home. */
	release(agent: Agent): void {
		if (!agent.onShift && agent.held === 0) this.offDuty.push(agent);
	}

	/** Brings agents on or sends them off (the least loaded first; they finish what they hold). */
	setStaff(target: number): Agent[] {
		const joined: Agent[] = [];
		while (this.onShift.length < target) {
			const agent =
				this.offDuty.length > 0
					? this.offDuty.splice(this.random.int(this.offDuty.length), 1)[0]
					: { id: this.newAgentId(), held: 0, onShift: false, slot: -1 };
			agent.onShift = true;
			this.onShift.push(agent);
			this.attach(agent);
			joined.push(agent);
		}
		while (this.onShift.length > target) {
			this.onShift.sort((a, b) => a.held - b.held);
			const agent = this.onShift.shift()!;
			this.detach(agent);
			agent.onShift = false;
			this.release(agent);
		}
		return joined;
	}

	private compact(): void {
		if (this.head > 4096 && this.head * 2 > this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
	}
}
