import type { Channel, Mode } from '../../settings/defaults';
import type { SimulatedConversation, SimulatedRole, SimulatedStatus } from './conversation';
import { EventHeap, type TimedEvent } from './heap';
import { AgentPool, type Agent } from './pool';
import type { Random } from './random';

/** One channel as the engine sees it: where its contacts go and how they behave. */
export interface EngineChannel {
	channel: Channel;
	mode: Mode;
	/** index into `EngineConfig.pools` */
	pool: number;
	/** expected first contacts per interval, one value per interval */
	expected: ArrayLike<number>;
	/** sync: mean exponential patience in seconds (0 = never abandons) */
	patienceMeanS: number;
	/** sync: talk time of one contact */
	serviceS(random: Random): number;
	/** sync: seconds from pick-up to the first word (ring, accept); absent = none */
	answerS?: (random: Random) => number;
	/** async: a sitting per data-driven script (rich), or null for the planning slot model */
	asyncScript: AsyncScript | null;
	/** planning slot model: seconds a conversation holds one of the agent's slots */
	asyncHoldS(random: Random): number;
	/** close_after_s of data.md for this channel: silences inside one conversation stay shorter */
	closeAfterS: number;
}

export interface AsyncScript {
	composeMeanS: number;
	exchangesMean: number;
	replyMedianS: number;
	pendingShare: number;
	returnMedianS: number;
	slowdown: number;
	/** a quiet customer keeps their slot with the agent up to this long (0 = never); longer silences park the thread */
	holdQuietS: number;
}

export interface EnginePool {
	name: string;
	concurrency: number;
	/** agents on shift in interval i */
	agents(interval: number): number;
}

/** What the engine asks of the demo's contact traits (traits.ts ContactTraits): it declares the hook, traits implement it. */
export interface EngineTraits {
	/** seconds a bot spends before it resolves or hands over */
	botSeconds(): number;
	/** sets category, queue, priority, sentiment and the bot's part on a new contact */
	assign(c: LiveConversation, engine: ContactCenterEngine): void;
	/** after a close: the survey, and maybe a repeat contact scheduled on the engine */
	afterClose(c: LiveConversation, engine: ContactCenterEngine): void;
}

export interface EngineConfig {
	startMs: number;
	intervalMs: number;
	intervals: number;
	random: Random;
	channels: EngineChannel[];
	pools: EnginePool[];
	/** adds bots, categories, CSAT and repeat contacts (demo data); null for a bare planning run */
	traits: EngineTraits | null;
	recordMessages: boolean;
	/** keep serving after the last interval until every contact has an outcome (staffing repeats cyclically) */
	drain: boolean;
}

/** A conversation while it lives in the engine. */
export interface LiveConversation extends SimulatedConversation {
	waiting: boolean;
	channelIndex: number;
	agent: Agent | null;
	lastAgent: Agent | null;
	waitStartMs: number;
	lastMessageMs: number;
	exchangesLeft: number;
	sittings: number;
	botWillResolve: boolean;
	done: boolean;
}

const ARRIVAL = 0,
	INTERVAL = 1,
	BOT_DONE = 2,
	ABANDON = 3,
	SYNC_DONE = 4,
	AGENT_REPLY = 5,
	CUSTOMER_REPLY = 6,
	SITTING_END = 7,
	RETURN = 8;
const FOCUS_CAP_MS = 600_000;

interface EngineEvent extends TimedEvent {
	kind: number;
	conversation: LiveConversation | null;
	index: number;
}

/**
 * The discrete-event core: arrivals per interval (Poisson), pools of agents on shifts, sync
 * queues with impatient customers, async sittings with agents holding several conversations.
 * Conversations leave through `onConversation` as soon as they end, so memory stays bounded.
 */
export class ContactCenterEngine {
	readonly pools: AgentPool<LiveConversation>[];
	private readonly heap = new EventHeap<EngineEvent>();
	private readonly live = new Map<number, LiveConversation>();
	private nextId = 1;
	private agentCount = 0;
	readonly endMs: number;
	onConversation: (conversation: LiveConversation) => void = () => {};

	constructor(private readonly config: EngineConfig) {
		this.endMs = config.startMs + config.intervals * config.intervalMs;
		this.pools = config.pools.map(
			(p) => new AgentPool<LiveConversation>(p.name, p.concurrency, config.random, () => `agent-${String(++this.agentCount).padStart(3, '0')}`)
		);
		this.schedule(config.startMs, INTERVAL, null, 0);
	}

	/** Runs to the end; open conversations are emitted last, in arrival order. */
	run(): void {
		while (this.step());
		this.finish();
	}

	/** Processes one event; false when the simulated period (and drain) is over. */
	step(): boolean {
		const event = this.heap.peek();
		if (event === undefined) return false;
		if (!this.config.drain && event.t >= this.endMs) return false;
		if (this.config.drain && event.t >= this.endMs && this.live.size === 0) return false;
		this.heap.pop();
		const c = event.conversation;
		switch (event.kind) {
			case INTERVAL:
				return (this.interval(event.index, event.t), true);
			case ARRIVAL:
				return (this.arrive(c!, event.t), true);
			case BOT_DONE:
				return (this.botDone(c!, event.t), true);
			case ABANDON:
				return (this.abandon(c!, event.t), true);
			case SYNC_DONE:
				return (this.syncDone(c!, event.t), true);
			case AGENT_REPLY:
				return (this.agentReply(c!, event.t), true);
			case CUSTOMER_REPLY:
				return (this.customerReply(c!, event.t), true);
			case SITTING_END:
				return (this.sittingEnd(c!, event.t), true);
			case RETURN:
				return (this.customerReturns(c!, event.t), true);
		}
		return true;
	}

	/** Emits what is still open at the end, oldest first. */
	finish(): void {
		const open = [...this.live.values()].sort((a, b) => a.id - b.id);
		this.live.clear();
		for (const c of open) {
			c.waiting = false;
			c.done = true;
			c.status = 'open';
			if (c.handleS !== null) c.handleS = Math.round(c.handleS * 10) / 10;
			this.onConversation(c);
		}
	}

	/** Schedules a contact (a repeat contact from traits, or a planned one). */
	scheduleArrival(conversation: LiveConversation): void {
		if (conversation.createdMs < this.endMs) this.schedule(conversation.createdMs, ARRIVAL, conversation, 0);
	}

	newConversation(channelIndex: number, createdMs: number, customer: number): LiveConversation {
		const ch = this.config.channels[channelIndex];
		return {
			id: 0,
			customer,
			thread: 0,
			channel: ch.channel,
			mode: ch.mode,
			queue: this.config.pools[ch.pool].name,
			createdMs,
			firstResponseMs: null,
			closedMs: null,
			status: 'open',
			agentId: null,
			handleS: null,
			botInvolved: false,
			botResolved: false,
			reopens: 0,
			csat: null,
			csatOffered: false,
			priority: 'normal',
			category: 'general',
			sentiment: 0,
			messagesIn: 0,
			messagesOut: 0,
			agentMessages: 0,
			repeatOf: null,
			messages: this.config.recordMessages ? [] : null,
			waiting: false,
			channelIndex,
			agent: null,
			lastAgent: null,
			waitStartMs: createdMs,
			lastMessageMs: createdMs,
			exchangesLeft: 0,
			sittings: 0,
			botWillResolve: false,
			done: false
		};
	}

	private schedule(t: number, kind: number, conversation: LiveConversation | null, index: number): void {
		this.heap.push({ t, kind, conversation, index });
	}

	private interval(i: number, t: number): void {
		const { config } = this;
		const cyclic = i % config.intervals;
		config.pools.forEach((pool, p) => {
			this.pools[p].setStaff(pool.agents(cyclic));
			this.serveQueue(p, t);
		});
		if (i < config.intervals) {
			config.channels.forEach((ch, channelIndex) => {
				const count = config.random.poisson(ch.expected[i]);
				const times: number[] = [];
				for (let k = 0; k < count; k++) times.push(t + config.random.next() * config.intervalMs);
				times.sort((a, b) => a - b);
				for (const at of times) this.scheduleArrival(this.newConversation(channelIndex, at, 0));
			});
		}
		if (i + 1 < config.intervals || (config.drain && i < 4 * config.intervals)) this.schedule(t + config.intervalMs, INTERVAL, null, i + 1);
	}

	private arrive(c: LiveConversation, t: number): void {
		c.id = this.nextId++;
		if (c.customer === 0) c.customer = c.id;
		this.config.traits?.assign(c, this);
		this.live.set(c.id, c);
		this.say(c, t, 'customer', null);
		if (c.botInvolved) {
			this.say(c, t + 2000, 'bot', null);
			this.schedule(t + this.config.traits!.botSeconds() * 1000, BOT_DONE, c, 0);
		} else this.enqueue(c, t);
	}

	private botDone(c: LiveConversation, t: number): void {
		if (c.botWillResolve) {
			this.say(c, t, 'bot', null);
			c.botResolved = true;
			return this.close(c, t, 'resolved');
		}
		this.say(c, t, 'customer', null); // asks for a person
		this.enqueue(c, t);
	}

	private enqueue(c: LiveConversation, t: number, preferred: Agent | null = null): void {
		const ch = this.config.channels[c.channelIndex];
		const pool = this.pools[ch.pool];
		c.waitStartMs = t;
		const agent = pool.takeIfFree(preferred) ?? pool.takeAgent(); // a free agent means nobody live is waiting
		if (agent !== null) return this.pickUp(agent, c, t);
		c.waiting = true;
		pool.enqueue(c);
		if (ch.mode === 'sync' && ch.patienceMeanS > 0) this.schedule(t + this.config.random.exponential(ch.patienceMeanS) * 1000, ABANDON, c, 0);
	}

	private serveQueue(p: number, t: number): void {
		const pool = this.pools[p];
		while (pool.queued > 0) {
			const agent = pool.takeAgent();
			if (agent === null) return;
			const next = pool.dequeue();
			if (next === null) return pool.attach(agent);
			this.pickUp(agent, next, t);
		}
	}

	private abandon(c: LiveConversation, t: number): void {
		if (!c.waiting) return;
		c.waiting = false;
		this.close(c, t, 'abandoned');
	}

	private pickUp(agent: Agent, c: LiveConversation, t: number): void {
		const { random } = this.config;
		const ch = this.config.channels[c.channelIndex];
		c.waiting = false;
		c.agent = agent;
		c.lastAgent = agent;
		c.agentId = agent.id;
		c.sittings++;
		agent.held++;
		this.pools[ch.pool].attach(agent);
		if (ch.mode === 'sync') {
			const answerMs = (ch.answerS?.(random) ?? 0) * 1000;
			const serviceS = ch.serviceS(random);
			this.say(c, t + answerMs, 'agent', agent.id);
			c.handleS = serviceS;
			return this.schedule(t + answerMs + serviceS * 1000, SYNC_DONE, c, 0);
		}
		if (ch.asyncScript === null) {
			this.say(c, t, 'agent', agent.id);
			return this.schedule(t + ch.asyncHoldS(random) * 1000, SITTING_END, c, 0);
		}
		c.exchangesLeft = random.geometric(ch.asyncScript.exchangesMean);
		this.schedule(t + this.composeMs(c, agent), AGENT_REPLY, c, 0);
	}

	private composeMs(c: LiveConversation, agent: Agent): number {
		const script = this.config.channels[c.channelIndex].asyncScript!;
		return this.config.random.lognormal(script.composeMeanS, 0.6) * (1 + script.slowdown * (agent.held - 1)) * 1000;
	}

	private syncDone(c: LiveConversation, t: number): void {
		const agent = c.agent!;
		if (c.messages !== null) this.chatter(c, t);
		this.say(c, t, 'agent', agent.id);
		this.close(c, t, 'resolved');
		this.freeSlot(agent, c, t);
	}

	/** Back-and-forth messages inside a sync contact (recorded when it ends, all in the past by then), so no silence inside reaches close_after_s. */
	private chatter(c: LiveConversation, endMs: number): void {
		const startMs = c.lastMessageMs;
		const turns = Math.min(40, Math.ceil((endMs - startMs) / (c.channel === 'chat' ? 90_000 : 600_000)));
		for (let k = 1; k < turns; k++) this.say(c, startMs + ((endMs - startMs) * k) / turns, k % 2 === 1 ? 'customer' : 'agent', c.agent!.id);
	}

	private agentReply(c: LiveConversation, t: number): void {
		const script = this.config.channels[c.channelIndex].asyncScript!;
		this.say(c, t, 'agent', c.agent!.id);
		if (c.exchangesLeft > 0) {
			c.exchangesLeft--;
			return this.schedule(t + this.customerDelayMs(c, script.replyMedianS), CUSTOMER_REPLY, c, 0);
		}
		this.sittingEnd(c, t);
	}

	private customerReply(c: LiveConversation, t: number): void {
		this.say(c, t, 'customer', null);
		this.schedule(t + this.composeMs(c, c.agent!), AGENT_REPLY, c, 0);
	}

	/** Customers answer after minutes to hours, always inside close_after_s so sessionization keeps one conversation. */
	private customerDelayMs(c: LiveConversation, medianS: number): number {
		const limitS = 0.8 * this.config.channels[c.channelIndex].closeAfterS;
		return Math.min(limitS, medianS * Math.exp(1.1 * this.config.random.normal())) * 1000;
	}

	private sittingEnd(c: LiveConversation, t: number): void {
		const agent = c.agent!;
		const script = this.config.channels[c.channelIndex].asyncScript;
		const pending = script !== null && c.sittings < 3 && this.config.random.chance(script.pendingShare / c.sittings);
		if (!pending) {
			this.close(c, t, 'resolved');
			return this.freeSlot(agent, c, t);
		}
		const delayMs = this.customerDelayMs(c, script.returnMedianS);
		this.schedule(t + delayMs, RETURN, c, 0);
		// a short silence keeps the slot (the agent expects the answer); a long one parks the thread
		if (delayMs <= script.holdQuietS * 1000) return;
		c.agent = null;
		this.freeSlot(agent, c, t);
	}

	private customerReturns(c: LiveConversation, t: number): void {
		c.reopens++;
		this.say(c, t, 'customer', null);
		const agent = c.agent;
		if (agent === null) return this.enqueue(c, t, c.lastAgent);
		if (!agent.onShift) {
			// the agent went home: the thread goes back to the queue
			c.agent = null;
			this.freeSlot(agent, c, t);
			return this.enqueue(c, t, null);
		}
		c.sittings++;
		c.exchangesLeft = this.config.random.geometric(this.config.channels[c.channelIndex].asyncScript!.exchangesMean);
		this.schedule(t + this.composeMs(c, agent), AGENT_REPLY, c, 0);
	}

	private freeSlot(agent: Agent, c: LiveConversation, t: number): void {
		const pool = this.pools[this.config.channels[c.channelIndex].pool];
		pool.detach(agent);
		agent.held--;
		if (!agent.onShift) return pool.release(agent);
		const next = pool.dequeue();
		if (next !== null) return this.pickUp(agent, next, t);
		pool.attach(agent);
	}

	/** Records a message: counts, first response, focus time (data.md's capped gap) and the text-free message itself. */
	private say(c: LiveConversation, t: number, role: SimulatedRole, agentId: string | null): void {
		if (role === 'customer') c.messagesIn++;
		else c.messagesOut++;
		if (role === 'agent') {
			c.agentMessages++;
			if (c.firstResponseMs === null) c.firstResponseMs = t;
			if (c.mode === 'async') c.handleS = (c.handleS ?? 0) + Math.min(t - c.lastMessageMs, FOCUS_CAP_MS) / 1000;
		}
		c.lastMessageMs = Math.max(c.lastMessageMs, t);
		c.messages?.push({ t, role, agentId });
	}

	private close(c: LiveConversation, t: number, status: SimulatedStatus): void {
		c.closedMs = t;
		c.status = status;
		c.done = true;
		c.waiting = false;
		if (c.handleS !== null) c.handleS = Math.round(c.handleS * 10) / 10;
		this.live.delete(c.id);
		this.config.traits?.afterClose(c, this);
		this.onConversation(c);
	}
}
