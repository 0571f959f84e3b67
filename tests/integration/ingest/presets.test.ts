import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGenerated } from '../../../src/lib/server/generate/index';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { resolveMapping, mappingSummary } from '../../../src/lib/server/ingest/mapping';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { ingestText, iso, storedConversations } from '../../helpers/ingest';

describe('preset detection from realistic vendor headers', () => {
	it('a Zendesk ticket export (with business-hours columns that must not be used)', () => {
		const headers =
			'Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Requester wait time in minutes,On hold time in minutes'.split(
				','
			);
		const mapping = resolveMapping(headers, 'auto', {}, 'zendesk.csv');
		expect(mapping.preset.name).toBe('zendesk');
		const summary = mappingSummary(mapping);
		expect(summary).toMatchObject({
			conversation_id: 'Id',
			created_at: 'Created at',
			closed_at: 'Solved at',
			first_response_at: 'First reply time in minutes',
			channel: 'Via',
			agent_id: 'Assignee',
			queue: 'Group',
			customer_id: 'Requester id',
			csat: 'Satisfaction Score'
		});
		expect(Object.values(summary).some((h) => /business hours/i.test(h))).toBe(false);
		expect(Object.values(summary)).not.toContain('Subject');
		expect(Object.values(summary)).not.toContain('Requester email');
	});

	it('an Intercom conversation export and a Freshdesk ticket export', () => {
		const intercom =
			'Conversation ID,Conversation started at,Started via,Conversation state,Teammate assigned,Team assigned,User ID,User email,First response time (seconds),Time to close (seconds),Closed at,Conversation rating,Conversation rating remark,Fin involved,Fin resolved,Tags,Priority'.split(
				','
			);
		expect(resolveMapping(intercom, 'auto', {}, 'i.csv').preset.name).toBe('intercom');
		const freshdesk =
			'Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Requester email,Contact ID,Satisfaction rating'.split(
				','
			);
		const mapping = resolveMapping(freshdesk, 'auto', {}, 'f.csv');
		expect(mapping.preset.name).toBe('freshdesk');
		expect(mappingSummary(mapping).closed_at).toBe('Resolved time | Closed time');
	});

	it('a message log is told from conversation rows; an unknown shape falls back to synonyms', () => {
		const messages = resolveMapping(['Message Id', 'Conversation', 'Sent At', 'Sender Type', 'Agent', 'Channel', 'Body'], 'auto', {}, 'm.csv');
		expect(messages.preset.name).toBe('messages');
		expect(mappingSummary(messages)).toEqual({ thread_id: 'Conversation', ts: 'Sent At', role: 'Sender Type', agent_id: 'Agent', channel: 'Channel' });

		const generic = resolveMapping(
			['Case Number', 'Opened', 'Answered At', 'Ended', 'Medium', 'Team', 'Owner', 'Severity', 'Contact Reason'],
			'auto',
			{},
			'g.csv'
		);
		expect(generic.preset.name).toBe('generic');
		expect(mappingSummary(generic)).toEqual({
			conversation_id: 'Case Number',
			created_at: 'Opened',
			first_response_at: 'Answered At',
			closed_at: 'Ended',
			channel: 'Medium',
			queue: 'Team',
			agent_id: 'Owner',
			priority: 'Severity',
			category: 'Contact Reason'
		});
	});

	it('--map overrides a guess, and an unknown field name is refused naming the fields', () => {
		const headers = ['id', 'created', 'opened_by_customer_at'];
		const overridden = resolveMapping(headers, 'auto', { created_at: 'opened_by_customer_at' }, 'x.csv');
		expect(mappingSummary(overridden).created_at).toBe('opened_by_customer_at');
		expect(() => resolveMapping(headers, 'auto', { createdAt: 'created' }, 'x.csv')).toThrow(
			/"createdAt" is not a field of conversations rows; map one of conversation_id, created_at,/
		);
	});
});

describe('generated vendor exports load completely', () => {
	for (const format of ['zendesk', 'intercom', 'freshdesk', 'conversations', 'messages'] as const) {
		it(`${format}: detected, nothing rejected, every conversation there`, async () => {
			const db = await tempDatabase();
			const file = join(tempDir(), `${format}.csv`);
			const generated = await writeGenerated(file, format, { conversations: 1500, seed: 11, days: 14, start: '2026-06-01', timezone: 'Europe/Berlin' });
			const result = await ingestFile(db, file, { timezone: 'Europe/Berlin' });
			expect(result.preset).toBe(format === 'conversations' ? 'generic' : format);
			expect(result.rows_rejected).toBe(0);
			expect(result.conversations).toBe(generated.conversations);
			// Zendesk's whole minutes put some first replies up to 59 s after Solved at: moved back and noted, not rejected
			expect(result.notes.map((n) => n.replace(/^[\d,]+/, 'N'))).toEqual(
				format === 'zendesk' ? ['N first responses from the rounded column "First reply time in minutes" were moved back to the close, by at most 59 s.'] : []
			);
		});
	}
});

describe('sessionization of message rows (data.md)', () => {
	it('closes after silence following an agent, keeps a trailing customer message open, ignores outreach, caps focus time', async () => {
		const db = await tempDatabase();
		const csv = [
			'thread_id,ts,role,agent_id,channel,customer_id,body',
			't1,2026-08-03T09:00:00Z,agent,a1,whatsapp,u1,promo', // outreach: no conversation open, starts nothing
			't1,2026-08-03T10:00:00Z,customer,,whatsapp,u1,hi', // starts t1#1
			't1,2026-08-03T10:05:00Z,bot,,whatsapp,u1,one moment', // bot_involved
			't1,2026-08-03T10:20:00Z,agent,a1,whatsapp,u1,hello', // first response; focus min(15 min, 600 s) = 600
			't1,2026-08-03T10:22:00Z,customer,,whatsapp,u1,thanks',
			't1,2026-08-03T10:24:00Z,agent,a2,whatsapp,u1,bye', // focus min(2 min, 600) = 120; then 2 days of silence > 86400 s → closes here
			't1,2026-08-03T10:25:00Z,system,,whatsapp,u1,closed', // system: ignored
			't1,2026-08-05T10:00:00Z,customer,,whatsapp,u1,again', // starts t1#2; the customer has the last word → open
			't2,2026-08-03T10:00:00Z,customer,,email,u2,question',
			't2,2026-08-03T10:10:00Z,bot,,email,u2,article', // last is a bot and nothing follows → closed, bot-resolved
			'c1,2026-08-03T10:00:00Z,customer,,chat,u3,hi',
			'c1,2026-08-03T10:01:00Z,agent,a3,chat,u3,hi', // chat closes after 1800 s of silence
			'c1,2026-08-03T11:00:00Z,customer,,chat,u3,me again' // 59 min later: a new conversation, open
		].join('\n');
		const result = await ingestText(db, 'messages.csv', csv);
		expect([result.preset, result.rows_read, result.rows_loaded, result.conversations]).toEqual(['messages', 13, 13, 5]);
		const rows = await storedConversations(db, 'messages');
		expect(
			rows.map((r) => [
				r.conversation_id,
				iso(r.created_at),
				iso(r.first_response_at),
				iso(r.closed_at),
				r.status,
				r.agent_id,
				r.source_handle_s,
				r.bot_involved,
				r.bot_resolved,
				r.messages_in,
				r.messages_out
			])
		).toEqual([
			['c1#1', '2026-08-03T10:00:00Z', '2026-08-03T10:01:00Z', '2026-08-03T10:01:00Z', 'resolved', 'a3', 60, false, false, 1, 1],
			['c1#2', '2026-08-03T11:00:00Z', null, null, 'open', null, null, false, false, 1, 0],
			// a1 and a2 wrote one message each: the tie goes to the one who wrote last
			['t1#1', '2026-08-03T10:00:00Z', '2026-08-03T10:20:00Z', '2026-08-03T10:24:00Z', 'resolved', 'a2', 720, true, false, 2, 3],
			['t1#2', '2026-08-05T10:00:00Z', null, null, 'open', null, null, false, false, 1, 0],
			['t2#1', '2026-08-03T10:00:00Z', null, '2026-08-03T10:10:00Z', 'resolved', null, null, true, true, 1, 1]
		]);
	});

	it('ignores outreach after a close, starts the next conversation at the customer, and times focus within it', async () => {
		const db = await tempDatabase();
		const csv = [
			'thread_id,ts,role,agent_id,channel',
			'x,2026-08-03T10:00:00Z,customer,,chat', // starts x#1
			'x,2026-08-03T10:01:00Z,agent,a1,chat', // first response; 2 h of silence > 1800 s: x#1 closes here, focus 60 s
			'x,2026-08-03T12:00:00Z,agent,a1,chat', // outreach: after the close, before any customer message: starts nothing
			'x,2026-08-03T12:05:00Z,customer,,chat', // starts x#2
			'x,2026-08-03T12:05:00Z,agent,a2,chat', // same second, later line: after the customer; focus 0 s
			'x,2026-08-03T12:07:00Z,customer,,chat',
			'x,2026-08-03T12:09:00Z,agent,a2,chat' // focus 120 s (since 12:07, not since the outreach); closes x#2 (nothing follows)
		].join('\n');
		await ingestText(db, 'outreach.csv', csv);
		const rows = await storedConversations(db, 'outreach');
		expect(
			rows.map((r) => [
				r.conversation_id,
				iso(r.created_at),
				iso(r.first_response_at),
				iso(r.closed_at),
				r.agent_id,
				r.source_handle_s,
				r.messages_in,
				r.messages_out
			])
		).toEqual([
			['x#1', '2026-08-03T10:00:00Z', '2026-08-03T10:01:00Z', '2026-08-03T10:01:00Z', 'a1', 60, 1, 1],
			['x#2', '2026-08-03T12:05:00Z', '2026-08-03T12:05:00Z', '2026-08-03T12:09:00Z', 'a2', 120, 2, 2]
		]);
	});

	it('reads an inbound true/false column as the author', async () => {
		const db = await tempDatabase();
		const csv = 'conversation,sent_at,inbound,channel\nx,2026-08-03T10:00:00Z,true,sms\nx,2026-08-03T10:03:00Z,false,sms\n';
		const result = await ingestText(db, 'inbound.csv', csv);
		expect(result.mapping.role).toBe('inbound');
		const [row] = await storedConversations(db, 'inbound');
		expect([iso(row.first_response_at), row.status]).toEqual(['2026-08-03T10:03:00Z', 'resolved']);
	});
});

describe('replace and delete', () => {
	it('--replace swaps a dataset in one transaction; the other datasets stay', async () => {
		const db = await tempDatabase();
		const v1 = 'conversation_id,created_at\na,2026-08-03T10:00:00Z\nb,2026-08-03T11:00:00Z\n';
		const v2 = 'conversation_id,created_at\nz,2026-09-03T10:00:00Z\n';
		await ingestText(db, 'keep.csv', v1, { dataset: 'keep' });
		await ingestText(db, 'swap.csv', v1, { dataset: 'swap' });
		await ingestText(db, 'swap.csv', v2, { dataset: 'swap', replace: true });
		expect((await storedConversations(db, 'swap')).map((r) => r.conversation_id)).toEqual(['z']);
		expect((await storedConversations(db, 'keep')).map((r) => r.conversation_id)).toEqual(['a', 'b']);
		// a failed replacement leaves the old version in place
		await expect(ingestText(db, 'swap.csv', 'conversation_id,created_at\nq,never\n', { dataset: 'swap', replace: true })).rejects.toThrow(/None of the 1 rows/);
		expect((await storedConversations(db, 'swap')).map((r) => r.conversation_id)).toEqual(['z']);
	});
});
