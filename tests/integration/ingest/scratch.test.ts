import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workFolder } from '../../../src/lib/server/db/database';
import { openDatabase } from '../../../src/lib/server/open';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { tempDir } from '../../helpers/temp';

// Six data lines (file lines 2-7): line 4 repeats c1 (rejected, the first is kept), line 5 has no created_at (rejected),
// line 6 is a ragged record DuckDB cannot read (rejected with its line); c3 and c4 are kept.
const CSV = [
	'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,customer_id',
	'c1,2026-03-02T10:00:00Z,2026-03-02T10:01:00Z,2026-03-02T10:20:00Z,resolved,chat,ana,u1',
	'c2,2026-03-02T10:05:00Z,2026-03-02T10:06:00Z,2026-03-02T10:30:00Z,resolved,chat,ana,u2',
	'c1,2026-03-02T11:00:00Z,,,open,chat,,u1',
	'c3,,2026-03-02T11:01:00Z,,open,email,ben,u3',
	'c4,2026-03-02T12:00:00Z,2026-03-02T12:10:00Z',
	'c5,2026-03-02T13:00:00Z,2026-03-02T13:30:00Z,2026-03-02T14:00:00Z,resolved,email,ben,u1'
].join('\n');

// customer hashes are salted per install, so two databases hash u1 differently
const CONVERSATIONS = `SELECT * EXCLUDE (dataset_id, customer_hash), customer_hash = first(customer_hash) OVER (ORDER BY conversation_id) AS as_first_customer FROM conversations ORDER BY conversation_id`;
const REJECTS = 'SELECT line, reason FROM rejects ORDER BY line';

// A message log (data.md sessionization): t1 is one whatsapp conversation answered by a1 after 20 min, who has the last
// word (resolved); t2 an email still waiting for its first reply (the customer has the last word: open); line 5 has no
// timestamp (rejected).
const MESSAGES = [
	'thread_id,ts,role,agent_id,channel,customer_id',
	't1,2026-08-03T10:00:00Z,customer,,whatsapp,u1',
	't1,2026-08-03T10:20:00Z,agent,a1,whatsapp,u1',
	't2,2026-08-03T11:00:00Z,customer,,email,u2',
	't2,,agent,a2,email,u2'
].join('\n');

/** Imports `csv` into a fresh database, as a large file (staged in a scratch database) or not; returns what it stored. */
async function importAs(large: boolean, csv = CSV) {
	const folder = tempDir('scratch-');
	const file = join(folder, 'small.csv');
	writeFileSync(file, csv + '\n');
	if (large) process.env.CHANNEL_MIX_LARGE_FILE_BYTES = '0';
	const db = await openDatabase(join(folder, 'cm.duckdb'));
	try {
		const result = await ingestFile(db, file, { dataset: 'x' });
		return {
			result,
			conversations: await queryRows(db.connection, CONVERSATIONS),
			rejects: await queryRows<{ line: number; reason: string }>(db.connection, REJECTS),
			leftovers: readdirSync(workFolder(db)).filter((n) => n.includes('.import-')),
			attached: await queryRows<{ name: string }>(db.connection, "SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE 'cm_scratch%'")
		};
	} finally {
		delete process.env.CHANNEL_MIX_LARGE_FILE_BYTES;
		db.close();
	}
}

describe('a large file staged in a scratch database', () => {
	afterEach(() => {
		delete process.env.CHANNEL_MIX_LARGE_FILE_BYTES;
	});

	it('stores the same conversations and rejects as the temp-table path, and leaves no scratch file', async () => {
		const small = await importAs(false);
		const large = await importAs(true);
		expect(large.result.rows_read).toBe(6);
		expect(large.result.rows_loaded).toBe(3);
		expect(large.rejects.map((r) => r.line)).toEqual([4, 5, 6]);
		expect(large.conversations.map((c) => [c.conversation_id, c.source_line])).toEqual([
			['c1', 2],
			['c2', 3],
			['c5', 7]
		]);
		// c1 and c5 share customer u1: c5 comes 2 h 40 min after c1 closed, inside the 7-day repeat window
		expect(large.conversations.map((c) => c.repeated)).toEqual([true, false, false]);
		expect(large.conversations.map((c) => c.as_first_customer)).toEqual([true, false, true]);
		expect(large.conversations).toEqual(small.conversations);
		expect(large.rejects).toEqual(small.rejects);
		expect(large.leftovers).toEqual([]);
		expect(large.attached).toEqual([]);
	});

	it('sessionizes a message log as the temp-table path does', async () => {
		const small = await importAs(false, MESSAGES);
		const large = await importAs(true, MESSAGES);
		expect(large.result.kind).toBe('messages');
		expect(large.rejects.map((r) => r.line)).toEqual([5]);
		expect(large.conversations.map((c) => [c.conversation_id, c.status, c.agent_id, c.frt_business_s === null ? null : 'set'])).toEqual([
			['t1#1', 'resolved', 'a1', 'set'],
			['t2#1', 'open', null, null]
		]);
		expect(large.conversations).toEqual(small.conversations);
		expect(large.leftovers).toEqual([]);
	});

	it('is removed when the database opens after an import was killed', async () => {
		const folder = tempDir('scratch-left-');
		const db = await openDatabase(join(folder, 'cm.duckdb'));
		const work = workFolder(db);
		db.close();
		const left = join(work, 'cm.duckdb.import-0123456789ab.duckdb');
		writeFileSync(left, 'left by a killed import');
		writeFileSync(left + '.wal', '');
		// the work folder may be shared: another database's scratch file (its import may be running) and the user's own files stay
		const others = ['other.duckdb.import-0123456789ab.duckdb', 'import-2025-q3.duckdb', 'cm.duckdb.import-notes.txt'].map((n) => join(work, n));
		for (const other of others) writeFileSync(other, 'not ours to delete');
		(await openDatabase(join(folder, 'cm.duckdb'))).close();
		expect(existsSync(left)).toBe(false);
		expect(existsSync(left + '.wal')).toBe(false);
		expect(others.map((o) => existsSync(o))).toEqual([true, true, true]);
	});
});
