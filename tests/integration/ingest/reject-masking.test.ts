import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/lib/server/db/sql';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';

// Customer ID, Subject and Notes are masked whole (customer id, free text); Region is not, but its e-mail and phone are
const CSV = [
	'conversation_id,created_at,closed_at,Customer ID,Subject,Notes,Agent,Region',
	'r1,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,cust-1,Login help,fine,ann,EU',
	// line 3: closed before created
	'r2,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,cust-2,"Refund for order 7, please",mail me at jane.doe@example.com,bob,"EU, reach jane@example.org"',
	// line 4: created_at unreadable
	'r3,not a date,,cust-3,Hi,call me,ann,call +44 20 7946 0958',
	// line 5: one column too many (a broken record, read by DuckDB as its raw text)
	'r4,2026-03-02T11:00:00Z,,cust-4,"Subject, with comma",notes jane@example.com,ann,EU,EXTRA (555) 123-4567',
	''
].join('\n');

describe('reject reports hold no customer data in clear', () => {
	it('masks the customer id, free-text columns and contacts elsewhere in the line when storing, keeping lines and reasons', async () => {
		const db = await tempDatabase();
		const result = await ingestText(db, 'masking.csv', CSV);
		expect([result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual([4, 1, 3]);
		const rejects = await queryRows<{ line: number; reason: string; raw: string }>(db.connection, 'SELECT line, reason, raw FROM rejects ORDER BY line');
		expect(rejects.map((r) => [Number(r.line), r.reason.replace(/ \(.*\)$/, ''), r.raw])).toEqual([
			[
				3,
				'closed_at = 2026-03-02T09:00:00Z is before created_at = 2026-03-02T10:00:00Z',
				'r2,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,[masked],[masked],[masked],bob,"EU, reach [email]"'
			],
			[4, 'created_at = not a date is not a date and time', 'r3,not a date,,[masked],[masked],[masked],ann,call [phone]'],
			// the quoted comma keeps the columns in place; the extra column is masked whole (its meaning is unknown)
			[5, 'the row has more columns than the header', 'r4,2026-03-02T11:00:00Z,,[masked],[masked],[masked],ann,EU,[masked]']
		]);
		const stored = rejects.map((r) => r.raw).join('\n');
		for (const secret of ['cust-', '@example', '7946', '123-4567', 'Refund', 'call me', 'with comma']) expect(stored).not.toContain(secret);
	});

	it('keeps dates, ids and numbers that only look like phone numbers', async () => {
		const db = await tempDatabase();
		const csv =
			'conversation_id,created_at,first_response_at,Order\nk1,2026-03-02 08:00:00,2026-03-02 08:01:00,1\n12345678901,2026-03-02 10:00:00,2026-03-02 09:00:00,2026-03-02 / 4711\n';
		const result = await ingestText(db, 'plain.csv', csv, { timezone: 'UTC' });
		expect(result.rows_rejected).toBe(1);
		const [row] = await queryRows<{ raw: string }>(db.connection, 'SELECT raw FROM rejects');
		expect(row.raw).toBe('12345678901,2026-03-02 10:00:00,2026-03-02 09:00:00,2026-03-02 / 4711');
	});
});
