import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { findLongRows } from '../../../src/lib/server/ingest/longRows';
import { tempDatabase, tempDir } from '../../helpers/temp';

const MB = 1024 ** 2;

/** Four data rows; line 4 (the header is line 1) carries a note of `noteBytes`, quoted when it holds newlines. */
function fileWithLongRow(noteBytes: number, withNewlines: boolean): string {
	const note = withNewlines ? `"${'call back later\n'.repeat(Math.ceil(noteBytes / 16))}"` : 'z'.repeat(noteBytes);
	const path = join(tempDir(), 'long.csv');
	writeFileSync(
		path,
		[
			'conversation_id,created_at,closed_at,note',
			'r1,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,short',
			'r2,2026-03-02T10:00:00Z,2026-03-02T10:10:00Z,"quoted, with a comma"',
			`r3,2026-03-02T11:00:00Z,2026-03-02T11:10:00Z,${note}`,
			'r4,2026-03-02T12:00:00Z,2026-03-02T12:10:00Z,last',
			''
		].join('\n')
	);
	return path;
}

const kept = async (db: Awaited<ReturnType<typeof tempDatabase>>) =>
	(
		await queryRows<{ conversation_id: string; source_line: number }>(
			db.connection,
			'SELECT conversation_id, source_line FROM conversations ORDER BY conversation_id'
		)
	).map((r) => [r.conversation_id, Number(r.source_line)]);

describe('rows longer than a row may be', () => {
	it('a 100 MB field: every row is read, the long one rejected with its line and reason, the rows after it keep their lines', async () => {
		const db = await tempDatabase();
		const result = await ingestFile(db, fileWithLongRow(100 * MB, false), { dataset: 'long' });
		// 4 data rows: r1, r2, r4 loaded; r3 (line 4) rejected
		expect([result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual([4, 3, 1]);
		expect(result.rejects).toEqual([{ line: 4, reason: 'the row is longer than the 32 MB a row may have' }]);
		expect(await kept(db)).toEqual([
			['r1', 2],
			['r2', 3],
			['r4', 5]
		]);
		const stored = await queryRows<{ line: number; reason: string }>(db.connection, 'SELECT line, reason FROM rejects');
		expect(stored.map((r) => [Number(r.line), r.reason])).toEqual([[4, 'the row is longer than the 32 MB a row may have']]);
	}, 120_000);

	it('a 40 MB quoted field of short lines is one long record, rejected once', async () => {
		const db = await tempDatabase();
		const result = await ingestFile(db, fileWithLongRow(40 * MB, true), { dataset: 'long' });
		expect([result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual([4, 3, 1]);
		expect(result.rejects).toEqual([{ line: 4, reason: 'the row is longer than the 32 MB a row may have' }]);
		expect(await kept(db)).toEqual([
			['r1', 2],
			['r2', 3],
			['r4', 5]
		]);
	}, 120_000);

	it('findLongRows counts records, not physical lines, across quotes and chunk ends', async () => {
		const path = join(tempDir(), 'rows.csv');
		// line 2: 30 bytes; line 3: a quoted field with newlines, 3 MB; line 4: 2 MB unquoted; line 5 (no final newline): 1.5 MB
		writeFileSync(path, `a,b\n${'x'.repeat(30)}\n"${'q\n""'.repeat(0.75 * MB)}",1\n${'y'.repeat(2 * MB)}\n${'w'.repeat(1.5 * MB)}`);
		expect(await findLongRows(path, MB)).toEqual([3, 4, 5]);
		expect(await findLongRows(path, 2.5 * MB)).toEqual([3]);
	});
});
