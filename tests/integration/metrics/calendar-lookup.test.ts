import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestText } from '../../helpers/ingest';
import { tempDatabase } from '../../helpers/temp';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel,agent_id\n';

async function businessFrt(csv: string): Promise<Record<string, unknown>> {
	const db = await tempDatabase();
	await ingestText(db, 'calendar.csv', HEADER + csv, { timezone: 'UTC', dataset: 'calendar' });
	const rows = await queryRows<{ conversation_id: string; frt_business_s: number; after_hours: boolean }>(
		db.connection,
		'SELECT conversation_id, frt_business_s, after_hours FROM conversation_facts ORDER BY conversation_id'
	);
	return Object.fromEntries(rows.map((r) => [r.conversation_id, [r.frt_business_s, r.after_hours]]));
}

// Default business hours: Monday to Friday 09:00-17:00 in the dataset's zone (UTC here).
// a: Mon 2026-01-05 09:00:30 -> 10:00:30, all open: 3600 s, in hours.
// b: Mon 2026-01-05 16:30:15 -> Tue 09:30:15: 29 min 45 s before the close + 30 min 15 s after the opening = 3600 s, in hours.
// c: Sat 2026-01-10 12:00:00 -> Mon 2026-01-12 09:10:00: closed until Monday 09:00, then 600 s; after hours.
const ROWS = [
	'a,2026-01-05T09:00:30Z,2026-01-05T10:00:30Z,2026-01-05T10:30:00Z,email,ann',
	'b,2026-01-05T16:30:15Z,2026-01-06T09:30:15Z,2026-01-06T10:00:00Z,email,ann',
	'c,2026-01-10T12:00:00Z,2026-01-12T09:10:00Z,2026-01-12T09:20:00Z,email,ann'
];

describe('business seconds through the per-minute calendar and through the ASOF join', () => {
	it('gives the hand-worked values when the data spans a few days (per-minute calendar)', async () => {
		expect(await businessFrt(ROWS.join('\n') + '\n')).toEqual({ a: [3600, false], b: [3600, false], c: [600, true] });
	});

	it('gives the same values when the data spans over three years (ASOF join)', async () => {
		// d, four years earlier, stretches the span past the per-minute calendar's limit: Mon 2022-01-03 09:00 -> 09:05 = 300 s
		const old = 'd,2022-01-03T09:00:00Z,2022-01-03T09:05:00Z,2022-01-03T09:10:00Z,email,ann';
		expect(await businessFrt([...ROWS, old].join('\n') + '\n')).toEqual({ a: [3600, false], b: [3600, false], c: [600, true], d: [300, false] });
	});
});

describe('conversations before the calendar', () => {
	it('keeps a conversation created before 1900 and before any opening, as after hours', async () => {
		// old: Monday 1899-12-25 08:00, an hour before the first opening (09:00): closed until then, 10 min after it = 600 s
		const db = await tempDatabase();
		const result = await ingestText(
			db,
			'old.csv',
			HEADER +
				'old,1899-12-25T08:00:00Z,1899-12-25T09:10:00Z,1899-12-25T09:20:00Z,email,ann\nnew,1899-12-26T10:00:00Z,1899-12-26T10:05:00Z,1899-12-26T10:30:00Z,email,ann\n',
			{ timezone: 'UTC', dataset: 'old' }
		);
		expect([result.rows_loaded, result.rows_rejected]).toEqual([2, 0]);
		const rows = await queryRows<{ conversation_id: string; frt_business_s: number; after_hours: boolean }>(
			db.connection,
			'SELECT conversation_id, frt_business_s, after_hours FROM conversation_facts ORDER BY conversation_id'
		);
		expect(rows.map((r) => [r.conversation_id, r.frt_business_s, r.after_hours])).toEqual([
			['new', 300, false],
			['old', 600, true]
		]);
	});
});
