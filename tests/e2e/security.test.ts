import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, launchBrowser, startServer, TEST_OUTPUT, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/temp';
import { openDatabase } from '../../src/lib/server/open';
import { addUser } from '../../src/lib/server/auth/users';
import { createToken } from '../../src/lib/server/auth/tokens';
import { generateDemo } from '../../src/lib/server/generate/index';
import { ingestFile } from '../../src/lib/server/ingest/index';

const ROLES = ['viewer', 'analyst', 'manager', 'admin'] as const;
type RoleName = (typeof ROLES)[number];
const PASSWORDS: Record<RoleName | 'victim', string> = {
	viewer: 'viewer-pass-Q1w2e3',
	analyst: 'analyst-pass-R4t5y6',
	manager: 'manager-pass-U7i8o9',
	admin: ADMIN_PASSWORD,
	victim: 'victim-pass-P0a1s2'
};
const USERNAME: Record<RoleName, string> = { viewer: 'vera', analyst: 'anna', manager: 'max', admin: 'admin' };

// hostile values in agent and queue names; line 4 is rejected (no created_at) and carries a formula
const HOSTILE_CSV = [
	'conversation_id,created_at,status,channel,queue,agent_id',
	'h1,2026-03-02T10:00:00Z,resolved,chat,"<script>alert(""q"")</script>","=HYPERLINK(""http://evil.test"",""x"")"',
	`h2,2026-03-02T11:00:00Z,resolved,email,<img src=x onerror=alert(1)>,'; DROP TABLE users; --`,
	'=cmd|calc,,resolved,chat,q,a'
].join('\n');

let server: RunningServer;
let browser: Browser;
const tokens: Partial<Record<RoleName, string>> = {};
const cookies: Partial<Record<RoleName, string>> = {};

/** Signs in through the form over HTTP (as a browser would, with Origin); returns the session cookie pair. */
async function signInCookie(username: string, password: string, headers: Record<string, string> = {}): Promise<{ response: Response; cookie: string | null }> {
	const response = await fetch(server.url + '/login', {
		method: 'POST',
		redirect: 'manual',
		// accept text/html as a browser does; with */* Kit answers form actions in its JSON shape
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, ...headers },
		body: new URLSearchParams({ username, password })
	});
	const set = response.headers.get('set-cookie');
	return { response, cookie: set ? set.split(';')[0] : null };
}

function get(path: string, role: RoleName | null, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(server.url + path, { redirect: 'manual', headers: { ...(role ? { cookie: cookies[role]! } : {}), ...headers } });
}

beforeAll(async () => {
	// the data folder is prepared before the server starts: users, a small generated dataset and the hostile one
	const dataDir = tempDir('security-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	for (const role of ['viewer', 'analyst', 'manager'] as const) await addUser(db.connection, USERNAME[role], role, PASSWORDS[role]);
	await addUser(db.connection, 'victim', 'viewer', PASSWORDS.victim);
	for (const role of ROLES) tokens[role] = (await createToken(db.connection, USERNAME[role], 'test')).token;
	const demo = join(dataDir, 'demo.csv');
	await generateDemo(demo, { conversations: 4000, seed: 3, days: 35, end: '2026-03-01' });
	await ingestFile(db, demo, { dataset: 'demo', sourceName: 'demo.csv' });
	writeFileSync(join(dataDir, 'hostile.csv'), HOSTILE_CSV);
	await ingestFile(db, join(dataDir, 'hostile.csv'), { dataset: 'hostile', sourceName: 'hostile.csv' });
	db.close();
	server = await startServer({ TRUST_PROXY: '1' }, dataDir);
	for (const role of ROLES) {
		const { cookie } = await signInCookie(USERNAME[role], PASSWORDS[role]);
		cookies[role] = cookie!;
	}
	browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Every route and API with the roles allowed; `ok` is the status an allowed role gets. */
const MATRIX: { method: string; path: string; allowed: RoleName[]; ok: number; body?: string; json?: boolean }[] = [
	{ method: 'GET', path: '/', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/responsiveness?dataset=demo', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/workload?dataset=demo', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/coverage?dataset=demo', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/cost?dataset=demo', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/plan?dataset=demo', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/plan/export/csv?dataset=demo', allowed: ['manager', 'admin'], ok: 200 },
	{ method: 'POST', path: '/plan?/save', allowed: ['manager', 'admin'], ok: 200, body: 'growth=0&shrinkage=0.3&concurrency=1' },
	// an unknown section: roles past the gate get the action's 400
	{ method: 'POST', path: '/settings?/save', allowed: ['analyst', 'manager', 'admin'], ok: 400, body: 'section=no-such-section' },
	{ method: 'GET', path: '/data/import/no-such-job', allowed: ['analyst', 'admin'], ok: 404 },
	{ method: 'POST', path: '/data/import', allowed: ['analyst', 'admin'], ok: 400, body: '{"upload":"no-such-upload"}', json: true },
	{ method: 'POST', path: '/data/preview', allowed: ['analyst', 'admin'], ok: 400, body: '{"upload":"no-such-upload"}', json: true },
	{ method: 'GET', path: '/data', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/settings', allowed: [...ROLES], ok: 200 },
	// raw rejected lines are for those who load data, not viewers or managers
	{ method: 'GET', path: '/data/rejects/hostile', allowed: ['analyst', 'admin'], ok: 200 },
	{ method: 'GET', path: '/settings/users', allowed: ['admin'], ok: 200 },
	{ method: 'GET', path: '/settings/audit', allowed: ['admin'], ok: 200 },
	{ method: 'GET', path: '/settings/audit/export.csv', allowed: ['admin'], ok: 200 },
	{ method: 'GET', path: '/api/datasets', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/api/metrics?dataset=demo&by=mode', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/api/series/arrivals?dataset=demo&interval=1d', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/api/plan?dataset=demo&replications=0', allowed: [...ROLES], ok: 200 },
	{ method: 'GET', path: '/api/reports/staffing?dataset=demo&format=csv&replications=0', allowed: ['manager', 'admin'], ok: 200 },
	// a dataset that does not exist: allowed roles reach the handler (400), others are stopped (403)
	{ method: 'DELETE', path: '/api/datasets/no-such-set', allowed: ['analyst', 'admin'], ok: 400 },
	{ method: 'POST', path: '/data?/delete', allowed: ['analyst', 'admin'], ok: 400, body: 'name=no-such-set' },
	{ method: 'POST', path: '/settings/users?/enable', allowed: ['admin'], ok: 400, body: 'username=no-such-user' }
];

describe('roles on every route and API, through the real server', () => {
	for (const entry of MATRIX) {
		it(`${entry.method} ${entry.path}: ${entry.allowed.join(', ')} allowed`, async () => {
			const api = entry.path.startsWith('/api/');
			for (const role of ROLES) {
				const headers: Record<string, string> = { cookie: cookies[role]!, origin: server.url };
				if (entry.body) headers['content-type'] = entry.json ? 'application/json' : 'application/x-www-form-urlencoded';
				if (entry.body && !api && !entry.json) headers['x-sveltekit-action'] = 'true';
				const response = await fetch(server.url + entry.path, { method: entry.method, headers, body: entry.body, redirect: 'manual' });
				const text = await response.text();
				const expected = entry.allowed.includes(role) ? entry.ok : 403;
				// form actions answer JSON {type, status} with HTTP 200 when called by enhance
				const status = headers['x-sveltekit-action'] && response.status === 200 ? (JSON.parse(text).status as number) : response.status;
				expect({ role, status }).toEqual({ role, status: expected });
				if (expected === 403 && (api || entry.json))
					expect(JSON.parse(text).error).toMatch(new RegExp(`^Your role \\(${role}\\) may not .+; ask an admin\\.$`));
				if (expected === 403 && !api && !entry.json) expect(text).toContain(`Your role (${role}) may not`);
			}
			const signedOut = await fetch(server.url + entry.path, {
				method: entry.method,
				redirect: 'manual',
				body: entry.body,
				headers: { origin: server.url, ...(entry.json ? { 'content-type': 'application/json' } : {}) }
			});
			if (api) {
				expect(signedOut.status).toBe(401);
				expect(await signedOut.json()).toEqual({ error: 'Sign in first: this endpoint needs a session or an API token.' });
			} else if (entry.method === 'GET') {
				expect(signedOut.status).toBe(303);
				expect(signedOut.headers.get('location')).toBe(`/login?next=${encodeURIComponent(entry.path)}`);
			} else {
				expect(signedOut.status).toBe(401);
				if (entry.json) expect(await signedOut.json()).toEqual({ error: 'Sign in first.' });
			}
		});
	}

	it('the API serves the CLI contracts: datasets, metrics by mode, a staffing CSV', async () => {
		const datasets = (await (await get('/api/datasets', 'viewer')).json()) as { datasets: { name: string; conversations: number }[] };
		expect(datasets.datasets.map((d) => d.name).sort()).toEqual(['demo', 'hostile']);
		expect(datasets.datasets.find((d) => d.name === 'hostile')!.conversations).toBe(2);
		const metrics = (await (await get('/api/metrics?dataset=demo&by=mode', 'viewer')).json()) as {
			dataset: string;
			groups: { key: string; conversations: number }[];
		};
		expect(metrics.dataset).toBe('demo');
		expect(metrics.groups.map((g) => g.key).sort()).toEqual(['async', 'sync']);
		expect(metrics.groups.reduce((s, g) => s + g.conversations, 0)).toBeGreaterThan(3000);
		const bad = await get('/api/metrics?dataset=demo&by=agent', 'viewer');
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ error: '--by agent is not supported; use mode, channel or queue.' });
		const report = await get('/api/reports/staffing?dataset=demo&format=csv&replications=0', 'manager');
		expect(report.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		// Buffer keeps the BOM that Response.text() would strip; the report context comes first as "#" lines
		const lines = Buffer.from(await report.arrayBuffer())
			.toString('utf8')
			.split('\r\n');
		expect(lines[0]).toBe('\uFEFF# Channel Mix staffing report');
		expect(lines).toContain('#   Generated by: max');
		expect(lines.find((line) => !line.startsWith('#') && !line.startsWith('\uFEFF'))).toBe(
			'Interval start (local),Mode,Channel,Forecast,AHT (s),Concurrency,Required agents,Scheduled agents,Expected service level,ASA (s),Occupancy'
		);
	});

	it("API tokens act with their user's role; a bad token is 401", async () => {
		const asViewer = await fetch(server.url + '/api/reports/staffing?format=csv&dataset=demo&replications=0', {
			headers: { authorization: `Bearer ${tokens.viewer}` }
		});
		expect(asViewer.status).toBe(403);
		const asManager = await fetch(server.url + '/api/datasets', { headers: { authorization: `Bearer ${tokens.manager}` } });
		expect(asManager.status).toBe(200);
		const forged = await fetch(server.url + '/api/datasets', { headers: { authorization: 'Bearer cm_00000000_' + 'A'.repeat(43) } });
		expect(forged.status).toBe(401);
		expect(await forged.json()).toEqual({ error: 'That API token is not valid; create a new one under Settings → Users.' });
	});
});

describe('CSRF', () => {
	it('refuses cross-site and Origin-less writes with a session cookie, to the API and to an upload; bearer calls without cookies pass', async () => {
		const evil = { cookie: cookies.admin!, origin: 'http://evil.test' };
		const del = await fetch(server.url + '/api/datasets/hostile', { method: 'DELETE', headers: evil });
		expect(del.status).toBe(403);
		expect((await del.json()).error).toMatch(/^Cross-site request refused/);
		const upload = await fetch(server.url + '/data/upload', {
			method: 'POST',
			headers: { ...evil, 'x-file-name': 'a.csv', 'content-type': 'text/csv' },
			body: 'conversation_id,created_at\n1,2026-01-01T00:00:00Z\n'
		});
		expect(upload.status).toBe(403);
		expect(await upload.text()).toContain('Cross-site request refused');
		const noOrigin = await fetch(server.url + '/api/datasets/hostile', { method: 'DELETE', headers: { cookie: cookies.admin! } });
		expect(noOrigin.status).toBe(403);
		const bearer = await fetch(server.url + '/api/datasets/no-such-set', {
			method: 'DELETE',
			headers: { authorization: `Bearer ${tokens.analyst}`, origin: 'http://evil.test' }
		});
		expect(bearer.status).toBe(400);
		// the hostile dataset survived every refused request
		expect(((await (await get('/api/datasets', 'viewer')).json()) as { datasets: { name: string }[] }).datasets.map((d) => d.name)).toContain('hostile');
	});

	it('stores an upload named ../../ under a generated name inside the data folder', async () => {
		const response = await fetch(server.url + '/data/upload', {
			method: 'POST',
			headers: { cookie: cookies.analyst!, origin: server.url, 'x-file-name': encodeURIComponent('../../sec-escape.csv'), 'content-type': 'text/csv' },
			body: 'conversation_id,created_at,status,channel\nx1,2026-01-01T00:00:00Z,resolved,chat\n'
		});
		expect(response.status).toBe(200);
		expect(existsSync(join(server.dataDir, '..', '..', 'sec-escape.csv'))).toBe(false);
		expect(existsSync(join(server.dataDir, '..', 'sec-escape.csv'))).toBe(false);
		const stored = readdirSync(join(server.dataDir, 'uploads'));
		expect(stored.length).toBe(1);
		expect(stored[0]).not.toContain('sec-escape');
	});
});

describe('sessions and sign-in', () => {
	it('sets HttpOnly SameSite=Lax cookies, Secure only behind https (X-Forwarded-Proto with TRUST_PROXY=1)', async () => {
		const plain = await signInCookie('vera', PASSWORDS.viewer);
		const flags = plain.response.headers.get('set-cookie')!;
		expect(flags).toMatch(/^cm_session=[A-Za-z0-9_-]{43}; /);
		expect(flags).toContain('HttpOnly');
		expect(flags).toContain('SameSite=Lax');
		expect(flags).not.toContain('Secure');
		// the origin stays the one Kit knows (ORIGIN); the proxy header alone makes the cookie Secure
		const proxied = await signInCookie('vera', PASSWORDS.viewer, { 'x-forwarded-proto': 'https' });
		expect(proxied.response.status).toBe(303);
		expect(proxied.response.headers.get('set-cookie')).toContain('Secure');
	});

	it('signing out ends the session; signing out everywhere ends the others too', async () => {
		const one = (await signInCookie('vera', PASSWORDS.viewer)).cookie!;
		const two = (await signInCookie('vera', PASSWORDS.viewer)).cookie!;
		const three = (await signInCookie('vera', PASSWORDS.viewer)).cookie!;
		expect((await fetch(server.url + '/api/datasets', { headers: { cookie: one } })).status).toBe(200);
		const out = await fetch(server.url + '/logout', {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: one, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login');
		expect((await fetch(server.url + '/api/datasets', { headers: { cookie: one } })).status).toBe(401);
		expect((await fetch(server.url + '/api/datasets', { headers: { cookie: two } })).status).toBe(200);
		await fetch(server.url + '/logout?everywhere', {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: two, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect((await fetch(server.url + '/api/datasets', { headers: { cookie: three } })).status).toBe(401);
		expect((await fetch(server.url + '/api/datasets', { headers: { cookie: cookies.viewer! } })).status).toBe(401);
		cookies.viewer = (await signInCookie('vera', PASSWORDS.viewer)).cookie!;
	});

	it('rate-limits sign-in after 5 failures with a sentence, and audits it; passwords appear nowhere', async () => {
		const from = { 'x-forwarded-for': '203.0.113.7' };
		for (let i = 0; i < 5; i++) {
			const { response } = await signInCookie('victim', `wrong-password-${i}`, from);
			const text = await response.text();
			expect({ status: response.status, text: text.slice(0, 300) }).toMatchObject({ status: 400 });
			expect(text).toContain('That user name and password do not match an active account.');
			expect(text).not.toContain(`wrong-password-${i}`);
		}
		const blocked = await signInCookie('victim', PASSWORDS.victim, from);
		expect(blocked.response.status).toBe(429);
		expect(blocked.cookie).toBeNull();
		// 30 s after the 5th failure of this (account, address) pair, less the moment it took to answer
		expect(await blocked.response.text()).toMatch(/Too many attempts; wait (2\d|30) seconds before trying again\./);
		const audit = await (await get('/settings/audit/export.csv', 'admin')).text();
		expect(audit).toMatch(/sign_in_throttled,victim,"\{""wait_seconds"":(2\d|30)\}",203\.0\.113\.7/);
		expect(audit.match(/,victim,sign_in_failed,victim,,203\.0\.113\.7/g)?.length).toBe(5);
		expect(audit).toMatch(/,anna,sign_in,anna,,/);
		for (const secret of [...Object.values(PASSWORDS), 'wrong-password-0', tokens.admin!]) {
			expect(audit).not.toContain(secret);
			expect(server.output()).not.toContain(secret);
		}
	});
});

describe('reject reports', () => {
	it('offer their download link, with the note that they are masked, only to roles that may download them', async () => {
		const link = 'href="/data/rejects/hostile"';
		const viewerPage = await (await get('/data', 'viewer')).text();
		expect(viewerPage).toContain('data-dataset="hostile"');
		expect(viewerPage).not.toContain(link);
		const analystPage = await (await get('/data', 'analyst')).text();
		expect(analystPage).toContain(link);
		expect(analystPage).toContain('e-mail addresses and phone numbers are masked in it');
	});
});

describe('hostile values stay inert', () => {
	it('in the database and the reject report CSV', async () => {
		const rejects = await (await get('/data/rejects/hostile', 'analyst')).text();
		// line 4 of the file: its raw text starts with =, so the cell is quoted and prefixed with '
		expect(rejects).toMatch(/\r\n4,[^\r\n]*,"'=cmd\|calc,,resolved,chat,q,a"\r\n/);
		const users = await (await get('/api/datasets', 'admin')).json();
		expect(users.datasets.length).toBe(2);
	});

	it('in every page the roles see: escaped HTML, no dialog, no CSP violation', async () => {
		const context = await browser.newContext();
		await context.addCookies([{ name: 'cm_session', value: cookies.admin!.split('=')[1], url: server.url }]);
		const page = await context.newPage();
		const problems: string[] = [];
		page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
		page.on('dialog', (d) => {
			problems.push('dialog: ' + d.message());
			void d.dismiss();
		});
		mkdirSync(TEST_OUTPUT, { recursive: true });
		for (const path of [
			'/',
			'/data',
			'/settings',
			'/settings/users',
			'/settings/audit',
			'/workload?dataset=hostile',
			'/responsiveness?dataset=hostile',
			'/coverage?dataset=hostile',
			'/cost?dataset=hostile',
			'/plan?dataset=demo'
		]) {
			const response = await page.goto(server.url + path);
			expect(response!.status()).toBe(200);
			const csp = response!.headers()['content-security-policy'];
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')*;/);
			expect(response!.headers()['x-content-type-options']).toBe('nosniff');
			expect(response!.headers()['referrer-policy']).toBe('same-origin');
			const html = await page.content();
			expect(html).not.toContain('<script>alert("q")</script>');
			expect(html).not.toContain('<img src=x onerror=alert(1)>');
			await page.screenshot({ path: join(TEST_OUTPUT, `security${path === '/' ? '-overview' : path.replace(/[/?=&]/g, '-')}.png`), fullPage: true });
		}
		expect(problems).toEqual([]);
		await context.close();
	});
});
