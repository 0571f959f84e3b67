import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, sessionCookie, startServer, type RunningServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp';
import { writeFixture } from '../../helpers/ingest';
import { openDatabase } from '../../../src/lib/server/open';
import { addUser } from '../../../src/lib/server/auth/users';
import { ingestFile } from '../../../src/lib/server/ingest/index';

const PASSWORDS = { admin: ADMIN_PASSWORD, anna: 'analyst-pass-R4t5y6', max: 'manager-pass-U7i8o9', vera: 'viewer-pass-Q1w2e3' };
type Person = keyof typeof PASSWORDS;
const ADDRESS = '203.0.113.77';

// UTC; 2 Mar 2026 is a Monday. Chat SLA 60 s, voice 20 s (calendar).
// c1 chat Mon 09:00, answered in 30 s (met), agent "=cmd" (a formula to escape), customer cust-1
// c2 chat Mon 09:30, answered in 60 s (met), agent a2
// c3 email Mon 20:00 (async)
// c4 voice Tue 09:15, answered in 60 s (> 20 s: missed)
// c5 chat Wed 10:00, never answered, closed: abandoned (missed)
const CSV = `conversation_id,created_at,first_response_at,closed_at,channel,agent_id,customer_id
c1,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:10:00Z,chat,=cmd,cust-1
c2,2026-03-02T09:30:00Z,2026-03-02T09:31:00Z,2026-03-02T09:40:00Z,chat,a2,cust-2
c3,2026-03-02T20:00:00Z,2026-03-03T09:00:00Z,2026-03-03T10:00:00Z,email,a2,cust-1
c4,2026-03-03T09:15:00Z,2026-03-03T09:16:00Z,2026-03-03T09:20:00Z,voice,a1,cust-3
c5,2026-03-04T10:00:00Z,,2026-03-04T10:05:00Z,chat,,cust-4
`;

let server: RunningServer;
const cookies: Partial<Record<Person, string>> = {};
const get = (person: Person, path: string) =>
	fetch(server.url + path, { redirect: 'manual', headers: { cookie: cookies[person]!, 'x-forwarded-for': ADDRESS, accept: 'text/html' } });

/** The CSV as rows of cells (no cell of this fixture holds a comma or a quote but the escaped formula). */
const rowsOf = (text: string) =>
	text
		.replace('\uFEFF', '')
		.trim()
		.split('\r\n')
		.map((line) => line.split(','));

beforeAll(async () => {
	const dataDir = tempDir('drill-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	await addUser(db.connection, 'anna', 'analyst', PASSWORDS.anna);
	await addUser(db.connection, 'max', 'manager', PASSWORDS.max);
	await addUser(db.connection, 'vera', 'viewer', PASSWORDS.vera);
	await ingestFile(db, writeFixture('small.csv', CSV), { dataset: 'small', timezone: 'UTC' });
	db.close();
	server = await startServer({ ADDRESS_HEADER: 'x-forwarded-for' }, dataDir);
	for (const person of Object.keys(PASSWORDS) as Person[])
		cookies[person] = await sessionCookie(server.url, person, PASSWORDS[person], { 'x-forwarded-for': ADDRESS });
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

describe('the conversations behind a chart', () => {
	it('exports the whole selection as CSV with the dashboard filters, formulas escaped, customers as stored, and audits it', async () => {
		// sync conversations from 2 Mar to 3 Mar inclusive: c1, c2 (chat) and c4 (voice); c5 on 4 Mar is outside
		const response = await get('anna', '/conversations/export.csv?dataset=small&from=2026-03-02&to=2026-03-03&mode=sync');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const [header, ...rows] = rowsOf(await response.text());
		expect(header.slice(0, 6)).toEqual(['conversation_id', 'created_at', 'first_response_at', 'closed_at', 'status', 'channel']);
		expect(rows.map((r) => r[0])).toEqual(['c1', 'c2', 'c4']);
		const cell = (row: string[], field: string) => row[header.indexOf(field)];
		expect(cell(rows[0], 'agent_id')).toBe(`"'=cmd"`);
		expect(cell(rows[0], 'created_at')).toBe('2026-03-02T09:00:00.000Z');
		// stored hashed: a UUID-shaped salted hash, never "cust-1"
		expect(cell(rows[0], 'customer_id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

		// the SLA tile's population: eligible and missed, c4 (voice 60 s > 20 s) and c5 (abandoned)
		const missed = rowsOf(await (await get('admin', '/conversations/export.csv?dataset=small&from=2026-03-02&to=2026-03-04&population=sla_missed')).text());
		expect(missed.slice(1).map((r) => r[0])).toEqual(['c4', 'c5']);
		// a heatmap cell: Mondays 09:00-09:59 UTC, c1 and c2
		const cell9 = rowsOf(await (await get('anna', '/conversations/export.csv?dataset=small&from=2026-03-02&to=2026-03-04&weekday=0&hour=9')).text());
		expect(cell9.slice(1).map((r) => r[0])).toEqual(['c1', 'c2']);

		const audit = await (await get('admin', '/settings/audit/export.csv?action=export')).text();
		const line = audit.split('\r\n').find((l) => l.includes(',anna,export,conversations,') && l.includes('mode=sync'));
		expect(line).toContain('""rows"":3');
		expect(line).toContain('""selection"":""dataset=small&from=2026-03-02&to=2026-03-03&mode=sync""');
		expect(line!.endsWith(`,${ADDRESS}`)).toBe(true);
	});

	it('shows a page of the table, bounded, and refuses a bad slice with a sentence', async () => {
		const page = await (await get('anna', '/conversations?dataset=small&from=2026-03-02&to=2026-03-04&size=10')).text();
		expect(page).toContain('5 conversations');
		expect(page).toContain('Page 1 of 1');
		const tooBig = await (await get('anna', '/conversations?dataset=small&size=100000')).text();
		expect(tooBig).toContain('The rows per page must be a whole number from 10 to 500; got "100000" in the address; go back to the chart and click again.');
		const badHour = await get('anna', '/conversations/export.csv?dataset=small&weekday=0&hour=24');
		expect(badHour.status).toBe(400);
	});

	it('refuses viewers and managers with a 403 that is audited, and gives them no link to it', async () => {
		for (const person of ['vera', 'max'] as const) {
			expect((await get(person, '/conversations?dataset=small')).status).toBe(403);
			expect((await get(person, '/conversations/export.csv?dataset=small')).status).toBe(403);
			expect(await (await get(person, '/?dataset=small')).text()).not.toContain('href="/conversations');
		}
		expect(await (await get('anna', '/?dataset=small')).text()).toContain('href="/conversations?dataset=small');
		const audit = await (await get('admin', '/settings/audit/export.csv?action=access_denied')).text();
		expect(audit).toMatch(/,vera,access_denied,\/conversations\/export\.csv,/);
		expect(audit).toMatch(/,max,access_denied,\/conversations,/);
	});
});
