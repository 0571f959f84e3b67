import { describe, expect, it } from 'vitest';
import { evaluateErlangA, requiredAgentsErlangA } from '../../../src/lib/planning/erlangA';
import { evaluateErlangC, type SyncQueue } from '../../../src/lib/planning/erlang';

describe('Erlang A ASA: the mean wait of answered contacts', () => {
	it('matches the hand-derived value for one agent with lambda = mu = theta = 1 per second', () => {
		// p_0 = 1/e, p_{1+j} = 1/((j+1)! e). An arrival with j ahead waits 1/(j+2) per step and is served
		// with s_j = prod_{i<=j} (1+i)/(i+2) = 1/(j+2), after sum_{i<=j} 1/(i+2) on average.
		// P(served) = (1 + sum_j 1/(j+2)!) / e = (1 + e - 2) / e = 1 - 1/e, so P(abandon) = 1/e.
		// E[W; served] = (1/e) sum_j (1/(j+2)!) sum_{i<=j} 1/(i+2)
		//             = (1/e) (1/2 * 1/2 + 5/6 * 1/6 + 13/12 * 1/24 + 77/60 * 1/120 + 29/20 * 1/720 + ...) = 0.4471004 / e
		// ASA = 0.4471004 / (e - 1) = 0.2602020 s; all arrivals' mean wait P(abandon)/theta = 1/e = 0.3679 s
		const queue: SyncQueue = { volume: 1800, intervalS: 1800, ahtS: 1, targetS: 0, serviceLevel: 0.5, patienceS: 1 };
		const result = evaluateErlangA(queue, 1);
		expect(result.pAbandon!).toBeCloseTo(1 / Math.E, 9);
		expect(result.asaS).toBeCloseTo(0.260202, 6);
	});

	it('tends to the Erlang C ASA (the CRAN 7.835937 s) as patience grows', () => {
		// nobody abandons with endless patience, so answered = all contacts and Erlang C's ASA is exact
		const queue: SyncQueue = { volume: 100, intervalS: 1800, ahtS: 180, targetS: 20, serviceLevel: 0.8, patienceS: 1e9 };
		expect(evaluateErlangA(queue, 14).asaS).toBeCloseTo(7.835937, 4);
		expect(evaluateErlangC(queue, 14).asaS).toBeCloseTo(7.835937, 6);
	});

	it('gives the answered wait on the required staffing too, and none with nobody answering', () => {
		const queue: SyncQueue = { volume: 100, intervalS: 1800, ahtS: 180, targetS: 20, serviceLevel: 0.8, patienceS: 300 };
		const required = requiredAgentsErlangA(queue);
		expect(required.asaS).toBe(evaluateErlangA(queue, required.agents).asaS);
		expect(evaluateErlangA(queue, 0).asaS).toBe(Infinity);
	});
});
