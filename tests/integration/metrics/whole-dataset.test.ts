import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { loadFixture } from './fixture';
import { computeMetrics, computeSeries } from '../../../src/lib/server/metrics/index';

// concurrency.csv, all on 2026-03-02 (UTC), every row in queue q1:
// chat (ana): c1 [10:00,11:00) created 09:50, c2 [10:30,11:30) created 10:20, c3 [10:45,11:00) created 10:40
// voice (ben): c4 [10:00,10:30) created 09:59, c5 [10:30,11:00) created 10:29
// A range covering the day takes the stored values (concurrency, hourly rollup); `queue=q1` selects the same
// rows but is a filter, so it takes the per-request sweep and scan: both must agree.
describe('a range that covers the whole dataset', () => {
	it('gives the same group numbers from stored values as the per-request sweep', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const range = { dataset: 'concurrency', from: '2026-03-02', to: '2026-03-03', by: 'channel' as const };
		const whole = await computeMetrics(db.connection, range);
		const swept = await computeMetrics(db.connection, { ...range, queues: ['q1'] });
		const chat = whole.groups.find((g) => g.key === 'chat')!;
		const voice = whole.groups.find((g) => g.key === 'voice')!;
		// chat: integral k = 3600 + 3600 + 900 = 8100 over busy 5400 s -> 1.5, max 3
		expect(chat.concurrency_mean).toBeCloseTo(1.5, 9);
		expect(chat.concurrency_max).toBe(3);
		// backlog sampled at the 24 hours of the range: chat open at 10:00 (c1) and 11:00 (c2) -> 2/24, peak 1
		expect(chat.backlog_mean).toBeCloseTo(2 / 24, 12);
		expect(chat.backlog_peak).toBe(1);
		// voice: c4 open at 10:00 only (c5 ends at 11:00 exactly) -> 1/24
		expect(voice.backlog_mean).toBeCloseTo(1 / 24, 12);
		expect(voice.concurrency_max).toBe(1);
		expect(whole.groups).toEqual(swept.groups);
	});

	it('draws the concurrency and backlog series from stored segments and the rollup, as the sweep does', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const query = { dataset: 'concurrency', from: '2026-03-02', to: '2026-03-03', by: 'channel' as const, interval: '1h' as const };
		const concurrency = await computeSeries(db.connection, 'concurrency', query);
		const chat = concurrency.series.find((s) => s.key === 'chat')!;
		const at = (h: string) => chat.points.find((p) => p.t === `2026-03-02T${h}:00:00.000Z`)!;
		// 10:00-11:00: k = 1 for 30 min, 2 for 15, 3 for 15 -> (1800 + 1800 + 2700) / 3600 = 1.75, max 3
		expect(at('10').value).toBeCloseTo(1.75, 12);
		expect(at('10').max).toBe(3);
		// 11:00-11:30: c2 alone -> 1; 09:00 nothing held -> null
		expect(at('11').value).toBe(1);
		expect(at('09').value).toBeNull();
		expect(chat.points).toHaveLength(24);
		const swept = await computeSeries(db.connection, 'concurrency', { ...query, queues: ['q1'] });
		expect(concurrency.series).toEqual(swept.series);

		const backlog = await computeSeries(db.connection, 'backlog', query);
		const chatBacklog = backlog.series.find((s) => s.key === 'chat')!.points;
		expect(chatBacklog.filter((p) => p.value !== 0).map((p) => [p.t.slice(11, 13), p.value])).toEqual([
			['10', 1],
			['11', 1]
		]);
		expect(backlog.series).toEqual((await computeSeries(db.connection, 'backlog', { ...query, queues: ['q1'] })).series);
	});
});
