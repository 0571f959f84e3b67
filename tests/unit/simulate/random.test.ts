import { describe, expect, it } from 'vitest';
import { Categorical, Random } from '../../../src/lib/planning/simulate/random';
import { EventHeap } from '../../../src/lib/planning/simulate/heap';
import { ZoneClock, formatUtcIso } from '../../../src/lib/planning/simulate/zone';

describe('Random', () => {
	it('gives the same sequence for the same seed and another for another seed', () => {
		const a = new Random(42),
			b = new Random(42),
			c = new Random(43);
		const first = Array.from({ length: 5 }, () => a.next());
		expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
		expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
		expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
	});

	it('draws distributions with the asked means', () => {
		const r = new Random(7);
		const n = 200_000;
		let exp = 0,
			logn = 0,
			small = 0,
			large = 0;
		for (let i = 0; i < n; i++) {
			exp += r.exponential(120);
			logn += r.lognormal(300, 0.6);
			small += r.poisson(3.5);
			large += r.poisson(80);
		}
		// standard errors: exp 120/sqrt(n)=0.27, lognormal ~0.43, Poisson sqrt(3.5/n)=0.004, sqrt(80/n)=0.02
		expect(exp / n).toBeCloseTo(120, -0.5);
		expect(Math.abs(logn / n - 300)).toBeLessThan(3);
		expect(Math.abs(small / n - 3.5)).toBeLessThan(0.03);
		expect(Math.abs(large / n - 80)).toBeLessThan(0.15);
	});

	it('draws categories in proportion to their weights', () => {
		const r = new Random(1);
		const draw = new Categorical([1, 0, 3]);
		const counts = [0, 0, 0];
		for (let i = 0; i < 40_000; i++) counts[draw.draw(r)]++;
		// expected 10,000 / 0 / 30,000; sd ≈ 87
		expect(counts[1]).toBe(0);
		expect(Math.abs(counts[0] - 10_000)).toBeLessThan(500);
	});
});

describe('EventHeap', () => {
	it('pops in time order and keeps insertion order for equal times', () => {
		const heap = new EventHeap<{ t: number; seq: number; name: string }>();
		for (const [t, name] of [
			[5, 'e'],
			[1, 'a'],
			[3, 'c1'],
			[3, 'c2'],
			[2, 'b'],
			[3, 'c3']
		] as const)
			heap.push({ t, name });
		const order: string[] = [];
		while (heap.size > 0) order.push(heap.pop()!.name);
		expect(order).toEqual(['a', 'b', 'c1', 'c2', 'c3', 'e']);
	});
});

describe('ZoneClock', () => {
	it('reads local hour of week and local time across a DST change', () => {
		const berlin = new ZoneClock('Europe/Berlin');
		// 2026-08-03 is a Monday; 12:00Z is 14:00 CEST (+2) → hour of week 14
		expect(berlin.hourOfWeek(Date.parse('2026-08-03T12:00:00Z'))).toBe(14);
		expect(berlin.formatLocal(Date.parse('2026-08-03T12:05:22.900Z'))).toBe('2026-08-03 14:05:22');
		// 2026-10-25 03:00 CEST → 02:00 CET at 01:00Z; at 01:30Z it is 02:30 CET (+1), a Sunday → 6*24+2 = 146
		expect(berlin.formatLocal(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25 02:30:00');
		expect(berlin.hourOfWeek(Date.parse('2026-10-25T01:30:00Z'))).toBe(146);
		expect(formatUtcIso(Date.parse('2026-08-03T14:05:22.999Z'))).toBe('2026-08-03T14:05:22Z');
	});
});
