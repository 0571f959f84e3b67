import { describe, expect, it } from 'vitest';
import { ceilTolerant, erlangB, evaluateErlangC, requiredAgentsErlangC, scheduledAgents, type SyncQueue } from '../../../src/lib/planning/erlang';
import { evaluateErlangA, requiredAgentsErlangA } from '../../../src/lib/planning/erlangA';

// CRAN ErlangC README / pyworkforce tests: 100 contacts per 30 min, AHT 180 s => A = 100*180/1800 = 10 Erlangs
const base: SyncQueue = { volume: 100, intervalS: 1800, ahtS: 180, targetS: 20, serviceLevel: 0.8 };

describe('Erlang B and C', () => {
	it('matches the public check values at 14 and 11 agents', () => {
		const at14 = evaluateErlangC(base, 14);
		expect(at14.loadErlangs).toBe(10);
		expect(at14.pWait).toBeCloseTo(0.1741319, 6);
		expect(at14.serviceLevel).toBeCloseTo(0.88835, 5);
		expect(at14.asaS).toBeCloseTo(7.835937, 6);
		expect(at14.occupancy).toBeCloseTo(0.7142857, 6);
		const at11 = evaluateErlangC(base, 11);
		expect(at11.pWait).toBeCloseTo(0.6821182, 6);
		expect(at11.serviceLevel).toBeCloseTo(0.3896138, 6);
	});

	it('needs 14 agents, 20 scheduled, with max occupancy 0.85 and shrinkage 0.3', () => {
		const result = requiredAgentsErlangC({ ...base, maxOccupancy: 0.85, shrinkage: 0.3 });
		expect(result.agents).toBe(14);
		expect(result.agentsScheduled).toBe(20); // 14 / 0.7 = 20
	});

	it('rounds shrinkage with a tolerance: 21 / 0.7 is 30, not 31', () => {
		expect(21 / 0.7).toBeGreaterThan(30);
		expect(scheduledAgents(21, 0.3)).toBe(30);
		expect(ceilTolerant(30.5)).toBe(31);
	});

	it('raises N to the occupancy cap: A = 10 at 70% occupancy needs ceil(10/0.7) = 15', () => {
		expect(requiredAgentsErlangC({ ...base, maxOccupancy: 0.7 }).agents).toBe(15);
	});

	it('Erlang B recursion agrees with the closed form for small N (A = 2, N = 3: (8/6)/(1+2+2+8/6) = 4/19)', () => {
		expect(erlangB(2, 3)).toBeCloseTo(4 / 19, 12);
	});

	it('service level rises with agents and the required N is minimal', () => {
		for (const volume of [7, 100, 480, 2000]) {
			const queue = { ...base, volume };
			const required = requiredAgentsErlangC(queue);
			expect(required.serviceLevel).toBeGreaterThanOrEqual(0.8);
			expect(evaluateErlangC(queue, required.agents - 1).serviceLevel).toBeLessThan(0.8);
			let previous = -1;
			for (let n = required.agents - 5; n <= required.agents + 5; n++) {
				const sl = evaluateErlangC(queue, n).serviceLevel;
				expect(sl).toBeGreaterThanOrEqual(previous);
				previous = sl;
			}
		}
	});

	it('gives finite sensible answers at 2,000 and 30,000 contacts per interval', () => {
		const mid = requiredAgentsErlangC({ ...base, volume: 2000 }); // A = 200
		expect(mid.agents).toBeGreaterThan(200);
		expect(mid.agents).toBeLessThan(215);
		const large = requiredAgentsErlangC({ ...base, volume: 30000 }); // A = 3000
		expect(large.agents).toBeGreaterThan(3000);
		expect(large.agents).toBeLessThan(3030);
		expect(Number.isFinite(large.asaS)).toBe(true);
		expect(evaluateErlangC({ ...base, volume: 30000 }, large.agents - 1).serviceLevel).toBeLessThan(0.8);
	});

	it('reports an unstable queue (N <= A) as no service', () => {
		const result = evaluateErlangC(base, 10);
		expect(result.serviceLevel).toBe(0);
		expect(result.pWait).toBe(1);
		expect(result.asaS).toBe(Infinity);
	});

	it('needs no agents for no volume', () => {
		expect(requiredAgentsErlangC({ ...base, volume: 0 }).agents).toBe(0);
	});
});

/**
 * Independent check of Erlang A: the M/M/N+M birth-death chain truncated at a large queue,
 * its stationary distribution, and the waiting-time distribution of an arrival integrated
 * with RK4 (the tagged customer's position falls at N mu + j theta; it leaves at theta).
 */
function bruteForceErlangA(lambda: number, mu: number, theta: number, servers: number, t: number) {
	const maxQueue = 400;
	const states = servers + maxQueue + 1;
	const weights = new Float64Array(states);
	weights[0] = 1;
	for (let n = 1; n < states; n++) weights[n] = (weights[n - 1] * lambda) / (Math.min(n, servers) * mu + Math.max(0, n - servers) * theta);
	const total = weights.reduce((a, b) => a + b, 0);
	const pi = Array.from(weights, (w) => w / total);
	let pWait = 0;
	let meanQueue = 0;
	for (let n = servers; n < states; n++) {
		pWait += pi[n];
		meanQueue += (n - servers) * pi[n];
	}
	const pAbandon = (theta * meanQueue) / lambda;
	// arrival finding n = servers + j waits with j customers ahead
	let ahead = Array.from({ length: maxQueue }, (_, j) => pi[servers + j]);
	let served = 0;
	const derivative = (p: number[]) => {
		const dp = p.map((v, j) => -(servers * mu + j * theta + theta) * v + (j + 1 < p.length ? (servers * mu + (j + 1) * theta) * p[j + 1] : 0));
		return { dp, dServed: servers * mu * p[0] };
	};
	const steps = 4000;
	const h = t / steps;
	for (let s = 0; s < steps; s++) {
		const k1 = derivative(ahead);
		const k2 = derivative(ahead.map((v, j) => v + (h / 2) * k1.dp[j]));
		const k3 = derivative(ahead.map((v, j) => v + (h / 2) * k2.dp[j]));
		const k4 = derivative(ahead.map((v, j) => v + h * k3.dp[j]));
		served += (h / 6) * (k1.dServed + 2 * k2.dServed + 2 * k3.dServed + k4.dServed);
		ahead = ahead.map((v, j) => v + (h / 6) * (k1.dp[j] + 2 * k2.dp[j] + 2 * k3.dp[j] + k4.dp[j]));
	}
	return { pWait, pAbandon, serviceLevel: 1 - pWait + served };
}

describe('Erlang A', () => {
	const withPatience: SyncQueue = { ...base, patienceS: 300 };

	it('matches the public check values at 14 agents, patience 5 min', () => {
		const result = evaluateErlangA(withPatience, 14);
		expect(result.model).toBe('erlang_a');
		expect(result.pWait).toBeCloseTo(0.14526, 6);
		expect(result.pAbandon!).toBeCloseTo(0.013984, 6);
		expect(result.serviceLevel).toBeCloseTo(0.916792, 6);
		expect(result.occupancy).toBeCloseTo(0.704297, 6); // 10 * (1 - 0.013984) / 14
	});

	it('agrees with a brute-force birth-death chain', () => {
		const cases = [
			{ volume: 100, ahtS: 180, patienceS: 300, agents: 14, targetS: 20 },
			{ volume: 100, ahtS: 180, patienceS: 60, agents: 9, targetS: 30 },
			{ volume: 300, ahtS: 240, patienceS: 120, agents: 38, targetS: 15 },
			{ volume: 50, ahtS: 600, patienceS: 900, agents: 12, targetS: 60 },
			// y = lambda/theta = 333 > x = N patience/AHT = 325: the incomplete-gamma branch, N < A = 200
			{ volume: 2000, ahtS: 180, patienceS: 300, agents: 195, targetS: 20 }
		];
		for (const c of cases) {
			const queue: SyncQueue = { volume: c.volume, intervalS: 1800, ahtS: c.ahtS, targetS: c.targetS, serviceLevel: 0.8, patienceS: c.patienceS };
			const analytic = evaluateErlangA(queue, c.agents);
			const brute = bruteForceErlangA(c.volume / 1800, 1 / c.ahtS, 1 / c.patienceS, c.agents, c.targetS);
			expect(analytic.pWait).toBeCloseTo(brute.pWait, 7);
			expect(analytic.pAbandon!).toBeCloseTo(brute.pAbandon, 7);
			expect(analytic.serviceLevel).toBeCloseTo(brute.serviceLevel, 6);
		}
	});

	it('may staff below the offered load when patience is short, and the N is minimal', () => {
		// A = 10 Erlangs; patience 20 s with a 60 s target: abandonment keeps the queue short
		const queue: SyncQueue = { ...base, targetS: 60, serviceLevel: 0.5, patienceS: 20 };
		const result = requiredAgentsErlangA(queue);
		expect(result.agents).toBeLessThan(10);
		expect(result.serviceLevel).toBeGreaterThanOrEqual(0.5);
		expect(evaluateErlangA(queue, result.agents - 1).serviceLevel).toBeLessThan(0.5);
	});

	it('needs no agents and loses nobody without volume', () => {
		const result = requiredAgentsErlangA({ ...withPatience, volume: 0 });
		expect(result).toMatchObject({ model: 'erlang_a', agents: 0, serviceLevel: 1, pAbandon: 0 });
	});

	it('honours a maximum abandonment rate', () => {
		const free = requiredAgentsErlangA(withPatience);
		const strict = requiredAgentsErlangA({ ...withPatience, maxAbandon: 0.005 });
		expect(strict.agents).toBeGreaterThan(free.agents);
		expect(strict.pAbandon!).toBeLessThanOrEqual(0.005);
		expect(evaluateErlangA({ ...withPatience, maxAbandon: 0.005 }, strict.agents - 1).pAbandon!).toBeGreaterThan(0.005);
	});

	it('service level rises and abandonment falls with agents', () => {
		let previous = evaluateErlangA(withPatience, 1);
		for (let n = 2; n <= 25; n++) {
			const next = evaluateErlangA(withPatience, n);
			expect(next.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
			expect(next.pAbandon!).toBeLessThanOrEqual(previous.pAbandon!);
			previous = next;
		}
	});

	it('gives finite sensible answers at 2,000 and 30,000 contacts per interval', () => {
		for (const volume of [2000, 30000]) {
			const queue = { ...withPatience, volume };
			const load = (volume * 180) / 1800;
			const result = requiredAgentsErlangA(queue);
			expect(Number.isFinite(result.serviceLevel)).toBe(true);
			expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
			expect(result.agents).toBeGreaterThan(0.9 * load);
			expect(result.agents).toBeLessThan(1.05 * load);
			expect(evaluateErlangA(queue, result.agents - 1).serviceLevel).toBeLessThan(0.8);
			// more agents than the Erlang C answer can only be better
			const generous = evaluateErlangA(queue, requiredAgentsErlangC(queue).agents);
			expect(generous.serviceLevel).toBeGreaterThan(0.8);
			expect(generous.pAbandon!).toBeLessThan(0.02);
		}
	});
});
