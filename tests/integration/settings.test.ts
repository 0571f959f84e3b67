import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../helpers/temp';
import { readSettings, writeSetting } from '../../src/lib/server/settings/store';
import { updateSettings } from '../../src/lib/server/settings/update';

describe('settings store', () => {
	it('returns the defaults of metrics.md on a new database', async () => {
		const db = await tempDatabase();
		const settings = await readSettings(db.connection);
		expect(settings.timezone).toBe('UTC');
		expect(settings.sla.email).toEqual({ frt_s: 86400, target: 0.9, clock: 'business' });
		expect(settings.close_after_s.email).toBe(345600);
	});

	it('stores a valid value and refuses an invalid one with a sentence naming it', async () => {
		const db = await tempDatabase();
		await writeSetting(db.connection, 'timezone', 'Europe/Berlin');
		await expect(writeSetting(db.connection, 'timezone', 'Mars/Olympus')).rejects.toThrow(/"Mars\/Olympus" is not an IANA time zone/);
		await expect(writeSetting(db.connection, 'colour', 'red')).rejects.toThrow(/no setting "colour"/);
		expect((await readSettings(db.connection)).timezone).toBe('Europe/Berlin');
	});

	it('merges a partial object over the defaults', async () => {
		const db = await tempDatabase();
		await writeSetting(db.connection, 'costs', { hourly: { sync: 40, async: 30 }, occupancy: { sync: 0.8, async: 0.9 } });
		const { costs } = await readSettings(db.connection);
		expect(costs.bot_per_conversation).toBe(0.5);
		expect(costs.hourly.sync).toBe(40);
	});

	it('saves several settings whole or not at all', async () => {
		const db = await tempDatabase();
		const saved = await updateSettings(db, { timezone: 'Europe/Berlin', holidays: ['2026-12-25'] }, 'ann');
		expect(saved).toEqual({ values: { timezone: 'Europe/Berlin', holidays: ['2026-12-25'] }, recomputedDatasets: 0 });
		await expect(updateSettings(db, { timezone: 'Asia/Tokyo', holidays: ['not a date'] }, 'ann')).rejects.toThrow(/Give holidays as a list of local dates/);
		const after = await readSettings(db.connection);
		expect([after.timezone, after.holidays]).toEqual(['Europe/Berlin', ['2026-12-25']]);
	});
});
