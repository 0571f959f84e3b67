import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/temp';
import { openDatabase } from '../../src/lib/server/open';
import { addUser } from '../../src/lib/server/auth/users';
import { generateDemo } from '../../src/lib/server/generate/index';
import { ingestFile } from '../../src/lib/server/ingest/index';

const VIEWER_PASSWORD = 'viewer-pass-Q1w2e3';
const REFUSED = 'Cross-site request refused: send it from this site, or call the API with an Authorization: Bearer token and no cookie.';
const NO_MATCH = 'That user name and password do not match an active account.';

let server: RunningServer;

/** Posts the sign-in form as a browser on this site would, from client address `from`. */
async function signIn(username: string, password: string, from: string, query = ''): Promise<{ response: Response; cookie: string | null; text: string }> {
	const response = await fetch(server.url + '/login' + query, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, 'x-forwarded-for': from },
		body: new URLSearchParams({ username, password })
	});
	const set = response.headers.get('set-cookie');
	return { response, cookie: set ? set.split(';')[0] : null, text: await response.text() };
}

const signedIn = async (cookie: string) => (await fetch(server.url + '/api/datasets', { headers: { cookie } })).status;

beforeAll(async () => {
	const dataDir = tempDir('signin-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	await addUser(db.connection, 'vera', 'viewer', VIEWER_PASSWORD);
	const demo = join(dataDir, 'demo.csv');
	await generateDemo(demo, { conversations: 500, seed: 5, days: 7, end: '2026-03-01' });
	await ingestFile(db, demo, { dataset: 'demo', sourceName: 'demo.csv' });
	db.close();
	// adapter-node takes the client address from the last X-Forwarded-For entry (XFF_DEPTH 1)
	server = await startServer({ ADDRESS_HEADER: 'x-forwarded-for' }, dataDir);
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

describe('sign-in throttle', () => {
	it('5 wrong passwords for admin from one address slow that address down, not the real admin at another', async () => {
		const attacker = '198.51.100.66';
		for (let i = 0; i < 5; i++) {
			const wrong = await signIn('admin', `guess-${i}`, attacker);
			expect({ status: wrong.response.status, said: wrong.text.includes(NO_MATCH) }).toEqual({ status: 400, said: true });
		}
		// an unknown name gets the very same sentence
		const unknown = await signIn('nobody-here', 'guess', '198.51.100.67');
		expect({ status: unknown.response.status, said: unknown.text.includes(NO_MATCH) }).toEqual({ status: 400, said: true });

		const throttled = await signIn('admin', ADMIN_PASSWORD, attacker);
		expect(throttled.response.status).toBe(429);
		expect(throttled.cookie).toBeNull();
		// 30 s from the 5th failure, less the moment it took to answer
		expect(throttled.text).toMatch(/Too many attempts; wait (2\d|30) seconds before trying again\./);

		const real = await signIn('admin', ADMIN_PASSWORD, '192.0.2.10');
		expect(real.response.status).toBe(303);
		expect(real.cookie).toMatch(/^cm_session=/);
		expect(await signedIn(real.cookie!)).toBe(200);
	});
});

describe('where sign-in leads', () => {
	// each hostile `next` (as sent in the URL) must land on our own front page
	const OFF_SITE = [
		'//evil.example',
		'/%5Cevil.example',
		'/%09/evil.example',
		'%0A',
		'/%0A/evil.example',
		'/.//evil.example',
		'https%3A%2F%2Fevil.example',
		'javascript:alert(1)',
		'http://evil.example/x'
	];

	it('follows only same-origin paths after sign-in; hostile ones go to /, none gives a 500', async () => {
		const landed: Record<string, string | null> = {};
		for (const [i, next] of OFF_SITE.entries()) {
			const { response } = await signIn('vera', VIEWER_PASSWORD, `192.0.2.${100 + i}`, `?next=${next}`);
			expect({ next, status: response.status }).toEqual({ next, status: 303 });
			landed[next] = response.headers.get('location');
		}
		expect(landed).toEqual(Object.fromEntries(OFF_SITE.map((next) => [next, '/'])));
		const kept = await signIn('vera', VIEWER_PASSWORD, '192.0.2.99', `?next=${encodeURIComponent('/workload?dataset=demo#top')}`);
		expect(kept.response.headers.get('location')).toBe('/workload?dataset=demo#top');
	});

	it('a signed-in visit to /login with a hostile next also stays on the site', async () => {
		const { cookie } = await signIn('vera', VIEWER_PASSWORD, '192.0.2.98');
		for (const next of OFF_SITE) {
			const response = await fetch(`${server.url}/login?next=${next}`, { redirect: 'manual', headers: { cookie: cookie! } });
			expect({ next, status: response.status, location: response.headers.get('location') }).toEqual({ next, status: 303, location: '/' });
		}
	});
});

describe('sign-out is a checked mutation', () => {
	it('a cross-origin or Origin-less POST to /logout or /logout?everywhere is refused and ends no session', async () => {
		const { cookie } = await signIn('vera', VIEWER_PASSWORD, '192.0.2.50');
		const other = (await signIn('vera', VIEWER_PASSWORD, '192.0.2.51')).cookie!;
		// a sibling origin on the same site gets the Lax cookie; with no body Kit's form check does not look
		const attempts: [string, Record<string, string>][] = [
			['/logout?everywhere', { origin: 'http://sub.127.0.0.1.example' }],
			['/logout', { origin: 'http://sub.127.0.0.1.example' }],
			['/logout?everywhere', {}],
			['/logout?everywhere', { origin: 'null' }]
		];
		for (const [path, headers] of attempts) {
			const response = await fetch(server.url + path, { method: 'POST', redirect: 'manual', headers: { cookie: cookie!, ...headers } });
			expect({ path, headers, status: response.status }).toEqual({ path, headers, status: 403 });
			expect(await response.text()).toContain(REFUSED);
		}
		expect([await signedIn(cookie!), await signedIn(other)]).toEqual([200, 200]);

		// from this site it still works, with or without a form body
		const out = await fetch(server.url + '/logout?everywhere', { method: 'POST', redirect: 'manual', headers: { cookie: cookie!, origin: server.url } });
		expect({ status: out.status, location: out.headers.get('location') }).toEqual({ status: 303, location: '/login' });
		expect([await signedIn(cookie!), await signedIn(other)]).toEqual([401, 401]);
	});

	it('a cross-origin sign-in is refused whatever its content type (Kit answers form posts before our check)', async () => {
		for (const type of ['application/json', 'text/csv', 'application/x-www-form-urlencoded']) {
			const body =
				type === 'application/x-www-form-urlencoded' ? `username=vera&password=${VIEWER_PASSWORD}` : `{"username":"vera","password":"${VIEWER_PASSWORD}"}`;
			const response = await fetch(server.url + '/login', {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: 'http://evil.example', 'content-type': type, accept: 'text/html', 'x-forwarded-for': '192.0.2.60' },
				body
			});
			expect({ type, status: response.status, cookie: response.headers.get('set-cookie') }).toEqual({ type, status: 403, cookie: null });
			if (type !== 'application/x-www-form-urlencoded') expect(await response.text()).toContain(REFUSED);
		}
	});
});
