import { describe, expect, it } from 'vitest';
import { simulateConversations, simulatePlanWeek, type SimulatedConversation } from '../../../src/lib/planning/simulate/index';
import { ZoneClock } from '../../../src/lib/planning/simulate/zone';

const DAY = 86_400_000;
const all: SimulatedConversation[] = [...simulateConversations({ conversations: 60_000, seed: 11, days: 28, start: '2026-08-03', timezone: 'Europe/Berlin' })];
const zone = new ZoneClock('Europe/Berlin');

describe('simulateConversations (demo shapes)', () => {
	it('hits the asked volume within 2% and numbers conversations uniquely', () => {
		expect(Math.abs(all.length - 60_000) / 60_000).toBeLessThan(0.02);
		expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
	});

	it('is the same for the same seed and differs for another', () => {
		const again = [...simulateConversations({ conversations: 3_000, seed: 5, days: 7 })];
		const same = [...simulateConversations({ conversations: 3_000, seed: 5, days: 7 })];
		const other = [...simulateConversations({ conversations: 3_000, seed: 6, days: 7 })];
		expect(JSON.stringify(same)).toBe(JSON.stringify(again));
		expect(JSON.stringify(other)).not.toBe(JSON.stringify(again));
	});

	it('has abandoned sync contacts, bot resolutions and after-hours demand', () => {
		const abandoned = all.filter((c) => c.status === 'abandoned');
		expect(abandoned.length).toBeGreaterThan(0);
		expect(abandoned.every((c) => c.mode === 'sync' && c.firstResponseMs === null)).toBe(true);
		expect(all.some((c) => c.botResolved && c.agentId === null && c.status === 'resolved')).toBe(true);
		// after hours = outside Mon-Fri 09:00-17:00 local (the default business hours)
		const afterHours = all.filter((c) => {
			const h = zone.hourOfWeek(c.createdMs);
			return h >= 120 || h % 24 < 9 || h % 24 >= 17;
		});
		expect(afterHours.length / all.length).toBeGreaterThan(0.15);
	});

	it('looks like a thinly staffed center after hours, not a broken one (calibration)', () => {
		const isAfterHours = (c: SimulatedConversation) => {
			const h = zone.hourOfWeek(c.createdMs);
			return h >= 120 || h % 24 < 9 || h % 24 >= 17;
		};
		// real centers with Mon-Fri 09-17 hours take about 20-35% of contacts outside them
		const share = all.filter(isAfterHours).length / all.length;
		expect(share).toBeGreaterThan(0.2);
		expect(share).toBeLessThan(0.35);
		const sync = all.filter((c) => c.mode === 'sync');
		const abandonRate = sync.filter((c) => c.status === 'abandoned').length / sync.length;
		expect(abandonRate).toBeGreaterThan(0.02);
		expect(abandonRate).toBeLessThan(0.1);
		// ring / accept time: no live contact is answered in the very instant it reaches an agent
		const answered = sync.filter((c) => c.firstResponseMs !== null && !c.botInvolved);
		expect(answered.every((c) => c.firstResponseMs! > c.createdMs)).toBe(true);
		// async focus per conversation (measured from message gaps) is above a chat's, at most about 1.6x
		const meanHandle = (f: (c: SimulatedConversation) => boolean) => {
			const rows = all.filter((c) => f(c) && c.handleS !== null && c.agentId !== null);
			return rows.reduce((sum, c) => sum + c.handleS!, 0) / rows.length;
		};
		const ratio = meanHandle((c) => c.mode === 'async' && c.channel !== 'email') / meanHandle((c) => c.channel === 'chat');
		expect(ratio).toBeGreaterThan(1.1);
		expect(ratio).toBeLessThan(1.7);
	});

	it('has more volume per weekday than per weekend day', () => {
		const perDay = [0, 0, 0, 0, 0, 0, 0];
		for (const c of all) perDay[Math.floor(zone.hourOfWeek(c.createdMs) / 24)]++;
		const weekday = (perDay[0] + perDay[1] + perDay[2] + perDay[3] + perDay[4]) / 5;
		const weekend = (perDay[5] + perDay[6]) / 2;
		expect(weekday).toBeGreaterThan(1.5 * weekend);
	});

	it('has repeat contacts by the same customer within 7 days of the close (metrics.md), some on another channel', () => {
		const byId = new Map(all.map((c) => [c.id, c]));
		const repeats = all.filter((c) => c.repeatOf !== null && byId.has(c.repeatOf));
		expect(repeats.length / all.length).toBeGreaterThan(0.05);
		expect(
			repeats.every(
				(r) =>
					r.customer === byId.get(r.repeatOf!)!.customer &&
					r.createdMs > byId.get(r.repeatOf!)!.closedMs! &&
					r.createdMs - byId.get(r.repeatOf!)!.closedMs! <= 7 * DAY
			)
		).toBe(true);
		expect(repeats.some((r) => r.channel !== byId.get(r.repeatOf!)!.channel)).toBe(true);
	});

	it('answers async far slower than sync', () => {
		const meanWait = (mode: string) => {
			const answered = all.filter((c) => c.mode === mode && c.firstResponseMs !== null);
			return answered.reduce((s, c) => s + (c.firstResponseMs! - c.createdMs), 0) / answered.length / 1000;
		};
		expect(meanWait('sync')).toBeLessThan(120);
		expect(meanWait('async')).toBeGreaterThan(10 * meanWait('sync'));
	});

	it('has async agents holding more than one conversation at the same instant', () => {
		// sweep +1 at first response, -1 at close, per agent; the peak is the most held at once
		const events = new Map<string, [number, number][]>();
		for (const c of all) {
			if (c.mode !== 'async' || c.agentId === null || c.firstResponseMs === null || c.closedMs === null) continue;
			const list = events.get(c.agentId) ?? (events.set(c.agentId, []), events.get(c.agentId)!);
			list.push([c.firstResponseMs, 1], [c.closedMs, -1]);
		}
		let peak = 0;
		for (const list of events.values()) {
			list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
			let held = 0;
			for (const [, delta] of list) peak = Math.max(peak, (held += delta));
		}
		expect(peak).toBeGreaterThan(1);
	});

	it('gives conversations the categories, priorities and agents the spec names', () => {
		const categories = new Set(all.map((c) => c.category));
		for (const name of ['troubleshooting', 'outage', 'billing', 'order_status', 'account', 'cancellation', 'fraud']) expect(categories.has(name)).toBe(true);
		expect(new Set(all.map((c) => c.priority))).toEqual(new Set(['low', 'normal', 'high', 'urgent']));
		expect(all.filter((c) => c.agentId !== null).every((c) => /^agent-\d{3,}$/.test(c.agentId!))).toBe(true);
		expect(all.every((c) => c.sentiment >= -1 && c.sentiment <= 1)).toBe(true);
		expect(all.filter((c) => c.csat !== null).every((c) => c.csat! >= 1 && c.csat! <= 5)).toBe(true);
	});
});

describe('simulatePlanWeek', () => {
	const start = '2026-11-30T00:00:00Z';
	const flat = (v: number) => Array<number>(336).fill(v);

	it('agrees with Erlang C on a steady queue', () => {
		// Erlang C (planning.md check values): 100 contacts / 30 min, AHT 180 s, 14 agents → SL(20 s) 0.888, ASA 7.8 s.
		// Handle times here are lognormal (less variable than exponential), so the simulation is a little better.
		const s = simulatePlanWeek(
			{ start, interval_min: 30, channels: [{ channel: 'voice', mode: 'sync', arrivals: flat(100), aht_s: 180, sla_s: 20 }], agents: { sync: flat(14) } },
			3,
			2
		);
		expect(s.replications).toBe(2);
		// 2 weeks x 336 x 100 = 67,200 contacts expected (sd 260)
		expect(Math.abs(s.sync.contacts - 67_200)).toBeLessThan(1_000);
		expect(s.sync.service_level).toBeGreaterThan(0.85);
		expect(s.sync.service_level).toBeLessThan(0.95);
		expect(s.sync.mean_wait_s).toBeGreaterThan(3);
		expect(s.sync.mean_wait_s).toBeLessThan(10);
		expect(s.sync.abandoned).toBe(0);
		expect(s.async.contacts).toBe(0);
	});

	it('counts abandons with patience and serves async from the async pool', () => {
		// too few agents (8 for a load of 10 Erlang) with 2-minute patience: many abandon
		const s = simulatePlanWeek(
			{
				start,
				interval_min: 30,
				channels: [
					{ channel: 'voice', mode: 'sync', arrivals: flat(100), aht_s: 180, sla_s: 20, patience_s: 120 },
					{ channel: 'email', mode: 'async', arrivals: flat(20), aht_s: 300, sla_s: 3600, concurrency: 2 }
				],
				agents: { sync: flat(8), async: flat(3) }
			},
			1
		);
		expect(s.sync.abandon_rate).toBeGreaterThan(0.1);
		expect(s.sync.service_level).toBeLessThan(0.6);
		// async load: 20 x 300 x 3/2 / 1800 = 5 slots of 9: everything answered quickly
		expect(s.async.unanswered).toBe(0);
		expect(s.async.service_level).toBeGreaterThan(0.95);
		expect(s.channels.email!.contacts).toBe(s.async.contacts);
	});

	it('leaves contacts unanswered when nobody is scheduled', () => {
		const s = simulatePlanWeek({
			start,
			interval_min: 30,
			channels: [{ channel: 'chat', mode: 'sync', arrivals: flat(2), aht_s: 300, sla_s: 60 }],
			agents: { sync: flat(0) }
		});
		expect(s.sync.answered).toBe(0);
		expect(s.sync.service_level).toBe(0);
		expect(s.sync.unanswered).toBe(s.sync.contacts);
	});
});
