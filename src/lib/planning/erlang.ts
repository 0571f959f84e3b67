/**
 * Erlang B and Erlang C (planning.md "Synchronous channels"): stable recursions, never
 * factorials or powers, so thousands of agents work.
 */

/** What a synchronous queue needs: one interval's demand and the service target. */
export interface SyncQueue {
	/** contacts offered in the interval */
	volume: number;
	intervalS: number;
	ahtS: number;
	/** "answered within" threshold of the service level */
	targetS: number;
	/** share to answer within targetS, 0..1 */
	serviceLevel: number;
	/** cap on agent occupancy, 0..1 (none when null/undefined) */
	maxOccupancy?: number | null;
	/** share of paid time agents are unavailable, 0..1 */
	shrinkage?: number;
	/** mean patience in seconds; when given the model is Erlang A */
	patienceS?: number | null;
	/** optional ceiling on the abandonment rate (Erlang A only) */
	maxAbandon?: number | null;
}

/** The service a number of agents gives (field names of the `erlang --json` contract, camel-cased). */
export interface SyncService {
	model: 'erlang_c' | 'erlang_a';
	loadErlangs: number;
	agents: number;
	agentsScheduled: number;
	serviceLevel: number;
	occupancy: number;
	pWait: number;
	/** mean wait of answered contacts (ASA; Erlang A leaves abandoners out); Infinity when the queue is unstable or nobody is answered */
	asaS: number;
	pAbandon: number | null;
}

/** Float noise must not add an agent: 21 / 0.7 is 30.000000000000004 and means 30. */
export function ceilTolerant(x: number): number {
	return Math.ceil(x - 1e-9) + 0; // + 0: a requirement of 0 is 0, not -0
}

/** Agents on the schedule so that `agents` are available after shrinkage. */
export function scheduledAgents(agents: number, shrinkage = 0): number {
	if (agents <= 0) return 0;
	return ceilTolerant(agents / (1 - shrinkage));
}

export function offeredLoad(queue: Pick<SyncQueue, 'volume' | 'ahtS' | 'intervalS'>): number {
	return (queue.volume * queue.ahtS) / queue.intervalS;
}

/** One step of the Erlang B recursion: B(n) from B(n-1). */
export function erlangBStep(load: number, previous: number, n: number): number {
	return (load * previous) / (n + load * previous);
}

/** Erlang B blocking probability with `servers` servers. */
export function erlangB(load: number, servers: number): number {
	let b = 1;
	for (let n = 1; n <= servers; n++) b = erlangBStep(load, b, n);
	return b;
}

/** Erlang C probability of waiting from Erlang B; 1 when the queue is unstable. */
export function erlangCFromB(load: number, servers: number, blocking: number): number {
	if (servers <= load) return 1;
	return (servers * blocking) / (servers - load * (1 - blocking));
}

export function erlangC(load: number, servers: number): number {
	return erlangCFromB(load, servers, erlangB(load, servers));
}

/** Erlang C service level, ASA and occupancy at `agents`, given the probability of waiting. */
function erlangCService(queue: SyncQueue, load: number, agents: number, pWait: number): SyncService {
	const stable = agents > load;
	const serviceLevel = stable ? Math.max(0, 1 - pWait * Math.exp((-(agents - load) * queue.targetS) / queue.ahtS)) : 0;
	return {
		model: 'erlang_c',
		loadErlangs: load,
		agents,
		agentsScheduled: scheduledAgents(agents, queue.shrinkage),
		serviceLevel,
		occupancy: agents > 0 ? Math.min(1, load / agents) : 0,
		pWait: stable ? pWait : 1,
		asaS: stable ? (pWait * queue.ahtS) / (agents - load) : Infinity,
		pAbandon: null
	};
}

/** The service of a queue with no offered load: nobody waits, nobody abandons. */
export function emptyQueue(queue: SyncQueue, model: SyncService['model'], agents = 0): SyncService {
	return {
		model,
		loadErlangs: 0,
		agents,
		agentsScheduled: scheduledAgents(agents, queue.shrinkage),
		serviceLevel: 1,
		occupancy: 0,
		pWait: 0,
		asaS: 0,
		pAbandon: model === 'erlang_a' ? 0 : null
	};
}

/** The service `agents` agents give under Erlang C. */
export function evaluateErlangC(queue: SyncQueue, agents: number): SyncService {
	const load = offeredLoad(queue);
	if (load <= 0) return emptyQueue(queue, 'erlang_c', agents);
	return erlangCService(queue, load, agents, erlangC(load, agents));
}

/**
 * The smallest N > A meeting the service level, then raised to the occupancy cap. The
 * search starts just above A and carries the B recursion forward (one step per agent).
 */
export function requiredAgentsErlangC(queue: SyncQueue): SyncService {
	const load = offeredLoad(queue);
	if (load <= 0) return emptyQueue(queue, 'erlang_c');
	let n = Math.floor(load) + 1;
	let b = erlangB(load, n);
	const ceiling = 10 * load + 1000; // a target of 100% is only reached in the limit
	while (n < ceiling) {
		const pWait = erlangCFromB(load, n, b);
		const sl = 1 - pWait * Math.exp((-(n - load) * queue.targetS) / queue.ahtS);
		if (sl >= queue.serviceLevel - 1e-12) break;
		n += 1;
		b = erlangBStep(load, b, n);
	}
	const capped = queue.maxOccupancy ? ceilTolerant(load / queue.maxOccupancy) : 0;
	while (n < capped) {
		n += 1;
		b = erlangBStep(load, b, n);
	}
	return erlangCService(queue, load, n, erlangCFromB(load, n, b));
}
