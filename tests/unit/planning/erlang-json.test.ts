import { describe, expect, it } from 'vitest';
import { evaluateErlangC } from '../../../src/lib/planning/erlang';
import { erlangJson } from '../../../src/lib/server/cli/erlang';

// CRAN ErlangC README: 100 contacts / 30 min, AHT 180 s (A = 10), 14 agents
const queue = { volume: 100, intervalS: 1800, ahtS: 180, targetS: 20, serviceLevel: 0.8 };

describe('erlang --json', () => {
	it('carries full precision (the published 7-digit values, not 6-decimal rounding)', () => {
		const json = erlangJson(evaluateErlangC(queue, 14));
		// rounded to 6 decimals p_wait would be 0.174132 and asa_s (3 decimals) 7.836
		expect(json.p_wait).toBeCloseTo(0.1741319, 7);
		expect(json.asa_s).toBeCloseTo(7.835937, 6);
		// occupancy 10 / 14 exactly, not 0.714286
		expect(json.occupancy).toBe(10 / 14);
		expect(json.p_abandon).toBeNull();
	});

	it('gives an unbounded wait as null', () => {
		// 10 agents for 10 Erlangs: no stable queue
		expect(erlangJson(evaluateErlangC(queue, 10)).asa_s).toBeNull();
	});
});
