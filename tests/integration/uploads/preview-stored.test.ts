import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { writeFixture } from '../../helpers/ingest';
import { sniffFile } from '../../../src/lib/server/ingest/sniff';
import { resolveMapping } from '../../../src/lib/server/ingest/mapping';
import { storedPreview } from '../../../src/lib/server/uploads/previewStored';

async function preview(csv: string, choices: { timezone?: string; dateFormat?: 'dmy' | 'mdy' } = {}) {
	const db = await tempDatabase();
	const path = writeFixture('export.csv', csv);
	const sniffed = await sniffFile(path, 'export.csv');
	return storedPreview(db, sniffed, resolveMapping(sniffed.headers, 'auto', {}, 'export.csv'), choices, 8);
}

describe('the import preview, as the rows will be stored', () => {
	it('normalises channel and mode, reads local times in the chosen zone, and counts per column the rows that will fail', async () => {
		// Berlin is UTC+1 on 2 Mar 2026: 10:00 local = 09:00 UTC; "Phone" is voice (sync), "WhatsApp" whatsapp (async),
		// "Carrier pigeon" unknown (kept as other, flagged). Row t3's close "yesterday" is not a time: 1 failure for Closed.
		const stored = await preview(
			[
				'Ticket ID,Created,Closed,Via',
				't1,02/03/2026 10:00,02/03/2026 10:30,Phone',
				't2,02/03/2026 11:00,03/03/2026 09:00,WhatsApp',
				't3,02/03/2026 12:00,yesterday,Carrier pigeon',
				''
			].join('\n'),
			{ timezone: 'Europe/Berlin', dateFormat: 'dmy' }
		);
		expect(stored.problem).toBeNull();
		expect(stored.checked).toBe(3);
		const column = (field: string) => stored.rows.map((r) => r.values[stored.fields.indexOf(field)]);
		expect(column('created_at')).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z']);
		expect(column('closed_at')).toEqual(['2026-03-02T09:30:00.000Z', '2026-03-03T08:00:00.000Z', null]);
		expect(column('channel')).toEqual(['voice', 'whatsapp', 'other']);
		expect(column('mode')).toEqual(['sync', 'async', 'async']);
		// no first reply and closed: abandoned (data.md "status when absent")
		expect(column('status')[0]).toBe('abandoned');
		expect(stored.failures).toEqual({ closed_at: 1 });
		expect(stored.rows[2].reason).toBe('Closed = yesterday is not a date and time');
		expect(stored.unknownChannels).toBe(1);
	});

	it('stops a file whose start times all fail with one sentence naming the column', async () => {
		const stored = await preview(['conversation_id,created_at,channel', 'a,soon,chat', 'b,later,chat', ''].join('\n'));
		expect(stored.failures).toEqual({ created_at: 2 });
		expect(stored.problem).toBe(
			'None of the first 2 rows has a time the importer can read in "created_at" (created_at = soon is not a date and time); choose the column that holds when each conversation started, or the date format.'
		);
	});
});
