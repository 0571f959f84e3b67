import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { tempDatabase } from '../../helpers/temp';
import { ingestText, iso, storedConversations } from '../../helpers/ingest';

const FIXTURES = join(__dirname, '../../fixtures/vendors');

/** Per stored conversation: [id, first response seconds, resolution seconds] after created_at (null when absent). */
async function secondsAfterCreated(db: Awaited<ReturnType<typeof tempDatabase>>, dataset: string) {
	const after = (from: unknown, to: unknown) => (to instanceof Date && from instanceof Date ? (to.getTime() - from.getTime()) / 1000 : null);
	return (await storedConversations(db, dataset)).map((r) => [r.conversation_id, after(r.created_at, r.first_response_at), after(r.created_at, r.closed_at)]);
}

describe('real-shaped vendor exports load with the times their columns say', () => {
	it('Zendesk ticket export (whole-minute first reply times, local times in Europe/Berlin across the DST change)', async () => {
		const db = await tempDatabase();
		const result = await ingestFile(db, join(FIXTURES, 'zendesk-tickets.csv'), { timezone: 'Europe/Berlin' });
		expect([result.preset, result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual(['zendesk', 12, 12, 0]);
		// first response = Created at + First reply time in minutes × 60, moved back to Solved at when it lands up to 59 s after it
		expect(await secondsAfterCreated(db, 'zendesk-tickets')).toEqual([
			['1001', 300, 1200], // 5 min; 09:00:00 → 09:20:00 = 1200 s
			['1002', 210, 210], // 09:10:30 + 4 min = 09:14:30, 30 s after Solved at 09:14:00 → the close: 210 s
			['1003', 415, 415], // 10:00:05 + 7 min = 10:07:05, 5 s after 10:07:00 → 415 s
			['1004', 61, 61], // 11:00:59 + 2 min = 11:02:59, 59 s after 11:02:00 → 61 s
			['1005', 900, null], // open: 15 min, no Solved at
			['1006', null, null], // new: nothing yet
			['1007', 3600, 10800], // 23:30 CET (22:30Z) → 03:30 CEST (01:30Z): 3 h, not the 4 h on the wall clock
			['1008', 0, 2700], // 0 min; 08:00 → 08:45 CEST
			['1009', 5400, 7200], // 90 min; 14:00 → 16:00
			['1010', 60, 58790], // 1 min; 16:45:10 → 09:05:00 next day = 16 h 19 min 50 s
			['1011', 120, null], // pending: 2 min
			['1012', 40, 40] // 08:00:00 + 1 min = 08:01:00, 20 s after 08:00:40 → 40 s
		]);
		// moved: 1002 (30 s), 1003 (5 s), 1004 (59 s), 1012 (20 s)
		expect(result.notes).toEqual(['4 first responses from the rounded column "First reply time in minutes" were moved back to the close, by at most 59 s.']);
	});

	it('Intercom conversation export (UTC-marked times win over a New York import zone; the business-hours seconds column is not used)', async () => {
		const db = await tempDatabase();
		const result = await ingestFile(db, join(FIXTURES, 'intercom-conversations.csv'), { timezone: 'America/New_York' });
		expect([result.preset, result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual(['intercom', 10, 10, 0]);
		expect(result.mapping).toMatchObject({
			first_response_at: 'Conversation first replied at | First response time (seconds)',
			closed_at: 'Conversation last closed at'
		});
		expect(iso((await storedConversations(db, 'intercom-conversations'))[0].created_at)).toBe('2026-06-01T09:00:00Z');
		expect(await secondsAfterCreated(db, 'intercom-conversations')).toEqual([
			['215000000001', 150, 1200], // 09:00:00 → 09:02:30 → 09:20:00
			['215000000002', 45, 300],
			['215000000003', 122400, 124200], // Sat 22:00 → Mon 08:00 = 34 h (the seconds column's 3600 is office hours only) → 08:30
			['215000000004', 600, null], // open
			['215000000005', null, null], // snoozed, never answered
			['215000000006', null, 180], // Fin resolved: no teammate reply
			['215000000007', 40, 1830], // 23:59:30 → 00:00:10 → 00:30:00 the next day
			['215000000008', 0, 0],
			['215000000009', 1800, 86400], // 15:00 → 15:30 → 15:00 the next day
			['215000000010', 65, 665]
		]);
		expect(result.notes).toEqual([]);
	});

	it('Freshdesk ticket export (Initial response time, else First response time (in hrs); local times in New York across the DST change)', async () => {
		const db = await tempDatabase();
		const result = await ingestFile(db, join(FIXTURES, 'freshdesk-tickets.csv'), { timezone: 'America/New_York' });
		expect([result.preset, result.rows_read, result.rows_loaded, result.rows_rejected]).toEqual(['freshdesk', 11, 11, 0]);
		expect(await secondsAfterCreated(db, 'freshdesk-tickets')).toEqual([
			['501', 1800, 7200], // Initial response time 09:30 (the hours column empty); Resolved 11:00
			['502', 360, 2160], // 10:06 (the timestamp, not 0.1 h); 10:36
			['503', 14400, 18000], // 23:00 EST (04:00Z) → 04:00 EDT (08:00Z) = 4 h, not 5; → 05:00 EDT = 5 h
			['504', null, null], // open, no response
			['505', 2700, null], // pending: 09:00 → 09:45
			['506', 1200, 3600], // closed: Resolved time 13:00 comes before Closed time (3 days later)
			['507', 900, 3600], // no Initial response time: 0.25 h = 900 s
			['508', 42, 600],
			['509', 3599, 3600],
			['510', 1800, 3600], // 0.5 h
			['511', 1170, 1170] // 0.33 h = 1188 s → 13:19:48, 18 s after Resolved 13:19:30, within 0.01 h (36 s) → the close
		]);
		expect(result.notes).toEqual(['1 first response from the rounded column "First response time (in hrs)" was moved back to the close, by at most 18 s.']);
	});
});

describe("whole-minute first reply times and reject reasons in the user's words", () => {
	it('moves a first reply up to 59 s after the close back to it, rejects one 60 s after, and names the column and value', async () => {
		const db = await tempDatabase();
		const csv = [
			'Id,Via,Created at,Requester,Solved at,First reply time in minutes',
			'a,Email,2026-03-04 09:00:00,r1,2026-03-04 09:10:00,11', // 09:11:00 is 60 s after the close: beyond a minute's rounding
			'b,Email,2026-03-04 09:00:01,r2,2026-03-04 09:10:00,10', // 09:10:01: the 1 s skew clamped as before, not counted
			'c,Email,2026-03-04 09:00:59,r3,2026-03-04 09:10:00,10', // 09:10:59: 59 s after → the close
			'd,Email,2026-03-04 09:00:00,r4,2026-03-04 09:30:00,-5',
			'e,Email,2026-03-04 10:00:00,r5,2026-03-04 09:00:00,',
			'f,Email,yesterday,r6,,',
			',Email,2026-03-04 11:00:00,r7,,',
			'h,Email,2026-03-04 12:00:00,r8,,n/a'
		].join('\n');
		const result = await ingestText(db, 'zendesk.csv', csv, { timezone: 'UTC' });
		expect([result.preset, result.rows_loaded, result.rows_rejected]).toEqual(['zendesk', 2, 6]);
		expect(result.rejects).toEqual([
			{ line: 2, reason: 'First reply time in minutes = 11 puts the first response after Solved at = 2026-03-04 09:10:00' },
			{ line: 5, reason: 'First reply time in minutes = -5 is negative' },
			{ line: 6, reason: 'Solved at = 2026-03-04 09:00:00 is before Created at = 2026-03-04 10:00:00' },
			{ line: 7, reason: 'Created at = yesterday is not a date and time' },
			{ line: 8, reason: 'Id is empty' },
			{ line: 9, reason: 'First reply time in minutes = n/a is not a number' }
		]);
		const rows = await storedConversations(db, 'zendesk');
		expect(rows.map((r) => [r.conversation_id, iso(r.first_response_at), iso(r.closed_at)])).toEqual([
			['b', '2026-03-04T09:10:00Z', '2026-03-04T09:10:00Z'],
			['c', '2026-03-04T09:10:00Z', '2026-03-04T09:10:00Z']
		]);
		expect(result.notes).toEqual(['1 first response from the rounded column "First reply time in minutes" was moved back to the close, by at most 59 s.']);
	});

	it('a message log names its own columns too', async () => {
		const db = await tempDatabase();
		const csv = 'thread_id,ts,role\nt1,2026-08-03T10:00:00Z,customer\nt1,soon,agent\nt1,2026-08-03T10:02:00Z,robot\n';
		const result = await ingestText(db, 'log.csv', csv);
		expect(result.rejects).toEqual([
			{ line: 3, reason: 'ts = soon is not a date and time' },
			{ line: 4, reason: 'role = robot is not customer, agent, bot or system' }
		]);
	});
});
