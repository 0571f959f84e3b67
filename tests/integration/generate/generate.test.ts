import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';
import { writeGenerated } from '../../../src/lib/server/generate/writer';
import { generateDemo } from '../../../src/lib/server/generate/demo';
import { DEFAULT_SETTINGS, type Channel } from '../../../src/lib/settings/defaults';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** RFC 4180 parser for the test's own reading (handles quoted commas, quotes and newlines). */
function parseCsv(text: string): Record<string, string>[] {
	const rows: string[][] = [];
	let row: string[] = [],
		field = '',
		quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	const [header, ...body] = rows;
	return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}

describe('generate writers', () => {
	it('writes byte-identical files for the same seed, plain and gzip', async () => {
		const dir = tempDir();
		const config = { conversations: 4_000, seed: 9, days: 14, timezone: 'Europe/Berlin' };
		for (const format of ['conversations', 'messages', 'zendesk', 'intercom', 'freshdesk'] as const) {
			const a = await writeGenerated(join(dir, `${format}-a.csv`), format, config);
			await writeGenerated(join(dir, `${format}-b.csv`), format, config);
			await writeGenerated(join(dir, `${format}-c.csv`), format, { ...config, seed: 10 });
			expect(sha(join(dir, `${format}-a.csv`))).toBe(sha(join(dir, `${format}-b.csv`)));
			expect(sha(join(dir, `${format}-a.csv`))).not.toBe(sha(join(dir, `${format}-c.csv`)));
			expect(Math.abs(a.conversations - 4_000) / 4_000).toBeLessThan(0.03);
		}
		await writeGenerated(join(dir, 'a.csv.gz'), 'conversations', config);
		await writeGenerated(join(dir, 'b.csv.gz'), 'conversations', config);
		expect(sha(join(dir, 'a.csv.gz'))).toBe(sha(join(dir, 'b.csv.gz')));
		expect(gunzipSync(readFileSync(join(dir, 'a.csv.gz'))).equals(readFileSync(join(dir, 'conversations-a.csv')))).toBe(true);
	});

	it('writes canonical conversation rows with the exact header and value shapes', async () => {
		const path = join(tempDir(), 'c.csv');
		const result = await writeGenerated(path, 'conversations', { conversations: 20_000, seed: 2, days: 28 });
		const text = readFileSync(path, 'utf8');
		expect(text.split('\n')[0]).toBe(
			'conversation_id,created_at,first_response_at,closed_at,status,channel,queue,agent_id,customer_id,handle_s,bot_involved,bot_resolved,reopens,csat,priority,category,sentiment,messages_in,messages_out'
		);
		const rows = parseCsv(text);
		expect(rows.length).toBe(result.rows);
		expect(Math.abs(rows.length - 20_000) / 20_000).toBeLessThan(0.02);
		expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(r.created_at))).toBe(true);
		expect(rows.every((r) => r.first_response_at === '' || r.first_response_at >= r.created_at)).toBe(true);
		expect(rows.every((r) => r.closed_at === '' || r.closed_at >= r.created_at)).toBe(true);
		expect(rows.every((r) => (r.status === 'open') === (r.closed_at === ''))).toBe(true);
		expect(new Set(rows.map((r) => r.bot_involved))).toEqual(new Set(['true', 'false']));
		const abandoned = rows.filter((r) => r.status === 'abandoned');
		expect(abandoned.length).toBeGreaterThan(0);
		expect(abandoned.every((r) => (r.channel === 'voice' || r.channel === 'chat') && r.first_response_at === '')).toBe(true);
		expect(rows.filter((r) => r.bot_resolved === 'true').length).toBeGreaterThan(0);
	});

	it('writes message threads that sessionize: gaps over close_after_s between conversations, shorter inside', async () => {
		const path = join(tempDir(), 'm.csv');
		await writeGenerated(path, 'messages', { conversations: 6_000, seed: 4, days: 21 });
		const rows = parseCsv(readFileSync(path, 'utf8'));
		expect(Object.keys(rows[0])).toEqual(['message_id', 'thread_id', 'ts', 'role', 'agent_id', 'channel', 'customer_id', 'queue', 'body']);
		expect(new Set(rows.map((r) => r.role))).toEqual(new Set(['customer', 'agent', 'bot']));
		expect(rows.filter((r) => r.role === 'agent').every((r) => r.agent_id.startsWith('agent-'))).toBe(true);
		const threads = new Map<string, { t: number; conversation: string; role: string }[]>();
		for (const r of rows) {
			const list = threads.get(r.thread_id) ?? (threads.set(r.thread_id, []), threads.get(r.thread_id)!);
			list.push({ t: Date.parse(r.ts), conversation: r.message_id.split('-')[1], role: r.role });
		}
		let between = 0,
			betweenLong = 0,
			withinAfterAgentTooLong = 0;
		for (const [thread, list] of threads) {
			const closeAfterMs = DEFAULT_SETTINGS.close_after_s[thread.split('-')[3] as Channel] * 1000;
			list.sort((a, b) => a.t - b.t);
			for (let k = 1; k < list.length; k++) {
				const gap = list[k].t - list[k - 1].t;
				if (list[k].conversation !== list[k - 1].conversation) {
					between++;
					if (gap > closeAfterMs) betweenLong++;
				} else if (list[k - 1].role !== 'customer' && gap > closeAfterMs) withinAfterAgentTooLong++;
			}
		}
		// a thread holds several conversations (repeats on the same channel), always split by a silence over close_after_s
		expect(between).toBeGreaterThan(50);
		expect(betweenLong).toBe(between);
		expect(withinAfterAgentTooLong).toBe(0);
	});

	it('writes the vendor shapes: zendesk local times and Via, intercom UTC times, freshdesk hours', async () => {
		const dir = tempDir();
		const config = { conversations: 3_000, seed: 1, days: 14, start: '2026-08-03', timezone: 'Europe/Berlin' };
		await writeGenerated(join(dir, 'z.csv'), 'zendesk', config);
		await writeGenerated(join(dir, 'i.csv'), 'intercom', config);
		await writeGenerated(join(dir, 'f.csv'), 'freshdesk', config);
		await writeGenerated(join(dir, 'c.csv'), 'conversations', config);
		const z = parseCsv(readFileSync(join(dir, 'z.csv'), 'utf8'));
		const i = parseCsv(readFileSync(join(dir, 'i.csv'), 'utf8'));
		const f = parseCsv(readFileSync(join(dir, 'f.csv'), 'utf8'));
		const c = parseCsv(readFileSync(join(dir, 'c.csv'), 'utf8'));
		// same seed, same conversations in the same order; Berlin is UTC+2 in August
		expect(c[0].created_at).toBe(new Date(Date.parse(z[0]['Created at'].replace(' ', 'T') + 'Z') - 2 * 3600_000).toISOString().slice(0, 19) + 'Z');
		expect(i[0]['Conversation started at']).toBe(c[0].created_at.replace('T', ' ').replace('Z', ' UTC'));
		expect(f[0]['Created time']).toBe(z[0]['Created at']);
		expect(new Set(z.map((r) => r.Status)).has('solved') || new Set(z.map((r) => r.Status)).has('closed')).toBe(true);
		for (const v of new Set(z.map((r) => r.Via)))
			expect(['Phone call (incoming)', 'Chat', 'Web Widget', 'WhatsApp', 'Text', 'Facebook', 'Twitter', 'Email']).toContain(v);
		for (const v of new Set(f.map((r) => r.Priority))) expect(['Low', 'Medium', 'High', 'Urgent']).toContain(v);
		for (const v of new Set(i.map((r) => r['Conversation state']))) expect(['open', 'closed', 'snoozed']).toContain(v);
		// a first response in hours equals the canonical first_response_at - created_at
		const k = c.findIndex((r) => r.first_response_at !== '');
		const hours = (Date.parse(c[k].first_response_at) - Date.parse(c[k].created_at)) / 3600_000;
		expect(Number(f[k]['First response time (in hrs)'])).toBeCloseTo(hours, 3);
		expect(Number(i[k]['First response time (seconds)'])).toBe(Math.round(hours * 3600));
	});

	it('generateDemo ends on the given day and holds about the asked volume', async () => {
		const path = join(tempDir(), 'demo.csv');
		const result = await generateDemo(path, { conversations: 5_000, seed: 3, days: 30, end: '2026-06-01' });
		const rows = parseCsv(readFileSync(path, 'utf8'));
		expect(result.format).toBe('conversations');
		expect(Math.abs(rows.length - 5_000) / 5_000).toBeLessThan(0.03);
		const created = rows.map((r) => r.created_at).sort();
		// 30 days up to 2026-06-01 → first contact on or after 2026-05-02
		expect(created[0] >= '2026-05-02').toBe(true);
		expect(created[created.length - 1] < '2026-06-01').toBe(true);
	});
});
