/**
 * Erlang A (M/M/N+M: exponential patience), planning.md "Synchronous channels". Computed in
 * logs so that thousands of agents neither overflow nor underflow; the search for N may go
 * below the offered load because abandonment keeps the queue stable.
 */
import { emptyQueue, erlangBStep, offeredLoad, scheduledAgents, type SyncQueue, type SyncService } from './erlang';
import { logGamma, logRegularizedLowerGamma } from './gamma';

/** ln A(x, y) with A(x, y) = 1 + sum_j y^j / prod_{k<=j}(x + k): series for y < x, else incomplete gamma. */
export function logErlangAFactor(x: number, y: number): number {
	if (y <= 0) return 0;
	if (y < x) {
		let term = 1;
		let sum = 1;
		for (let j = 1; j < 1_000_000; j++) {
			term *= y / (x + j);
			sum += term;
			if (term < sum * 1e-17) break;
		}
		return Math.log(sum);
	}
	// A(x, y) = x e^y y^-x γ(x, y) = e^y y^-x Γ(x + 1) P(x, y)
	return y - x * Math.log(y) + logGamma(x + 1) + logRegularizedLowerGamma(x, y);
}

/** Erlang B values for one load, extended on demand (each N reuses the recursion up to it). */
function blockingTable(load: number): (servers: number) => number {
	const values = [1];
	return (servers) => {
		for (let n = values.length; n <= servers; n++) values.push(erlangBStep(load, values[n - 1], n));
		return values[servers];
	};
}

function patienceOf(queue: SyncQueue): number {
	if (!queue.patienceS || queue.patienceS <= 0) throw new Error('Erlang A needs a positive mean patience');
	return queue.patienceS;
}

/**
 * Mean wait of answered contacts, E[W | served] (the simulator's ASA). An arrival finding j ahead in the
 * queue (PASTA: state N + j) moves up at rate N mu + j theta and leaves at theta, so it is served with
 * s_j = prod_{i<=j} (N mu + i theta) / r_i, r_i = N mu + (i + 1) theta, after sum_{i<=j} 1 / r_i on average.
 */
export function answeredMeanWait(lambda: number, serviceRate: number, theta: number, blocking: number): number {
	if (!(blocking > 0)) return 0;
	// weights relative to p_N: states below N sum to (1 - E_B) / E_B; p_{N+j+1} = p_{N+j} lambda / r_j
	let immediate = (1 - blocking) / blocking;
	let weight = 1;
	let servedShare = 1;
	let meanWait = 0;
	let served = 0;
	let waited = 0;
	const peak = (lambda - serviceRate) / theta;
	for (let j = 0; j < 10_000_000; j++) {
		const rate = serviceRate + (j + 1) * theta;
		servedShare *= (serviceRate + j * theta) / rate;
		meanWait += 1 / rate;
		const mass = weight * servedShare;
		served += mass;
		waited += mass * meanWait;
		if (j > peak && mass < 1e-17 * (immediate + served)) break;
		weight *= lambda / rate;
		if (weight > 1e250) [weight, immediate, served, waited] = [weight * 1e-250, immediate * 1e-250, served * 1e-250, waited * 1e-250];
	}
	return waited / (immediate + served);
}

function serviceAt(queue: SyncQueue, load: number, agents: number, blocking: number, withWait = true): SyncService {
	const patience = patienceOf(queue);
	const agentsScheduled = scheduledAgents(agents, queue.shrinkage);
	if (agents <= 0)
		return { model: 'erlang_a', loadErlangs: load, agents, agentsScheduled, serviceLevel: 0, occupancy: 0, pWait: 1, asaS: Infinity, pAbandon: 1 };
	const theta = 1 / patience;
	const x = (agents * patience) / queue.ahtS;
	const y = (queue.volume / queue.intervalS) * patience;
	const rho = load / agents;
	const logA = logErlangAFactor(x, y);
	const inverseA = Math.exp(-logA);
	// P(wait) = A pi_N = A E / (1 + (A - 1) E), rearranged so that a huge A cannot overflow
	const pWait = Math.min(1, 1 / (Math.exp(-logA - Math.log(blocking)) + 1 - inverseA));
	const pAbandon = Math.min(pWait, Math.max(0, pWait * (inverseA / rho + 1 - 1 / rho)));
	const yAtTarget = y * Math.exp(-theta * queue.targetS);
	const logShift = y - yAtTarget - x * theta * queue.targetS;
	// P(W > t, served) = P(wait) (1/rho) [γ(x, y')/γ(x, y)] (1 - 1/A(x, y')), with the γ ratio through A
	const servedLate = (pWait / rho) * (Math.exp(logShift + logErlangAFactor(x, yAtTarget) - logA) - Math.exp(logShift - logA));
	const serviceLevel = Math.min(1, Math.max(0, 1 - pAbandon - Math.max(0, servedLate)));
	// the search only needs the targets; the answered wait is summed for the result alone
	const asaS = withWait ? answeredMeanWait(queue.volume / queue.intervalS, agents / queue.ahtS, theta, blocking) : NaN;
	return { model: 'erlang_a', loadErlangs: load, agents, agentsScheduled, serviceLevel, occupancy: (load * (1 - pAbandon)) / agents, pWait, asaS, pAbandon };
}

/** The service `agents` agents give under Erlang A. `asaS` is the mean wait of answered contacts (all arrivals' E[W] = P(abandon)/θ). */
export function evaluateErlangA(queue: SyncQueue, agents: number): SyncService {
	const load = offeredLoad(queue);
	if (load <= 0) return emptyQueue(queue, 'erlang_a', agents);
	return serviceAt(queue, load, agents, blockingTable(load)(agents));
}

function meetsTargets(queue: SyncQueue, service: SyncService): boolean {
	if (service.serviceLevel < queue.serviceLevel - 1e-12) return false;
	if (queue.maxAbandon != null && (service.pAbandon ?? 1) > queue.maxAbandon + 1e-12) return false;
	if (queue.maxOccupancy && service.occupancy > queue.maxOccupancy + 1e-12) return false;
	return true;
}

/** The smallest N meeting service level, abandonment and occupancy targets: bracket from A, then bisect. */
export function requiredAgentsErlangA(queue: SyncQueue): SyncService {
	const load = offeredLoad(queue);
	if (load <= 0) return evaluateErlangA(queue, 0);
	const blocking = blockingTable(load);
	const at = (n: number) => serviceAt(queue, load, n, blocking(n), false);
	let high = Math.max(1, Math.ceil(load));
	let low = 0; // 0 agents never meet a positive target
	let step = Math.max(1, Math.ceil(Math.sqrt(load)));
	while (!meetsTargets(queue, at(high))) {
		low = high;
		high += step;
		step *= 2;
		if (high > 10 * load + 1000) break; // a target of 100% is only reached in the limit
	}
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (meetsTargets(queue, at(middle))) high = middle;
		else low = middle;
	}
	return serviceAt(queue, load, high, blocking(high));
}
