import { describe, expect, it } from 'vitest';
import { cachedResult, hasResult, invalidateMetricsCache, keepingResults, keepResult } from '../../../src/lib/server/metrics/cache';
import { tempDatabase } from '../../helpers/temp';
import { seedDataset } from './seed';

describe('the result cache', () => {
	it('computes once for callers asking at the same time, and gives each its own copy', async () => {
		const db = await tempDatabase();
		await seedDataset(db, 'cached', [{ id: 'a', created: '2026-08-03 10:00:00', first: '2026-08-03 10:05:00', closed: '2026-08-03 10:20:00', agent: 'ann' }]);
		let computations = 0;
		const compute = async () => {
			computations++;
			await new Promise((resolve) => setTimeout(resolve, 50));
			return { answer: [42] };
		};
		const results = await Promise.all(Array.from({ length: 5 }, () => cachedResult(db.connection, 'test', { dataset: 'cached' }, compute)));
		expect(computations).toBe(1);
		expect(results.map((r) => r.answer[0])).toEqual([42, 42, 42, 42, 42]);
		results[0].answer[0] = 7;
		expect(results[1].answer[0]).toBe(42);
		// asked again later: from the cache, still not recomputed
		expect((await cachedResult(db.connection, 'test', { dataset: 'cached' }, compute)).answer[0]).toBe(42);
		expect(computations).toBe(1);
	});
	it('keeps a result computed for several queries only inside keepingResults, and not after derived values changed', async () => {
		const db = await tempDatabase();
		await seedDataset(db, 'kept', [{ id: 'a', created: '2026-08-03 10:00:00', first: '2026-08-03 10:05:00', closed: '2026-08-03 10:20:00', agent: 'ann' }]);
		const c = db.connection;
		const query = (n: number) => ({ dataset: 'kept', n });
		// outside: nothing kept (no version was fixed before the scan)
		await keepResult(c, 'test', query(1), [1]);
		// a derive rewrote values between the scan and the keep: not kept
		await keepingResults(c, 'kept', async () => {
			invalidateMetricsCache();
			await keepResult(c, 'test', query(2), [2]);
		});
		await keepingResults(c, 'kept', () => keepResult(c, 'test', query(3), [3]));
		expect([await hasResult(c, 'test', query(1)), await hasResult(c, 'test', query(2)), await hasResult(c, 'test', query(3))]).toEqual([false, false, true]);
		expect(await cachedResult(c, 'test', query(3), async () => [0])).toEqual([3]);
	});
});
