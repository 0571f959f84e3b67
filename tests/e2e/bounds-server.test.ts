import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, sessionCookie, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/temp';
import { openDatabase } from '../../src/lib/server/open';
import { addUser } from '../../src/lib/server/auth/users';
import { generateDemo } from '../../src/lib/server/generate/index';
import { ingestFile } from '../../src/lib/server/ingest/index';
import { REQUEST_BODY_MAX_BYTES } from '../../src/lib/bounds';

const ROOT = resolve(__dirname, '../..');
const VIEWER = { username: 'vera', password: 'viewer-pass-Q1w2e3' };
const MANAGER = { username: 'max', password: 'manager-pass-U7i8o9' };
let server: RunningServer;
const cookies: Record<string, string> = {};

const get = (path: string, who: string) => fetch(server.url + path, { redirect: 'manual', headers: { cookie: cookies[who] } });

/** The server's resident memory in MB, from /proc. */
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

/** Sends `bytes` of body in chunks without a Content-Length (chunked), as the attack did; resolves with the status or "reset". */
function chunkedPost(path: string, bytes: number): Promise<number | 'reset'> {
	return new Promise((done) => {
		const url = new URL(path, server.url);
		const req = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname,
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }
			},
			(res) => {
				res.resume();
				done(res.statusCode ?? 0);
			}
		);
		req.on('error', () => done('reset'));
		const chunk = Buffer.alloc(1024 * 1024, 'a');
		let sent = 0;
		const pump = () => {
			while (sent < bytes) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', pump);
			}
			req.end();
		};
		pump();
	});
}

beforeAll(async () => {
	const dataDir = tempDir('bounds-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	await addUser(db.connection, VIEWER.username, 'viewer', VIEWER.password);
	await addUser(db.connection, MANAGER.username, 'manager', MANAGER.password);
	const demo = join(dataDir, 'demo.csv');
	// 35 days ending 2026-03-01: the data's days run from 2026-01-25 to 2026-02-28
	await generateDemo(demo, { conversations: 3000, seed: 5, days: 35, end: '2026-03-01' });
	await ingestFile(db, demo, { dataset: 'demo', sourceName: 'demo.csv' });
	db.close();
	server = await startServer({}, dataDir);
	cookies.viewer = await sessionCookie(server.url, VIEWER.username, VIEWER.password);
	cookies.manager = await sessionCookie(server.url, MANAGER.username, MANAGER.password);
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

describe('planning numbers have ranges on the server', () => {
	it.each([
		['1e308', '--growth (the volume growth as a share, 0.05 for +5%) must be from -0.9 to 5; got "1e308".'],
		['100000', '--growth (the volume growth as a share, 0.05 for +5%) must be from -0.9 to 5; got "100000".'],
		['abc', '--growth (the volume growth as a share, 0.05 for +5%) must be from -0.9 to 5; got "abc".']
	])('GET /api/plan?growth=%s as a viewer is a 400 with one sentence', async (growth, sentence) => {
		const response = await get(`/api/plan?dataset=demo&replications=0&growth=${growth}`, 'viewer');
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: sentence });
	});

	it('refuses to save growth 1e308 or "abc" from the Plan page, and /plan still answers', async () => {
		for (const growth of ['1e308', 'abc']) {
			const response = await fetch(server.url + '/plan?/save', {
				method: 'POST',
				headers: { cookie: cookies.manager, origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
				body: new URLSearchParams({ growth, shrinkage: '0.3', concurrency: '1' })
			});
			const answer = await response.json();
			expect(answer.type).toBe('failure');
			expect(answer.status).toBe(400);
			expect(answer.data).toContain(`The volume growth must be from -0.5 to 1; got \\"${growth}\\".`);
		}
		const plan = await get('/api/plan?dataset=demo&replications=0', 'viewer');
		expect(plan.status).toBe(200);
		expect((await plan.json()).intervals.length).toBeGreaterThan(0);
	});
});

describe('date ranges cost what the data covers', () => {
	it('refuses years it cannot store, and a date past the end of JavaScript time, with a 400', async () => {
		const wide = await get('/api/metrics?dataset=demo&from=0001-01-01&to=9999-12-31', 'viewer');
		expect(wide.status).toBe(400);
		expect(await wide.json()).toEqual({ error: '--from 0001-01-01 is outside the years 1900 to 2199 this app reads.' });
		const far = await get('/api/metrics?dataset=demo&from=275760-09-13', 'viewer');
		expect(far.status).toBe(400);
	});

	it("cuts two centuries to the data's days in the API and on a page", async () => {
		const api = await get('/api/metrics?dataset=demo&from=1900-01-02&to=2100-01-01', 'viewer');
		expect(api.status).toBe(200);
		const body = await api.json();
		expect([body.from, body.to]).toEqual(['2026-01-25T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
		const page = await get('/workload?dataset=demo&from=1900-01-02&to=2100-01-01', 'viewer');
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('value="2026-01-25"');
		expect(rssMb()).toBeLessThan(1024);
		// a range of decades wholly before the data matches nothing: the page says so without computing an hour of it
		const before = await get('/workload?dataset=demo&from=1900-01-02&to=1990-01-01', 'viewer');
		expect(await before.text()).toContain('No conversations match these filters');
	});
});

describe('request bodies are small but for the upload', () => {
	it('answers a declared 300 KB sign-in body with 413 and one sentence, before signing in', async () => {
		const response = await fetch(server.url + '/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html' },
			body: 'username=' + 'a'.repeat(300 * 1024)
		});
		expect(response.status).toBe(413);
		expect(await response.text()).toContain(`The request body is over ${REQUEST_BODY_MAX_BYTES / 1024} KB, more than any form or API call here needs`);
	});

	it('stops three chunked 200 MB sign-in bodies at the bound: memory stays put and the sign-in page answers', async () => {
		const before = rssMb();
		const outcomes = await Promise.all([1, 2, 3].map(() => chunkedPost('/login', 200 * 1024 * 1024)));
		for (const outcome of outcomes) expect([413, 'reset']).toContain(outcome);
		expect(rssMb() - before).toBeLessThan(200);
		const started = Date.now();
		expect((await fetch(server.url + '/login')).status).toBe(200);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('headers on everything the server sends', () => {
	it('marks static files (the app bundle, the favicon) like the pages', async () => {
		const folder = join(ROOT, process.env.CM_BUILD_OUT ?? 'build', 'client/_app/immutable/entry');
		const asset = `/_app/immutable/entry/${readdirSync(folder)[0]}`;
		for (const path of [asset, '/favicon.svg']) {
			const response = await fetch(server.url + path);
			expect(response.status).toBe(200);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
		}
	});

	it('keeps rendered pages out of caches', async () => {
		for (const path of ['/login', '/workload?dataset=demo']) {
			const response = await get(path, 'viewer');
			expect(response.headers.get('cache-control')).toBe('no-store');
		}
	});
});
