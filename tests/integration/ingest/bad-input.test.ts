import { describe, expect, it } from 'vitest';
import { listDatasets } from '../../../src/lib/server/ingest/datasets';
import { queryRows } from '../../../src/lib/server/db/sql';
import { tempDatabase } from '../../helpers/temp';
import { ingestText, iso, storedConversations } from '../../helpers/ingest';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel,agent_id';
const GOOD = `${HEADER}\nc1,2026-08-03T10:00:00Z,2026-08-03T10:01:00Z,2026-08-03T10:10:00Z,voice,a1\nc2,2026-08-03T11:00:00Z,,,email,\n`;

/** Every test first loads a good dataset, so it can check that a refusal leaves it untouched. */
async function withBaseline() {
	const db = await tempDatabase();
	await ingestText(db, 'baseline.csv', GOOD, { dataset: 'baseline' });
	return db;
}

async function expectBaselineIntact(db: Awaited<ReturnType<typeof withBaseline>>) {
	const datasets = await listDatasets(db.connection);
	expect(datasets.map((d) => [d.name, d.conversations])).toEqual([['baseline', 2]]);
}

describe('files that are refused whole, nothing written', () => {
	it('an empty file', async () => {
		const db = await withBaseline();
		await expect(ingestText(db, 'empty.csv', '')).rejects.toThrow('empty.csv is empty; export the data again and upload the CSV file.');
		await expectBaselineIntact(db);
	});

	it('a header with no rows', async () => {
		const db = await withBaseline();
		await expect(ingestText(db, 'header.csv', `${HEADER}\n`)).rejects.toThrow('header.csv has a header but no data rows');
		await expectBaselineIntact(db);
	});

	it('an image renamed .csv', async () => {
		const db = await withBaseline();
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(2000, 7)]);
		await expect(ingestText(db, 'photo.csv', png)).rejects.toThrow(/photo\.csv is not a CSV text file \(it looks like binary data/);
		await expectBaselineIntact(db);
	});

	it('a needed field not mapped: names the field, the headers and the closest candidates', async () => {
		const db = await withBaseline();
		// "ticket" is a synonym of conversation_id; nothing means created_at
		const csv = 'ticket,opened_on,channel\nt1,2026-08-03T10:00:00Z,voice\n';
		await expect(ingestText(db, 'nomap.csv', csv)).rejects.toThrow(
			'No column for created_at was found in nomap.csv (headers: ticket, opened_on, channel); the closest are "opened_on", "ticket", "channel": pass --map created_at="Header".'
		);
		await expectBaselineIntact(db);
	});

	it('a --map naming a header that is not there: the closest are named', async () => {
		const db = await withBaseline();
		await expect(ingestText(db, 'x.csv', GOOD, { map: ['created_at=Created'] })).rejects.toThrow(
			/x\.csv has no column "Created" \(for created_at\); the closest are "created_at"/
		);
		await expectBaselineIntact(db);
	});

	it('no valid row at all', async () => {
		const db = await withBaseline();
		const csv = `${HEADER}\nc1,yesterday,,,voice,a\nc2,,,,voice,a\n`;
		await expect(ingestText(db, 'bad.csv', csv)).rejects.toThrow(
			'None of the 2 rows of bad.csv could be loaded; the first problem, on line 2: created_at = yesterday is not a date and time. Check the mapping and the time zone, then try again.'
		);
		await expectBaselineIntact(db);
	});

	it('an ambiguous day/month column asks for the date order', async () => {
		const db = await withBaseline();
		const csv = `${HEADER}\nc1,03/04/2026 10:00,,,voice,a\nc2,05/06/2026 10:00,,,voice,a\n`;
		await expect(ingestText(db, 'amb.csv', csv)).rejects.toThrow(
			'The dates in column "created_at" could be day/month or month/day (for example 03/04/2026 10:00); choose the date order (day/month or month/day) and import again.'
		);
		// with the order given, the same file loads: 03/04 is 3 April
		const result = await ingestText(db, 'amb.csv', csv, { dateFormat: 'dmy' });
		expect(result.rows_loaded).toBe(2);
		const rows = await storedConversations(db, 'amb');
		expect(iso(rows[0].created_at)).toBe('2026-04-03T10:00:00Z');
	});

	it('a file over the size limit', async () => {
		const db = await withBaseline();
		// 1 MB is the lowest limit the setting takes (bounds.ts); the file is GOOD plus 1.5 MB of padding, so 2 MB rounded up
		await db.connection.run(`INSERT INTO settings VALUES ('max_upload_bytes', '1048576', now()::TIMESTAMP, NULL)`);
		await expect(ingestText(db, 'big.csv', GOOD + ' '.repeat(1.5 * 1024 ** 2))).rejects.toThrow(
			/big\.csv is 2 MB, over the 1 MB limit; split the export or raise the max_upload_bytes setting\./
		);
		await expectBaselineIntact(db);
	});

	it('a dataset name that exists, without --replace', async () => {
		const db = await withBaseline();
		await expect(ingestText(db, 'baseline.csv', GOOD)).rejects.toThrow(
			'A dataset named "baseline" exists already; choose to replace it, or give the new one another name.'
		);
		await expectBaselineIntact(db);
	});
});

describe('rows that are rejected with their line and reason, the rest loaded', () => {
	it('a ragged row, duplicate ids, end before start, response after close', async () => {
		const db = await withBaseline();
		const csv = [
			HEADER,
			'd1,2026-08-03T10:00:00Z,,2026-08-03T10:30:00Z,chat,a1', // line 2: kept
			'd2,2026-08-03T10:00:00Z,,2026-08-03T09:00:00Z,chat,a1', // line 3: closed before created
			'd1,2026-08-04T10:00:00Z,,,chat,a1', // line 4: repeats d1
			'd3,2026-08-03T10:00:00Z,,,chat,a1,extra', // line 5: 7 columns
			'd4,2026-08-03T10:00:00Z,2026-08-03T11:00:00Z,2026-08-03T10:30:00Z,chat,a1', // line 6: response after close
			'd5,2026-08-03T10:00:00Z,2026-08-03T09:59:59.500Z,2026-08-03T10:30:00Z,chat,a1' // line 7: half a second early: clamped, kept
		].join('\n');
		const result = await ingestText(db, 'rows.csv', csv);
		expect([result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual([6, 2, 4]);
		expect(result.rejects).toEqual([
			{ line: 3, reason: 'closed_at = 2026-08-03T09:00:00Z is before created_at = 2026-08-03T10:00:00Z' },
			{ line: 4, reason: 'conversation_id "d1" repeats (the first, on line 2, is kept)' },
			{ line: 5, reason: 'the row has more columns than the header (Expected Number of Columns: 6 Found: 7)' },
			{ line: 6, reason: 'first_response_at = 2026-08-03T11:00:00Z is after closed_at = 2026-08-03T10:30:00Z' }
		]);
		const stored = await storedConversations(db, 'rows');
		expect(stored.map((r) => [r.conversation_id, iso(r.first_response_at)])).toEqual([
			['d1', null],
			['d5', '2026-08-03T10:00:00Z']
		]);
		const raw = await queryRows(db.connection, `SELECT line, raw FROM rejects r JOIN datasets d USING (dataset_id) WHERE d.name = 'rows' ORDER BY line`);
		expect(raw[0]).toEqual({ line: 3, raw: 'd2,2026-08-03T10:00:00Z,,2026-08-03T09:00:00Z,chat,a1' });
		// a column past the header is masked whole: nothing says what it holds
		expect(raw[2]).toEqual({ line: 5, raw: 'd3,2026-08-03T10:00:00Z,,,chat,a1,[masked]' });
		await expect(listDatasets(db.connection).then((d) => d.length)).resolves.toBe(2);
	});

	it('quoted newlines and quotes count as one record; line numbers are records', async () => {
		const db = await tempDatabase();
		const csv = `${HEADER},category\nq1,2026-08-03T10:00:00Z,,,chat,"Smith, ""Jo""","multi\nline"\nq2,not-a-date,,,chat,a,x\n`;
		const result = await ingestText(db, 'quoted.csv', csv);
		expect(result.rows_loaded).toBe(1);
		expect(result.rejects).toEqual([{ line: 3, reason: 'created_at = not-a-date is not a date and time' }]);
		const [row] = await storedConversations(db, 'quoted');
		expect([row.agent_id, row.category]).toEqual(['Smith, "Jo"', 'multi\nline']);
	});

	it('a 1 MB single line is read as one value', async () => {
		const db = await tempDatabase();
		const long = 'x'.repeat(1024 * 1024);
		const result = await ingestText(db, 'long.csv', `${HEADER},category\nl1,2026-08-03T10:00:00Z,,,chat,a,${long}\nl2,2026-08-03T10:00:00Z,,,chat,a,short\n`);
		expect(result.rows_loaded).toBe(2);
		const rows = await queryRows(db.connection, `SELECT length(category) AS n FROM conversations ORDER BY conversation_id`);
		expect(rows.map((r) => r.n)).toEqual([1024 * 1024, 5]);
	});

	it('2,000 columns', async () => {
		const db = await tempDatabase();
		const extra = Array.from({ length: 1994 }, (_, i) => `extra_${i}`);
		const header = [...HEADER.split(','), ...extra].join(',');
		const row = (id: string) => [id, '2026-08-03T10:00:00Z', '', '', 'sms', 'a9', ...extra.map((_, i) => String(i))].join(',');
		const result = await ingestText(db, 'wide.csv', `${header}\n${row('w1')}\n${row('w2')}\n`);
		expect([result.rows_loaded, result.rows_rejected]).toEqual([2, 0]);
		expect(Object.keys(result.mapping)).toEqual(['conversation_id', 'created_at', 'first_response_at', 'closed_at', 'channel', 'agent_id']);
	});
});

describe('values that are kept but flagged', () => {
	it('future dates, an unknown channel, a duration over a year', async () => {
		const db = await tempDatabase();
		const csv = [
			HEADER,
			'f1,2099-01-01T10:00:00Z,,,chat,a', // future
			'f2,2026-08-03T10:00:00Z,,,carrier pigeon,a', // unknown channel → other
			'f3,2024-01-01T10:00:00Z,,2026-01-01T10:00:00Z,email,a' // open for two years
		].join('\n');
		const result = await ingestText(db, 'flags.csv', csv);
		expect(result.rows_loaded).toBe(3);
		expect(result.flags).toEqual({ future_timestamp: 1, unknown_channel: 1, duration_over_365_days: 1 });
		const rows = await storedConversations(db, 'flags');
		expect(rows.map((r) => [r.channel, r.channel_raw, r.mode])).toEqual([
			['chat', 'chat', 'sync'],
			['other', 'carrier pigeon', 'async'],
			['email', 'email', 'async']
		]);
	});
});
