import { describe, expect, it, vi } from 'vitest';
import { DuckDBConnection } from '@duckdb/node-api';
import { tempDatabase } from '../../helpers/temp';
import { seedDataset } from './seed';
import { computeMetrics, computeSeries, invalidateMetricsCache, prepareAdjacentPeriods } from '../../../src/lib/server/metrics/index';

// Earlier period 2026-03-01, later period 2026-03-02 (UTC); a1 and a3 chat (sync), a2 email (async).
//   p: created 10:00, first 10:05, closed 10:35 (a1)     q: created 10:10, first 10:20, closed 10:50 (a1)
//   r: 03-02 created 09:00, first 09:01, closed 09:31 (a1)
//   s: 03-02 email created 12:00, first 13:00, closed 15:00 (a2)
//   t: 03-02 chat created 20:00, still open, never answered
//   u: 03-01 chat created 23:50, first 23:55, closed 03-02 00:20 (a3): its window runs into the later period
// Earlier, sync: frt of p, q, u = 300, 600, 300 -> p50 300. a1 holds k=1 10:05-10:20, 2 to 10:35, 1 to 10:50:
// weighted 900 + 1800 + 900 = 3600 s; a3 holds 1 for 1500 s -> (3600 + 1500) / (2700 + 1500) = 5100 / 4200, max 2.
// Backlog at whole hours of 03-01: p open at 10:00 only (q is created and closed between 10:00 and 11:00, u after 23:00)
// -> mean 1/24, peak 1.
const ROWS = [
	{ id: 'p', created: '2026-03-01 10:00:00', first: '2026-03-01 10:05:00', closed: '2026-03-01 10:35:00', channel: 'chat', agent: 'a1' },
	{ id: 'q', created: '2026-03-01 10:10:00', first: '2026-03-01 10:20:00', closed: '2026-03-01 10:50:00', channel: 'chat', agent: 'a1' },
	{ id: 'r', created: '2026-03-02 09:00:00', first: '2026-03-02 09:01:00', closed: '2026-03-02 09:31:00', channel: 'chat', agent: 'a1' },
	{ id: 's', created: '2026-03-02 12:00:00', first: '2026-03-02 13:00:00', closed: '2026-03-02 15:00:00', channel: 'email', agent: 'a2' },
	{ id: 't', created: '2026-03-02 20:00:00', channel: 'chat' },
	{ id: 'u', created: '2026-03-01 23:50:00', first: '2026-03-01 23:55:00', closed: '2026-03-02 00:20:00', channel: 'chat', agent: 'a3' },
	// one conversation a day before, so neither period covers the whole dataset
	{ id: 'v', created: '2026-02-28 12:00:00', first: '2026-02-28 12:01:00', closed: '2026-02-28 12:30:00', channel: 'chat', agent: 'a1' }
];

describe('two adjacent periods computed together', () => {
	it('give the same metrics and series as each period on its own', async () => {
		const db = await tempDatabase();
		await seedDataset(db, 'periods', ROWS);
		const earlier = { dataset: 'periods', from: '2026-03-01', to: '2026-03-02', by: 'mode' as const };
		const later = { dataset: 'periods', from: '2026-03-02', to: '2026-03-03', by: 'mode' as const };
		const series = (q: typeof later) => Promise.all(['backlog', 'concurrency'].map((m) => computeSeries(db.connection, m, { ...q, interval: '1h' })));

		invalidateMetricsCache();
		const statements = vi.spyOn(DuckDBConnection.prototype, 'runAndReadAll');
		const ran = () => statements.mock.calls.map(([sql]) => sql);
		await prepareAdjacentPeriods(db.connection, earlier, later);
		// summaries, backlog samples and both sweeps: three statements over both periods
		expect(ran().filter((sql) => sql.includes('AS period')).length).toBe(3);
		statements.mockClear();
		const paired = [await computeMetrics(db.connection, earlier, { withSeries: false }), await computeMetrics(db.connection, later), await series(later)];
		// nothing of the two periods is scanned or swept again
		expect(ran().filter((sql) => sql.includes('quantile_cont') || sql.includes('windows AS') || sql.includes('backlog_end_at'))).toEqual([]);
		statements.mockRestore();

		invalidateMetricsCache();
		const alone = [await computeMetrics(db.connection, earlier, { withSeries: false }), await computeMetrics(db.connection, later), await series(later)];
		expect(paired).toEqual(alone);

		const sync = paired[0] as Awaited<ReturnType<typeof computeMetrics>>;
		const earlierSync = sync.groups.find((g) => g.key === 'sync')!;
		expect(earlierSync.conversations).toBe(3);
		expect(earlierSync.frt_p50_s).toBe(300);
		expect(earlierSync.concurrency_mean).toBeCloseTo(5100 / 4200, 12);
		expect(earlierSync.concurrency_max).toBe(2);
		expect(earlierSync.backlog_mean).toBeCloseTo(1 / 24, 12);
		expect(earlierSync.backlog_peak).toBe(1);
		// later: sync r and t, async s
		const laterGroups = (paired[1] as Awaited<ReturnType<typeof computeMetrics>>).groups;
		expect(laterGroups.map((g) => [g.key, g.conversations])).toEqual([
			['async', 1],
			['sync', 2]
		]);
	});

	it('leaves periods that are not adjacent to the usual path', async () => {
		const db = await tempDatabase();
		await seedDataset(db, 'gap', ROWS);
		invalidateMetricsCache();
		const earlier = { dataset: 'gap', from: '2026-02-28', to: '2026-03-01', by: 'mode' as const };
		const later = { dataset: 'gap', from: '2026-03-02', to: '2026-03-03', by: 'mode' as const };
		await prepareAdjacentPeriods(db.connection, earlier, later);
		const afterGap = await computeMetrics(db.connection, later);
		invalidateMetricsCache();
		expect(afterGap).toEqual(await computeMetrics(db.connection, later));
		expect(afterGap.groups.find((g) => g.key === 'sync')!.conversations).toBe(2);
	});
});
