import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { seedDataset, type SeedConversation } from './seed';
import { queryRows, sql } from '../../../src/lib/server/db/sql';
import { computeMetrics, computeSeries } from '../../../src/lib/server/metrics/index';
import { backlogSamplesSql } from '../../../src/lib/server/metrics/backlog';
import { buildFilter } from '../../../src/lib/server/metrics/filters';
import { ageingLevelsBySpan, ageingLevelsByStart, backlogByAge } from '../../../src/lib/server/dashboard/ageing';

// The faster paths of the cold dashboard loads must give the numbers of the general queries they replace.

describe('backlog ageing from per-start counts', () => {
	// a: 09:30 -> 11:10 (open 1 h 40 min: bands 0-1 h, 1-4 h); b: 10:00, still open (every band in turn);
	// c: created the day before at 22:00, closed 03:30 (5.5 h: bands up to 4-24 h). Range: 2026-03-02, hourly.
	const rows = [
		{ id: 'a', created: '2026-03-02 09:30:00', first: '2026-03-02 09:40:00', closed: '2026-03-02 11:10:00', status: 'resolved' as const },
		{ id: 'b', created: '2026-03-02 10:00:00', status: 'open' as const },
		{ id: 'c', created: '2026-03-01 22:00:00', first: '2026-03-01 22:10:00', closed: '2026-03-02 03:30:00', status: 'resolved' as const }
	];
	const query = { dataset: 'ageing', from: '2026-03-02', to: '2026-03-03' };
	const from = new Date('2026-03-02T00:00:00Z');
	const to = new Date('2026-03-03T00:00:00Z');

	it('gives the hand-worked bands at whole hours', async () => {
		const db = await tempDatabase();
		const id = await seedDataset(db, 'ageing', rows);
		const points = await backlogByAge(db.connection, id, query, '1h');
		const at = (hour: string) => points.find((p) => p.t === `2026-03-02T${hour}:00:00.000Z`)!.bands;
		expect(points).toHaveLength(24);
		// 00:00 c is 2 h old (1-4 h); 02:00 c is 4 h old (4-24 h); 04:00 c has closed
		expect(at('00')).toEqual([0, 1, 0, 0, 0]);
		expect(at('02')).toEqual([0, 0, 1, 0, 0]);
		expect(at('04')).toEqual([0, 0, 0, 0, 0]);
		// 10:00 a (30 min) and b (0 min, created at the sample) are both under an hour
		expect(at('10')).toEqual([2, 0, 0, 0, 0]);
		// 11:00 a (1.5 h) and b (1 h) are in 1-4 h; 12:00 a has closed at 11:10; 14:00 b is 4 h old
		expect(at('11')).toEqual([0, 2, 0, 0, 0]);
		expect(at('12')).toEqual([0, 1, 0, 0, 0]);
		expect(at('14')).toEqual([0, 0, 1, 0, 0]);
	});

	it('matches the per-span query on hourly and 15-minute grids', async () => {
		const db = await tempDatabase();
		const id = await seedDataset(db, 'ageing', rows);
		for (const interval of ['1h', '15m'] as const) {
			const fast = await ageingLevelsByStart(db.connection, { datasetId: id, query, interval, from, to });
			const general = await ageingLevelsBySpan(db.connection, { datasetId: id, query, interval, from, to });
			expect(fast).toEqual(general);
			expect(fast.length).toBe(interval === '1h' ? 24 * 5 : 96 * 5);
		}
	});

	it("samples a range that starts off the hour (a half-hour zone's midnight) once per step, and nowhere else", async () => {
		const db = await tempDatabase();
		const id = await seedDataset(db, 'ageing', rows);
		// 18:30 to 18:30: 24 hourly samples at half past. The levels change on the whole hours (each conversation enters and
		// leaves at the bucket start after the event), which must not add points of their own (they did: 32 points); so a
		// sample at half past holds the level of the whole hour before it: 10:30 as 10:00 above (a and b under an hour)
		const points = await backlogByAge(db.connection, id, { dataset: 'ageing', from: '2026-03-01T18:30:00', to: '2026-03-02T18:30:00' }, '1h');
		expect(points).toHaveLength(24);
		expect(points.every((p) => p.t.slice(13) === ':30:00.000Z')).toBe(true);
		expect(points.find((p) => p.t === '2026-03-02T10:30:00.000Z')!.bands).toEqual([2, 0, 0, 0, 0]);
	});
});

describe('arrivals, SLA and first-response percentiles from one scan', () => {
	// chat, 2026-03-02: first responses after 10, 20, 30 and 40 s; 2026-03-03: none; 2026-03-04: one unanswered.
	// p50 of day 1: rank 1.5 -> (20 + 30) / 2 = 25; p90: rank 2.7 -> 30 + 0.7 x 10 = 37.
	const rows: SeedConversation[] = [10, 20, 30, 40].map((s, i) => ({
		id: `f${i}`,
		created: `2026-03-02 10:00:00`,
		first: `2026-03-02 10:00:${s}`,
		closed: '2026-03-02 11:00:00',
		status: 'resolved' as const
	}));
	rows.push({ id: 'u', created: '2026-03-04 09:00:00', status: 'open' });
	const query = { dataset: 'frt', from: '2026-03-02', to: '2026-03-05', by: 'mode' as const, interval: '1d' as const };

	it('gives the hand-worked values and empty days', async () => {
		const db = await tempDatabase();
		await seedDataset(db, 'frt', rows);
		const values = async (metric: string) => (await computeSeries(db.connection, metric, query)).series[0].points.map((p) => p.value);
		expect(await values('arrivals')).toEqual([4, 0, 1]);
		const p50 = await values('frt_p50');
		expect(p50[0]).toBeCloseTo(25, 9);
		expect(p50.slice(1)).toEqual([null, null]);
		expect((await values('frt_p90'))[0]).toBeCloseTo(37, 9);
		// all four answered within chat's 60 s target; day 3's open one is 0 s old at the dataset's end: not eligible
		expect(await values('sla')).toEqual([1, null, null]);
	});

	it('equals quantile_cont of each day', async () => {
		const db = await tempDatabase();
		const id = await seedDataset(db, 'frt', rows);
		const direct = await queryRows<{ p50: number; p90: number }>(
			db.connection,
			`SELECT quantile_cont(frt_s, 0.5) AS p50, quantile_cont(frt_s, 0.9) AS p90 FROM conversation_facts WHERE dataset_id = ? AND created_at < '2026-03-03'`,
			[id]
		);
		expect((await computeSeries(db.connection, 'frt_p50', query)).series[0].points[0].value).toBe(direct[0].p50);
		expect((await computeSeries(db.connection, 'frt_p90', query)).series[0].points[0].value).toBe(direct[0].p90);
	});
});

describe('concurrency from hourly pieces', () => {
	// ana (chat): c1 window [23:00, 01:00) across midnight, c2 [23:30, 00:30). k = 1, 2 for an hour, 1.
	// 2026-03-02: 30 min at 1 + 30 min at 2 -> 1.5, max 2; 2026-03-03: 30 min at 2 + 30 min at 1 -> 1.5, max 2.
	// Whole range: (1800 + 7200 + 1800) / 7200 = 1.5.
	const rows = [
		{
			id: 'c1',
			created: '2026-03-02 22:50:00',
			first: '2026-03-02 23:00:00',
			closed: '2026-03-03 01:00:00',
			agent: 'ana',
			queue: 'q1',
			status: 'resolved' as const
		},
		{
			id: 'c2',
			created: '2026-03-02 23:20:00',
			first: '2026-03-02 23:30:00',
			closed: '2026-03-03 00:30:00',
			agent: 'ana',
			queue: 'q1',
			status: 'resolved' as const
		}
	];

	it('cuts a window at midnight into both days, through the sweep and the stored segments alike', async () => {
		const db = await tempDatabase();
		await seedDataset(db, 'cross', rows);
		const range = { dataset: 'cross', from: '2026-03-02', to: '2026-03-04', by: 'channel' as const };
		const daily = await computeSeries(db.connection, 'concurrency', { ...range, interval: '1d' });
		expect(daily.series[0].points).toEqual([
			{ t: '2026-03-02T00:00:00.000Z', value: 1.5, max: 2 },
			{ t: '2026-03-03T00:00:00.000Z', value: 1.5, max: 2 }
		]);
		// the queue filter selects the same rows but takes the per-request sweep
		const swept = await computeSeries(db.connection, 'concurrency', { ...range, queues: ['q1'], interval: '1d' });
		expect(swept.series).toEqual(daily.series);
		const hourly = await computeSeries(db.connection, 'concurrency', { ...range, queues: ['q1'], interval: '1h' });
		const held = hourly.series[0].points.filter((p) => p.value !== null);
		// 23:00 (1 then 2), 00:00 (2 then 1) -> 1.5 each, max 2
		expect(held).toEqual([
			{ t: '2026-03-02T23:00:00.000Z', value: 1.5, max: 2 },
			{ t: '2026-03-03T00:00:00.000Z', value: 1.5, max: 2 }
		]);
		const [group] = (await computeMetrics(db.connection, { ...range, queues: ['q1'] })).groups;
		expect(group.concurrency_mean).toBe(1.5);
		expect(group.concurrency_max).toBe(2);
	});

	it('looks a roster of more than 2,000 agents up in SQL and gives the same series', async () => {
		const db = await tempDatabase();
		// 2,001 agents, each one 30-minute chat at 10:00 on 2026-03-02: k = 1 everywhere it is held
		const roster: SeedConversation[] = Array.from({ length: 2001 }, (_, i) => ({
			id: `r${i}`,
			created: '2026-03-02 09:55:00',
			first: '2026-03-02 10:00:00',
			closed: '2026-03-02 10:30:00',
			agent: `agent-${i}`,
			queue: 'q1',
			status: 'resolved'
		}));
		await seedDataset(db, 'roster', roster);
		const range = { dataset: 'roster', from: '2026-03-02', to: '2026-03-03', by: 'channel' as const, interval: '1h' as const };
		const whole = await computeSeries(db.connection, 'concurrency', range);
		expect(whole.series[0].points.filter((p) => p.value !== null)).toEqual([{ t: '2026-03-02T10:00:00.000Z', value: 1, max: 1 }]);
		expect(whole.series).toEqual((await computeSeries(db.connection, 'concurrency', { ...range, queues: ['q1'] })).series);
	});

	it('gives the same days from daily pieces on a range longer than 45 days', async () => {
		const db = await tempDatabase();
		// a chat on 2026-01-01 (another queue) makes the data span 2026-01-01..03-03, so the range is not cut to the data's days
		const early = {
			id: 'e1',
			created: '2026-01-01 10:00:00',
			first: '2026-01-01 10:01:00',
			closed: '2026-01-01 10:31:00',
			agent: 'bob',
			queue: 'q2',
			status: 'resolved' as const
		};
		await seedDataset(db, 'cross', [...rows, early]);
		// 2026-01-01..2026-03-04 (62 days) with a filter: one sweep cut at days serves metrics and the daily series
		const range = { dataset: 'cross', from: '2026-01-01', to: '2026-03-04', by: 'channel' as const, queues: ['q1'] };
		const daily = await computeSeries(db.connection, 'concurrency', { ...range, interval: '1d' });
		expect(daily.series[0].points).toHaveLength(62);
		expect(daily.series[0].points.filter((p) => p.value !== null)).toEqual([
			{ t: '2026-03-02T00:00:00.000Z', value: 1.5, max: 2 },
			{ t: '2026-03-03T00:00:00.000Z', value: 1.5, max: 2 }
		]);
		const [group] = (await computeMetrics(db.connection, range)).groups;
		expect([group.concurrency_mean, group.concurrency_max]).toEqual([1.5, 2]);
	});
});

describe('daily backlog samples picked from the hourly ones', () => {
	// backlog at each midnight of 2026-03-02..04 (b2 open forever, b3 ends at created): 00:00 on the 2nd: nothing yet;
	// on the 3rd: b2 (open) and b4 (resolved without an end: ends at its first response 12:10) -> only b2 = 1; same on the 4th.
	const rows = [
		{ id: 'b1', created: '2026-03-02 10:00:00', first: '2026-03-02 10:05:00', closed: '2026-03-02 12:30:00', channel: 'email', status: 'resolved' as const },
		{ id: 'b2', created: '2026-03-02 10:30:00', channel: 'email', status: 'open' as const },
		{ id: 'b3', created: '2026-03-02 11:15:00', channel: 'email', status: 'abandoned' as const },
		{ id: 'b4', created: '2026-03-02 11:50:00', first: '2026-03-02 12:10:00', channel: 'email', status: 'resolved' as const },
		// an SMS on the 4th (filtered out) makes the data span to 2026-03-04, so the range is not cut to the data's days
		{ id: 'b5', created: '2026-03-04 13:00:00', first: '2026-03-04 13:05:00', closed: '2026-03-04 13:30:00', channel: 'sms', status: 'resolved' as const }
	];

	it('equals the daily samples query', async () => {
		const db = await tempDatabase();
		const id = await seedDataset(db, 'backlog', rows);
		const query = { dataset: 'backlog', from: '2026-03-02', to: '2026-03-05', channels: ['email'], by: 'mode' as const };
		const series = await computeSeries(db.connection, 'backlog', { ...query, interval: '1d' });
		expect(series.series[0].points.map((p) => p.value)).toEqual([0, 1, 1]);
		const samples = backlogSamplesSql(buildFilter(id, query), 'mode', 'INTERVAL 1 DAY');
		const direct = await queryRows<{ t: Date; level: number }>(db.connection, sql`SELECT t, level FROM (${samples}) ORDER BY t`);
		expect(series.series[0].points).toEqual(direct.map((r) => ({ t: r.t.toISOString(), value: r.level })));
		// the metrics' hourly mean and peak come from the same samples: 72 hours, b1..b4 open 10:00-13:00 then b2 alone
		const [group] = (await computeMetrics(db.connection, query)).groups;
		expect(group.backlog_peak).toBe(3);
	});
});
