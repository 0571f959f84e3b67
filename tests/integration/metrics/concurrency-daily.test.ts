import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { seedDataset } from './seed';
import { queryRows } from '../../../src/lib/server/db/sql';
import { computeSeries } from '../../../src/lib/server/metrics/index';
import { storeDailyConcurrency } from '../../../src/lib/server/derive/rollups';
import { buildFilter, groupKeySql } from '../../../src/lib/server/metrics/filters';
import { groupConcurrencyOf, sweptGroupConcurrency, sweptPieces } from '../../../src/lib/server/metrics/pieces';
import { floorUsSql } from '../../../src/lib/server/metrics/buckets';
import { agentWorkload } from '../../../src/lib/server/dashboard/agents';

// Agent a1 (chat, queue q1): w1 [03-02 23:00, 03-03 01:00), w2 [03-03 00:30, 00:45).
// Agent a2 (email, queue q1): w3 [03-03 10:00, 12:00).
// Stored daily pieces per agent and UTC day:
//   a1 03-02: k=1 for 3600 s -> weighted 3600 s, held 3600 s, top 1
//   a1 03-03: k=1 1800 s, k=2 900 s, k=1 900 s -> weighted 1800 + 1800 + 900 = 4500 s, held 3600 s, top 2
//   a2 03-03: k=1 for 7200 s -> weighted 7200 s, held 7200 s, top 1
const ROWS = [
	{ id: 'w1', created: '2026-03-02 22:59:00', first: '2026-03-02 23:00:00', closed: '2026-03-03 01:00:00', channel: 'chat', queue: 'q1', agent: 'a1' },
	{ id: 'w2', created: '2026-03-03 00:29:00', first: '2026-03-03 00:30:00', closed: '2026-03-03 00:45:00', channel: 'chat', queue: 'q1', agent: 'a1' },
	{ id: 'w3', created: '2026-03-03 09:00:00', first: '2026-03-03 10:00:00', closed: '2026-03-03 12:00:00', channel: 'email', queue: 'q1', agent: 'a2' }
];
const S = 1_000_000;

async function seeded() {
	const db = await tempDatabase();
	const id = await seedDataset(db, 'daily', ROWS);
	await storeDailyConcurrency(db.connection, id);
	return { db, id };
}

describe('daily concurrency stored at ingest', () => {
	it('holds each agent day as exact integer pieces, a window crossing midnight cut at the edge', async () => {
		const { db, id } = await seeded();
		// stored twice: the second write replaces the first
		await storeDailyConcurrency(db.connection, id);
		const rows = await queryRows<{ agent_id: string; day: Date; weighted: string; held: string; top: number }>(
			db.connection,
			'SELECT agent_id, day, weighted::VARCHAR AS weighted, held::VARCHAR AS held, top FROM concurrency_daily ORDER BY agent_id, day'
		);
		expect(rows.map((r) => [r.agent_id, r.day.toISOString().slice(0, 10), r.weighted, r.held, r.top])).toEqual([
			['a1', '2026-03-02', String(3600 * S), String(3600 * S), 1],
			['a1', '2026-03-03', String(4500 * S), String(3600 * S), 2],
			['a2', '2026-03-03', String(7200 * S), String(7200 * S), 1]
		]);
	});

	it('gives the whole dataset the same daily series as the per-request sweep', async () => {
		const { db } = await seeded();
		const query = { dataset: 'daily', by: 'mode' as const, interval: '1d' as const };
		const stored = await computeSeries(db.connection, 'concurrency', query);
		// the queue filter selects the same conversations but takes the sweep
		const swept = await computeSeries(db.connection, 'concurrency', { ...query, queues: ['q1'] });
		expect(stored.series).toEqual(swept.series);
		// sync (a1): 03-02 -> 3600/3600 = 1, max 1; 03-03 -> 4500/3600 = 1.25, max 2. async (a2): 03-03 -> 1
		const sync = stored.series.find((s) => s.key === 'sync')!.points;
		expect(sync.map((p) => [p.t.slice(0, 10), p.value, p.max])).toEqual([
			['2026-03-02', 1, 1],
			['2026-03-03', 1.25, 2]
		]);
		expect(stored.series.find((s) => s.key === 'async')!.points.map((p) => [p.t.slice(0, 10), p.value, p.max])).toEqual([['2026-03-03', 1, 1]]);
	});

	it('answers the agents table over whole days as the clipped segments do', async () => {
		const { db, id } = await seeded();
		const query = { dataset: 'daily', from: '2026-03-03', to: '2026-03-04' };
		const daily = await agentWorkload(db.connection, id, query);
		await db.connection.run('DELETE FROM concurrency_daily');
		const segments = await agentWorkload(db.connection, id, query);
		expect(daily).toEqual(segments);
		// a1 on 03-03 (w2 created then; w1 the day before, so one conversation): 4500 / 3600 = 1.25, max 2, busy 1 h
		const a1 = daily.find((a) => a.agent === 'a1')!;
		expect([a1.conversations, a1.modes, a1.concurrency_mean, a1.concurrency_max, a1.busy_hours]).toEqual([1, 'sync', 1.25, 2, 1]);
		expect(daily.find((a) => a.agent === 'a2')!.busy_hours).toBe(2);
	});
});

describe('group concurrency straight from the sweep', () => {
	it('equals the sums of the hourly pieces', async () => {
		const { db, id } = await seeded();
		const query = { dataset: 'daily', from: '2026-03-02', to: '2026-03-04' };
		const filter = buildFilter(id, query);
		const direct = await sweptGroupConcurrency(db.connection, query, filter, groupKeySql('mode'));
		const fromPieces = groupConcurrencyOf(await sweptPieces(db.connection, query, filter, groupKeySql('mode'), '1h'));
		expect(direct).toEqual(fromPieces);
		// sync: weighted 3600 + 4500 = 8100 s over 7200 s held -> 1.125, max 2
		expect(direct.find((g) => g.key === 'sync')).toEqual({ key: 'sync', concurrency_mean: 1.125, concurrency_max: 2 });
	});
});

describe('bucket floors on epoch microseconds', () => {
	it('floor to the step before and after 1970', async () => {
		const db = await tempDatabase();
		const hour = 3_600_000_000;
		const floor = async (v: number) => (await queryRows<{ f: number }>(db.connection, `SELECT ${floorUsSql('?::BIGINT', hour)} AS f`, [v]))[0].f;
		expect(await floor(0)).toBe(0);
		expect(await floor(hour - 1)).toBe(0);
		expect(await floor(hour)).toBe(hour);
		// one microsecond before the epoch floors to the hour before, not toward zero
		expect(await floor(-1)).toBe(-hour);
		expect(await floor(-hour)).toBe(-hour);
		expect(await floor(-hour - 1)).toBe(-2 * hour);
		// 1650-06-15 10:30 UTC floors to 10:00 and to its own midnight (a smaller offset once put it on 06-16);
		// past 2^53 microseconds, so compared as text
		const us = (ms: number) => String(BigInt(ms) * 1000n);
		const floorText = async (v: string, step: number) =>
			(await queryRows<{ f: string }>(db.connection, `SELECT ${floorUsSql('?::BIGINT', step)}::VARCHAR AS f`, [v]))[0].f;
		const at1650 = us(Date.UTC(1650, 5, 15, 10, 30));
		expect(await floorText(at1650, hour)).toBe(us(Date.UTC(1650, 5, 15, 10)));
		expect(await floorText(at1650, 24 * hour)).toBe(us(Date.UTC(1650, 5, 15)));
	});
});
