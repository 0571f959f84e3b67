import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { loadFixture } from './fixture';
import { computeCoverage, computeMetrics } from '../../../src/lib/server/metrics/index';
import { queryRows } from '../../../src/lib/server/db/sql';
import { updateSetting } from '../../../src/lib/server/settings/update';
import type { Database } from '../../../src/lib/server/db/database';

async function facts(db: Database, dataset: string) {
	const rows = await queryRows<Record<string, unknown> & { conversation_id: string }>(
		db.connection,
		`SELECT f.* FROM conversation_facts f JOIN datasets d USING (dataset_id) WHERE d.name = ? ORDER BY conversation_id`,
		[dataset]
	);
	return Object.fromEntries(rows.map((r) => [r.conversation_id, r]));
}

describe('concurrency and attributed agent time', () => {
	it('splits overlapping windows by 1/k and never counts a hand-off instant as two', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const f = await facts(db, 'concurrency');
		// ana: c1 [10:00,11:00), c2 [10:30,11:30), c3 [10:45,11:00): k = 1 (10:00-10:30), 2 (-10:45), 3 (-11:00), 1 (-11:30)
		// c1 = 1800/1 + 900/2 + 900/3 = 2550; c2 = 450 + 300 + 1800/1 = 2550; c3 = 900/3 = 300; sum 5400 = busy 10:00-11:30
		expect(f.c1.attributed_agent_s).toBeCloseTo(2550, 6);
		expect(f.c2.attributed_agent_s).toBeCloseTo(2550, 6);
		expect(f.c3.attributed_agent_s).toBeCloseTo(300, 6);
		// ben: c4 [10:00,10:30) then c5 [10:30,11:00): back to back, each alone
		expect(f.c4.attributed_agent_s).toBeCloseTo(1800, 6);
		expect(f.c5.attributed_agent_s).toBeCloseTo(1800, 6);
		// handle_s: the export's 1200 for c5 wins over the attributed 1800
		expect(f.c5.handle_s).toBe(1200);
		// cost c5 = 1200/3600 * 32/0.85 + 0.5 (bot involved) = 12.549019... + 0.5
		expect(f.c5.cost).toBeCloseTo((1200 / 3600) * (32 / 0.85) + 0.5, 9);

		const byChannel = await computeMetrics(db.connection, { dataset: 'concurrency', by: 'channel' });
		const chat = byChannel.groups.find((g) => g.key === 'chat')!;
		const voice = byChannel.groups.find((g) => g.key === 'voice')!;
		// chat: integral k = 3600 + 3600 + 900 = 8100 over busy 5400 s -> 1.5; max 3
		expect(chat.concurrency_mean).toBeCloseTo(1.5, 9);
		expect(chat.concurrency_max).toBe(3);
		expect(voice.concurrency_mean).toBe(1);
		expect(voice.concurrency_max).toBe(1);
		// csat: c1 "5" satisfied, c2 "2" not, c3 unrated -> 1/2
		expect(chat.csat_score).toBe(0.5);
		expect(voice.containment_rate).toBe(0); // c5 bot involved, not bot resolved
		expect(chat.containment_rate).toBeNull(); // no bot involved at all
		expect(chat.repeat_contact_rate).toBeNull(); // no customer ids
	});

	it('restricts k_g to the group: ana alone in an agent filter still overlaps herself', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const onlyC1C2 = await computeMetrics(db.connection, { dataset: 'concurrency', agents: ['ana'], from: '2026-03-02T09:00:00Z', to: '2026-03-02T10:30:00Z' });
		// created before 10:30: c1 (09:50), c2 (10:20); windows [10:00,11:00) and [10:30,11:30): integral 7200 over busy 5400
		expect(onlyC1C2.groups).toHaveLength(1);
		expect(onlyC1C2.groups[0].conversations).toBe(2);
		expect(onlyC1C2.groups[0].concurrency_mean).toBeCloseTo(7200 / 5400, 9);
		expect(onlyC1C2.groups[0].concurrency_max).toBe(2);
	});
});

describe('business hours', () => {
	it('counts open seconds across a weekend, a holiday and a DST change in Europe/Berlin', async () => {
		const db = await tempDatabase();
		await updateSetting(db, 'timezone', 'Europe/Berlin', null);
		await updateSetting(db, 'holidays', ['2026-03-30'], null);
		await loadFixture(db, 'business');
		const f = await facts(db, 'business');
		// fri: Fri 27 Mar 16:00 CET (15:00Z) -> Tue 31 Mar 10:00 CEST (08:00Z): Fri 16-17 = 3600, weekend closed,
		// Mon 30 holiday, Tue 09-10 = 3600 -> 7200; calendar 15:00Z Fri to 08:00Z Tue = 89 h = 320400
		expect(f.fri.frt_business_s).toBe(7200);
		expect(f.fri.frt_s).toBe(320400);
		expect(f.fri.after_hours).toBe(false);
		expect(f.fri.hour_of_week).toBe(4 * 24 + 16);
		// sat: Sat 12:00 CET -> Tue 09:30 CEST: only Tue 09:00-09:30 is open -> 1800; waited for the opening
		expect(f.sat.frt_business_s).toBe(1800);
		expect(f.sat.coverage).toBe('waited_for_opening');
		expect(f.sat.hour_of_week).toBe(5 * 24 + 12);
		// sun: Sun 29 Mar 20:00 CEST (18:00Z), answered 21:00 CEST, before Tuesday's opening
		expect(f.sun.frt_business_s).toBe(0);
		expect(f.sun.coverage).toBe('answered_after_hours');
		expect(f.sun.hour_of_week).toBe(6 * 24 + 20);
		expect(f.tue.coverage).toBe('unanswered');

		const coverage = await computeCoverage(db.connection, { dataset: 'business' });
		expect(coverage.after_hours.conversations).toBe(3);
		expect(coverage.after_hours.waited_for_opening.conversations).toBe(1);
		expect(coverage.after_hours.waited_for_opening.wait_mean_s).toBe(3 * 86400 - 3.5 * 3600); // Sat 11:00Z -> Tue 07:30Z = 3 days - 3.5 h = 246600
		expect(coverage.after_hours.answered_after_hours.wait_mean_s).toBe(3600);
		expect(coverage.after_hours.unanswered.share).toBeCloseTo(1 / 3, 12);
		expect(coverage.in_hours.answered.conversations).toBe(1);
		expect(coverage.after_hours.bot_resolved.wait_mean_s).toBeNull();
	});

	it('recomputes after-hours when business hours change', async () => {
		const db = await tempDatabase();
		await updateSetting(db, 'timezone', 'Europe/Berlin', null);
		await loadFixture(db, 'business');
		// fri in hours; sat, sun (weekend) and tue 20:00 local after hours -> 3/4
		expect((await computeMetrics(db.connection, { dataset: 'business' })).groups[0].after_hours_share).toBe(0.75);
		const allDay: [string, string][] = [['00:00', '24:00']];
		const result = await updateSetting(
			db,
			'business_hours',
			{ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
			null
		);
		expect(result.recomputedDatasets).toBe(1);
		expect((await computeMetrics(db.connection, { dataset: 'business' })).groups[0].after_hours_share).toBe(0);
		// open all week: business FRT = calendar FRT (fri: 320400 across the DST change)
		expect((await facts(db, 'business')).fri.frt_business_s).toBe(320400);
	});
});

describe('responsiveness, SLA, backlog, repeats, containment', () => {
	it('takes percentiles of an even count by linear interpolation', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'percentiles');
		const [g] = (await computeMetrics(db.connection, { dataset: 'percentiles' })).groups;
		// frt 10, 20, 40, 100: p50 = (20 + 40) / 2 = 30; p90 at rank 0.9 * 3 = 2.7: 40 + 0.7 * 60 = 82; mean 42.5
		expect(g.frt_p50_s).toBe(30);
		expect(g.frt_p90_s).toBeCloseTo(82, 9);
		expect(g.frt_mean_s).toBe(42.5);
		// resolution 60, 120, 240, 600: p50 180, p90 240 + 0.7 * 360 = 492
		expect(g.resolution_p50_s).toBe(180);
		expect(g.resolution_p90_s).toBeCloseTo(492, 9);
		expect(g.handle_mean_s).toBeNull(); // no agent, no export handle time
		expect(g.concurrency_mean).toBeNull();
	});

	it('counts abandoned as failures and leaves young unanswered conversations out of the SLA', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'sla');
		const [voice] = (await computeMetrics(db.connection, { dataset: 'sla' })).groups;
		// voice target 20 s. v1 15 s met, v2 20 s met, v3 30 s fail, v4 abandoned fail, v5 open 10 s old (now = 12:01:00) excluded,
		// v6 open 60 s old fail, v7 bot resolved excluded -> 2 / 5
		expect(voice.sla_attainment).toBe(0.4);
		expect(voice.conversations).toBe(7);
		expect(voice.open).toBe(2);
		expect(voice.abandoned).toBe(1);
	});

	it('samples the backlog at whole hours with open, abandoned and resolved conversations without an end', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'backlog');
		// b1 open at 10, 11, 12 (closes 12:30); b2 open forever from 10:30; b3 abandoned, no end: end = created, never counted;
		// b4 resolved without end: end = first response 12:10, counted at 12:00 only.
		// Default range [10:00, 12:00): samples 10 -> 1, 11 -> 2: mean 1.5, peak 2
		const [all] = (await computeMetrics(db.connection, { dataset: 'backlog' })).groups;
		expect(all.backlog_mean).toBe(1.5);
		expect(all.backlog_peak).toBe(2);
		// [10:00, 14:00): 10 -> 1, 11 -> 2, 12 -> 3 (b1, b2, b4), 13 -> 1 (b2): mean 7/4, peak 3
		const [ranged] = (await computeMetrics(db.connection, { dataset: 'backlog', from: '2026-03-02T10:00:00Z', to: '2026-03-02T14:00:00Z' })).groups;
		expect(ranged.backlog_mean).toBe(1.75);
		expect(ranged.backlog_peak).toBe(3);
	});

	it('finds repeats across channels up to the window edge and bot containment', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'repeats');
		const f = await facts(db, 'repeats');
		// r1 closes 1 Mar 11:00; r2 (email) starts exactly 7 days later: inside (created, ref + 7d] -> repeated
		expect(f.r1.repeated).toBe(true);
		// r2 closes 8 Mar 12:00; r3 starts 15 Mar 12:00:01, one second past the window
		expect(f.r2.repeated).toBe(false);
		// r4 is open: ref = created 1 Mar 09:00; r5 at 8 Mar 09:00:01 is past the window
		expect(f.r4.repeated).toBe(false);
		expect(f.k2.repeated).toBe(true);
		expect(f.k1.contained).toBe(true);
		expect(f.k2.contained).toBe(false);
		const byQueue = await computeMetrics(db.connection, { dataset: 'repeats', by: 'queue' });
		const q = Object.fromEntries(byQueue.groups.map((g) => [g.key, g]));
		// q1: customers r1..r5, repeated r1 -> 1/5
		expect(q.q1.repeat_contact_rate).toBe(0.2);
		// bots: contained k1 / bot involved k1, k2, k4 -> 1/3
		expect(q.bots.containment_rate).toBeCloseTo(1 / 3, 12);
		expect(q.humans.containment_rate).toBeNull();
		// bots cost: 3 x 0.5 bot + k4 has no agent, so no handle time -> mean 0.5
		expect(q.bots.cost_per_conversation).toBe(0.5);
	});
});
