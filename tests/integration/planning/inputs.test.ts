import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { readSettings, writeSetting } from '../../../src/lib/server/settings/store';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';
import { planForDataset } from '../../../src/lib/server/planning/run';

const FIXTURE = join(import.meta.dirname, '../../fixtures/planning/two-weeks.csv');

describe('plan inputs from the database', () => {
	it('counts arrivals per channel, full local week and interval of the week', async () => {
		const db = await tempDatabase();
		await ingestFile(db, FIXTURE, { dataset: 'two', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'two', weeksHistory: 4, horizonDays: 7, intervalMin: 30 });
		// first row Sunday 11-01 (partial week, dropped); full weeks start Mon 11-02 and 11-09; 11-16 is partial
		expect(inputs.weeksAvailable).toBe(2);
		expect(inputs.horizon[0]).toEqual({ start: '2026-11-23T00:00:00Z', slot: 0 });
		expect(inputs.horizon).toHaveLength(336);
		const chat = inputs.channels.find((c) => c.channel === 'chat')!;
		expect(chat.mode).toBe('sync');
		// week 0: Monday 09:10 and 09:20 -> slot 18 (09:00-09:30) twice; week 1: Monday 09:40 -> slot 19, Tuesday 10:00 -> 48 + 20 = 68
		expect(chat.history.arrivals[0][18]).toBe(2);
		expect(chat.history.arrivals[1][19]).toBe(1);
		expect(chat.history.arrivals[1][68]).toBe(1);
		expect(chat.history.arrivals.flat().reduce((a, b) => a + b, 0)).toBe(4);
		expect(chat.history.handleSeconds[0][18]).toBe(800); // 300 + 500
		expect(chat.history.handled[0][18]).toBe(2);
		// the simulation check's handle-time sample: chat's measured handle_s in the window (c1 300, c2 500, c3 400, c4 600)
		expect([...chat.handleSamplesS!].sort((a, b) => a - b)).toEqual([300, 400, 500, 600]);
		expect(inputs.leadWeeks).toBe(1);
		// pinned to sync: c1 urgent, c2 category outage, c3 sentiment -0.8; c4 not -> 3 of 4
		expect(chat.syncPinnedShare).toBeCloseTo(0.75, 12);
		// patience = total waiting / abandons = (120 s of v1 abandoning + 30 s of v2 waiting) / 1 = 150 s
		const voice = inputs.channels.find((c) => c.channel === 'voice')!;
		expect(voice.patienceS).toBeCloseTo(150, 9);
		// email held from first reply 12:00 to close next day 08:00 = 20 h
		const email = inputs.channels.find((c) => c.channel === 'email')!;
		expect(email.mode).toBe('async');
		expect(email.openS).toBeCloseTo(72000, 6);
		// one bot conversation (c2) in two weeks
		expect(inputs.botConversationsPerWeek).toBeCloseTo(0.5, 12);
		expect(inputs.businessOpen[18]).toBe(true);
		expect(inputs.businessOpen[17]).toBe(false);
		expect(inputs.businessOpen[5 * 48 + 20]).toBe(false);
	});

	it('shifts intervals to the local time zone and builds a plan', async () => {
		const db = await tempDatabase();
		await writeSetting(db.connection, 'timezone', 'Europe/Berlin');
		await ingestFile(db, FIXTURE, { dataset: 'two', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'two', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
		const chat = inputs.channels.find((c) => c.channel === 'chat')!;
		// 09:10Z is 10:10 in Berlin (CET, +1): slot 20
		expect(chat.history.arrivals[0][20]).toBe(2);
		// the planned Monday 00:00 Berlin is Sunday 23:00 UTC
		expect(inputs.horizon[0].start).toBe('2026-11-22T23:00:00Z');
		expect(inputs.horizon).toHaveLength(48);
		const { plan } = await planForDataset(db.connection, { dataset: 'two', horizonDays: 1 });
		expect(plan.timezone).toBe('Europe/Berlin');
		expect(plan.weeks_history).toBe(2);
		// chat averaged over 2 weeks: slot 20 of Monday = 2 / 2 = 1 conversation
		const row = plan.intervals.find((r) => r.channel === 'chat' && r.start === '2026-11-23T09:00:00Z')!;
		expect(row.forecast).toBe(1);
		expect(row.agents).toBeGreaterThanOrEqual(1);
		expect(plan.mix.frontier).toHaveLength(11);
	});
});
