import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, sessionCookie, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/temp';
import { openDatabase } from '../../src/lib/server/open';
import { addUser } from '../../src/lib/server/auth/users';
import { generateDemo } from '../../src/lib/server/generate/index';
import { ingestFile } from '../../src/lib/server/ingest/index';
import { DENIALS_PER_USER_PER_MINUTE } from '../../src/lib/server/audit/denials';

const PASSWORDS = { admin: ADMIN_PASSWORD, anna: 'analyst-pass-R4t5y6', max: 'manager-pass-U7i8o9', vera: 'viewer-pass-Q1w2e3' };
type Person = keyof typeof PASSWORDS;
// every request of this file comes from here (the last X-Forwarded-For entry, as adapter-node reads it)
const ADDRESS = '203.0.113.50';

let server: RunningServer;
const cookies: Partial<Record<Person, string>> = {};

function send(person: Person, path: string, init: { method?: string; body?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Response> {
	const headers: Record<string, string> = { cookie: cookies[person]!, origin: server.url, 'x-forwarded-for': ADDRESS, ...init.headers };
	if (init.type) headers['content-type'] = init.type;
	return fetch(server.url + path, { method: init.method ?? 'GET', redirect: 'manual', headers, body: init.body });
}

/** A form action as `use:enhance` posts it: Kit answers 200 with the action's own status in JSON. */
async function action(person: Person, path: string, fields: Record<string, string>): Promise<number> {
	const response = await send(person, path, {
		method: 'POST',
		body: new URLSearchParams(fields).toString(),
		type: 'application/x-www-form-urlencoded',
		headers: { 'x-sveltekit-action': 'true' }
	});
	const text = await response.text();
	return response.status === 200 ? (JSON.parse(text) as { status: number }).status : response.status;
}

interface Row {
	actor: string;
	action: string;
	target: string;
	detail: string;
	address: string;
}

/** The audit CSV the admin downloads, as rows (no cell of this test holds a comma inside quotes but detail). */
async function auditRows(): Promise<Row[]> {
	const text = await (await send('admin', '/settings/audit/export.csv')).text();
	const [header, ...lines] = text.replace('\uFEFF', '').trim().split('\r\n');
	expect(header).toBe('id,at,actor,action,target,detail,address');
	return lines.map((line) => {
		const cells = /^(\d+),([^,]*),([^,]*),([^,]*),([^,]*),("(?:[^"]|"")*"|[^,]*),([^,]*)$/.exec(line);
		if (!cells) throw new Error(`An audit line did not parse: ${line}`);
		return { actor: cells[3], action: cells[4], target: cells[5], detail: cells[6].replace(/^"|"$/g, '').replaceAll('""', '"'), address: cells[7] };
	});
}

beforeAll(async () => {
	const dataDir = tempDir('audit-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	await addUser(db.connection, 'anna', 'analyst', PASSWORDS.anna);
	await addUser(db.connection, 'max', 'manager', PASSWORDS.max);
	await addUser(db.connection, 'vera', 'viewer', PASSWORDS.vera);
	const demo = join(dataDir, 'demo.csv');
	await generateDemo(demo, { conversations: 1000, seed: 7, days: 15, end: '2026-03-01' });
	await ingestFile(db, demo, { dataset: 'demo', sourceName: 'demo.csv' });
	await ingestFile(db, demo, { dataset: 'spare', sourceName: 'demo.csv' });
	db.close();
	server = await startServer({ ADDRESS_HEADER: 'x-forwarded-for' }, dataDir);
	for (const person of Object.keys(PASSWORDS) as Person[])
		cookies[person] = await sessionCookie(server.url, person, PASSWORDS[person], { 'x-forwarded-for': ADDRESS });
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

describe('audit entries carry the client address', () => {
	it('upload, dataset deletion, setting changes and exports made over HTTP record where they came from', async () => {
		const uploaded = await send('anna', '/data/upload', {
			method: 'POST',
			type: 'text/csv',
			headers: { 'x-file-name': 'small.csv' },
			body: 'conversation_id,created_at,status,channel\nx1,2026-02-01T10:00:00Z,resolved,chat\nx2,2026-02-01T11:00:00Z,resolved,email\n'
		});
		expect(uploaded.status).toBe(200);
		const { upload } = (await uploaded.json()) as { upload: { id: string } };
		const started = await send('anna', '/data/import', {
			method: 'POST',
			type: 'application/json',
			body: JSON.stringify({ upload: upload.id, dataset: 'small' })
		});
		expect(started.status).toBe(202);
		const { job } = (await started.json()) as { job: string };
		let state = 'running';
		for (let i = 0; i < 600 && state === 'running'; i++) {
			await new Promise((r) => setTimeout(r, 100));
			state = ((await (await send('anna', `/data/import/${job}`)).json()) as { state: string }).state;
		}
		expect(state).toBe('done');

		expect(await action('anna', '/data?/delete', { name: 'spare' })).toBe(200);
		expect(
			await action('anna', '/settings?/save', {
				section: 'costs',
				'costs.hourly.sync': '31',
				'costs.hourly.async': '29',
				'costs.occupancy.sync': '85',
				'costs.occupancy.async': '80',
				'costs.bot': '0.1',
				currency: 'eur'
			})
		).toBe(200);
		expect(await action('max', '/plan?/save', { growth: '0', shrinkage: '0.3', concurrency: '1' })).toBe(200);
		expect((await send('max', '/plan/export/csv?dataset=demo')).status).toBe(200);

		const rows = await auditRows();
		const find = (actor: string, act: string, target: string) => rows.find((r) => r.actor === actor && r.action === act && r.target === target);
		expect(find('anna', 'upload', 'small')?.address).toBe(ADDRESS);
		expect(find('anna', 'dataset_delete', 'spare')?.address).toBe(ADDRESS);
		expect(find('anna', 'setting_change', 'currency')).toMatchObject({ detail: '{"value":"EUR"}', address: ADDRESS });
		expect(find('max', 'setting_change', 'planning')?.address).toBe(ADDRESS);
		expect(find('max', 'export', 'staffing')?.address).toBe(ADDRESS);
		// the export just made, and every entry before it, came over HTTP from the one address
		expect(rows.filter((r) => r.address !== ADDRESS)).toEqual([]);
	});
});

describe('role denials are audited, a bounded number of times', () => {
	it('a 403 from the route table and one from an action each leave one access_denied entry per user and path a minute', async () => {
		for (let i = 0; i < 3; i++) expect((await send('vera', '/settings/users')).status).toBe(403);
		// the route table lets a manager post /settings; the action refuses the costs section (requireCapability)
		expect(await action('max', '/settings?/save', { section: 'costs' })).toBe(403);
		expect(await action('max', '/settings?/save', { section: 'costs' })).toBe(403);

		const denied = (await auditRows()).filter((r) => r.action === 'access_denied');
		expect(denied).toEqual([
			{ actor: 'max', action: 'access_denied', target: '/settings', detail: '{"method":"POST"}', address: ADDRESS },
			{ actor: 'vera', action: 'access_denied', target: '/settings/users', detail: '{"method":"GET"}', address: ADDRESS }
		]);

		const page = await (await send('admin', '/settings/audit?action=access_denied')).text();
		expect(page).toContain(ADDRESS);
		expect(page).toContain('/settings/users');
	});

	it(`a flood of denials on many paths adds at most ${DENIALS_PER_USER_PER_MINUTE} entries a minute for the user`, async () => {
		for (let i = 0; i < 40; i++) expect((await send('anna', `/settings/users/probe-${i}`)).status).toBe(403);
		const mine = (await auditRows()).filter((r) => r.action === 'access_denied' && r.actor === 'anna');
		expect(mine.length).toBe(DENIALS_PER_USER_PER_MINUTE);
		expect(mine.at(-1)).toEqual({ actor: 'anna', action: 'access_denied', target: '/settings/users/probe-0', detail: '{"method":"GET"}', address: ADDRESS });
	});
});
