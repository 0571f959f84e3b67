import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText, iso, storedConversations } from '../../helpers/ingest';

const rowsOf = async (db: Awaited<ReturnType<typeof tempDatabase>>, dataset: string) =>
	(await storedConversations(db, dataset)).map((r) => [r.conversation_id, iso(r.created_at)]);

describe('encodings, delimiters, line endings', () => {
	it('UTF-8 with a BOM, CRLF line ends', async () => {
		const db = await tempDatabase();
		const csv = '\ufeffconversation_id,created_at,agent_id\r\nb1,2026-08-03T10:00:00Z,Zoë\r\n';
		const result = await ingestText(db, 'bom.csv', csv);
		expect(result.mapping.conversation_id).toBe('conversation_id');
		const [row] = await storedConversations(db, 'bom');
		expect([row.conversation_id, row.agent_id]).toEqual(['b1', 'Zoë']);
	});

	it('UTF-16 LE with a BOM, tab-delimited', async () => {
		const db = await tempDatabase();
		const text = 'conversation_id\tcreated_at\tagent_id\nu1\t2026-08-03T10:00:00Z\tJosé Núñez\n';
		const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		await ingestText(db, 'utf16.csv', bytes);
		const [row] = await storedConversations(db, 'utf16');
		expect(row.agent_id).toBe('José Núñez');
	});

	it('Windows-1252 with the euro sign and curly quotes, semicolon-delimited', async () => {
		const db = await tempDatabase();
		// 0x80 is € and 0x93/0x94 are curly quotes in Windows-1252 (control codes in Latin-1)
		const bytes = Buffer.concat([
			Buffer.from('conversation_id;created_at;queue;agent_id\nw1;2026-08-03T10:00:00Z;', 'latin1'),
			Buffer.from([0x80, 0x20, 0x93, 0x42, 0x94]),
			Buffer.from(';Ren\xe9\n', 'latin1')
		]);
		await ingestText(db, 'cp1252.csv', bytes);
		const [row] = await storedConversations(db, 'cp1252');
		expect([row.queue, row.agent_id]).toEqual(['€ “B”', 'René']);
	});

	it('pipe-delimited and gzip-compressed', async () => {
		const db = await tempDatabase();
		const text = 'conversation_id|created_at|channel\ng1|2026-08-03T10:00:00Z|sms\ng2|2026-08-03T11:00:00Z|text\n';
		await ingestText(db, 'pipes.csv.gz', gzipSync(text));
		const rows = await storedConversations(db, 'pipes');
		expect(rows.map((r) => r.channel)).toEqual(['sms', 'sms']);
	});
});

describe('timestamps', () => {
	it('ISO with Z, with an offset, without (read in --tz), DD/MM/YYYY, epoch seconds and milliseconds', async () => {
		const db = await tempDatabase();
		const csv = [
			'conversation_id,created_at,first_response_at,closed_at',
			// Berlin is UTC+2 in August: local 12:00 is 10:00Z
			'i1,2026-08-03T10:00:00Z,2026-08-03T12:01:00+02:00,2026-08-03 12:30:00'
		].join('\n');
		await ingestText(db, 'iso.csv', csv, { timezone: 'Europe/Berlin' });
		const [row] = await storedConversations(db, 'iso');
		expect([iso(row.created_at), iso(row.first_response_at), iso(row.closed_at)]).toEqual([
			'2026-08-03T10:00:00Z',
			'2026-08-03T10:01:00Z',
			'2026-08-03T10:30:00Z'
		]);

		// 25/12 can only be day/month; 1785751200 s = 2026-08-03T10:00:00Z
		await ingestText(db, 'dmy.csv', 'conversation_id,created_at\nd1,25/12/2026 09:30\nd2,03/01/2026 18:00:05\n', { timezone: 'UTC' });
		expect(await rowsOf(db, 'dmy')).toEqual([
			['d1', '2026-12-25T09:30:00Z'],
			['d2', '2026-01-03T18:00:05Z']
		]);
		await ingestText(db, 'mdy.csv', 'conversation_id,created_at\nm1,12/25/2026 9:30 PM\nm2,01/03/2026 06:00\n');
		expect(await rowsOf(db, 'mdy')).toEqual([
			['m1', '2026-12-25T21:30:00Z'],
			['m2', '2026-01-03T06:00:00Z']
		]);
		await ingestText(db, 'epoch-s.csv', 'conversation_id,created_at\ne1,1785751200\ne2,1785751200.5\n');
		expect(await rowsOf(db, 'epoch-s')).toEqual([
			['e1', '2026-08-03T10:00:00Z'],
			['e2', '2026-08-03T10:00:00.500Z']
		]);
		await ingestText(db, 'epoch-ms.csv', 'conversation_id,created_at\nms1,1785751200123\n');
		expect(await rowsOf(db, 'epoch-ms')).toEqual([['ms1', '2026-08-03T10:00:00.123Z']]);
	});

	it('local times across DST: the spring gap is rejected, the autumn overlap takes the first occurrence', async () => {
		const db = await tempDatabase();
		const csv = [
			'conversation_id,created_at',
			'a,2026-03-29 01:59:59', // CET (+1): 00:59:59Z
			'b,2026-03-29 02:30:00', // does not exist in Berlin: clocks go 02:00 → 03:00
			'c,2026-03-29 03:00:00', // CEST (+2): 01:00:00Z
			'd,2026-10-25 02:30:00', // happens twice; the first is CEST: 00:30:00Z
			'e,2026-10-25 03:00:00' // CET again: 02:00:00Z
		].join('\n');
		const result = await ingestText(db, 'dst.csv', csv, { timezone: 'Europe/Berlin' });
		expect(result.rejects).toEqual([{ line: 3, reason: 'created_at = 2026-03-29 02:30:00 does not exist in Europe/Berlin (the clocks jumped forward)' }]);
		expect(await rowsOf(db, 'dst')).toEqual([
			['a', '2026-03-29T00:59:59Z'],
			['c', '2026-03-29T01:00:00Z'],
			['d', '2026-10-25T00:30:00Z'],
			['e', '2026-10-25T02:00:00Z']
		]);
	});

	it('reads an offset on every row, even when the sampled rows had none', async () => {
		const db = await tempDatabase();
		// the first 2,100 rows (more than the sniffer samples) have no first response; the last has one with +02:00
		const rows = Array.from({ length: 2100 }, (_, i) => `p${i},2026-08-03 12:00:00,`);
		rows.push('late,2026-08-03 12:00:00,2026-08-03T12:05:00+02:00', 'zulu,2026-08-03 12:00:00,2026-08-03T10:06:00Z');
		await ingestText(db, 'late-offsets.csv', ['conversation_id,created_at,first_response_at', ...rows].join('\n'), { timezone: 'Europe/Berlin' });
		const stored = await storedConversations(db, 'late-offsets');
		const byId = new Map(stored.map((r) => [r.conversation_id, r]));
		// created 12:00 Berlin = 10:00Z; 12:05+02:00 = 10:05Z (not 10:05 Berlin = 08:05Z); 10:06Z stays 10:06Z
		expect([iso(byId.get('late')!.created_at), iso(byId.get('late')!.first_response_at)]).toEqual(['2026-08-03T10:00:00Z', '2026-08-03T10:05:00Z']);
		expect(iso(byId.get('zulu')!.first_response_at)).toBe('2026-08-03T10:06:00Z');
	});

	it('durations after created_at with the unit from the header', async () => {
		const db = await tempDatabase();
		const csv = 'Ticket ID,Opened,First response time (seconds),Resolution time (in hrs)\nt1,2026-08-03T10:00:00Z,90,1.5\n';
		const result = await ingestText(db, 'dur.csv', csv);
		expect(result.mapping).toMatchObject({
			conversation_id: 'Ticket ID',
			created_at: 'Opened',
			first_response_at: 'First response time (seconds)',
			closed_at: 'Resolution time (in hrs)'
		});
		const [row] = await storedConversations(db, 'dur');
		expect([iso(row.first_response_at), iso(row.closed_at)]).toEqual(['2026-08-03T10:01:30Z', '2026-08-03T11:30:00Z']);
	});
});

describe('normalisation', () => {
	it('channel synonyms, status, priority, CSAT scales and labels, sentiment labels, derived status', async () => {
		const db = await tempDatabase();
		const csv = [
			'conversation_id,created_at,first_response_at,closed_at,channel,status,priority,csat,sentiment,bot_resolved',
			'n1,2026-08-03T10:00:00Z,2026-08-03T10:00:10Z,2026-08-03T10:05:00Z,Phone,Solved,Urgent,4,very negative,',
			'n2,2026-08-03T10:00:00Z,,2026-08-03T10:05:00Z,Web Chat,,medium,3,positive,no',
			'n3,2026-08-03T10:00:00Z,,,Twitter,,,,-0.2,',
			'n4,2026-08-03T10:00:00Z,,2026-08-03T10:01:00Z,Apple Messages,,,thumbs up,,yes',
			'n5,2026-08-03T10:00:00Z,,,Mail,hold,,,,',
			'n6,2026-08-03T10:00:00Z,,2026-08-03T10:09:00Z,call,no-answer,,,,'
		].join('\n');
		await ingestText(db, 'norm.csv', csv);
		const rows = await storedConversations(db, 'norm');
		expect(rows.map((r) => [r.channel, r.mode, r.status, r.priority, r.csat_satisfied, r.sentiment, r.bot_resolved, r.bot_involved])).toEqual([
			['voice', 'sync', 'resolved', 'urgent', true, -1, false, false],
			['chat', 'sync', 'abandoned', 'normal', false, 0.5, false, false], // closed, never answered
			['social', 'async', 'open', null, null, -0.2, false, false],
			['messaging', 'async', 'resolved', null, true, null, true, true], // bot_resolved → resolved, bot_involved
			['email', 'async', 'open', null, null, null, false, false],
			['voice', 'sync', 'abandoned', null, null, null, false, false]
		]);
	});

	it('hashes customer ids and never stores message text, subjects or e-mail addresses', async () => {
		const db = await tempDatabase();
		const csv =
			'Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,First response time (in hrs),Resolution time (in hrs),Customer interactions,Agent interactions,Requester email,Contact ID,Satisfaction rating\n' +
			'901,My parcel never arrived,Resolved,High,Portal,Delivery,Ann,Tier 1,2026-08-03 10:00:00,2026-08-03 14:00:00,,0.5,4,2,3,pat@example.com,cust-77,Extremely Happy\n';
		const result = await ingestText(db, 'freshdesk.csv', csv, { timezone: 'UTC' });
		expect(result.preset).toBe('freshdesk');
		const [row] = await storedConversations(db, 'freshdesk');
		// the first 128 bits of the salted SHA-256, stored as a UUID
		expect(String(row.customer_hash)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(String(row.customer_hash)).not.toContain('cust-77');
		expect([row.channel, row.priority, row.status, row.csat_satisfied, row.category, iso(row.first_response_at)]).toEqual([
			'email',
			'high',
			'resolved',
			true,
			'Delivery',
			'2026-08-03T10:30:00Z'
		]);
		const everything = JSON.stringify(await db.connection.runAndReadAll('SELECT * FROM conversations').then((r) => r.getRowObjectsJson()));
		expect(everything).not.toContain('parcel');
		expect(everything).not.toContain('pat@example.com');
	});
});
