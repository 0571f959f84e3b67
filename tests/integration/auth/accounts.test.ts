import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { queryRows } from '../../../src/lib/server/db/sql';
import { addUser, checkCredentials, resetPassword, setDisabled, setRole } from '../../../src/lib/server/auth/users';
import { sessionUser, startSession } from '../../../src/lib/server/auth/sessions';
import { createToken, listTokens, revokeToken, tokenUser } from '../../../src/lib/server/auth/tokens';
import {
	ADDRESS_MAX_FAILURES,
	ADDRESS_WINDOW_MINUTES,
	clearSignInFailures,
	PAIR_FIRST_DELAY_SECONDS,
	PAIR_FREE_FAILURES,
	PAIR_MAX_DELAY_SECONDS,
	pairDelaySeconds,
	recordSignInFailure,
	signInThrottle,
	throttleMessage
} from '../../../src/lib/server/auth/throttle';
import { requiredCapability } from '../../../src/lib/server/auth/access';
import { crossSiteRefusal } from '../../../src/lib/server/auth/csrf';
import { clientAddress, isHttps } from '../../../src/lib/server/auth/request';

const PASSWORD = 'correct-horse-battery';

describe('accounts', () => {
	it('stores only an Argon2id hash, and checks name and password together', async () => {
		const db = await tempDatabase();
		await addUser(db.connection, 'maria', 'analyst', PASSWORD);
		const [row] = await queryRows<{ password_hash: string }>(db.connection, 'SELECT password_hash FROM users');
		expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
		expect(row.password_hash).not.toContain(PASSWORD);
		expect((await checkCredentials(db.connection, 'maria', PASSWORD))?.role).toBe('analyst');
		expect(await checkCredentials(db.connection, 'maria', 'wrong-password')).toBeNull();
		expect(await checkCredentials(db.connection, 'nobody', PASSWORD)).toBeNull();
	});

	it('disabling ends sessions and tokens; a reset password ends sessions; the last admin stays admin', async () => {
		const db = await tempDatabase();
		await addUser(db.connection, 'root', 'admin', PASSWORD);
		await addUser(db.connection, 'maria', 'analyst', PASSWORD);
		const session = await startSession(db.connection, 'maria');
		const { token } = await createToken(db.connection, 'maria', 'script');
		expect(await sessionUser(db.connection, session.id)).toEqual({ username: 'maria', role: 'analyst' });
		expect(await tokenUser(db.connection, token)).toEqual({ username: 'maria', role: 'analyst' });

		await setDisabled(db.connection, 'maria', true);
		expect(await sessionUser(db.connection, session.id)).toBeNull();
		expect(await tokenUser(db.connection, token)).toBeNull();
		expect(await checkCredentials(db.connection, 'maria', PASSWORD)).toBeNull();

		await setDisabled(db.connection, 'maria', false);
		const again = await startSession(db.connection, 'maria');
		await resetPassword(db.connection, 'maria', 'another-password-2');
		expect(await sessionUser(db.connection, again.id)).toBeNull();
		expect(await checkCredentials(db.connection, 'maria', 'another-password-2')).not.toBeNull();

		await expect(setRole(db.connection, 'root', 'viewer')).rejects.toThrow('"root" is the last active admin; make another user admin first.');
		await expect(setDisabled(db.connection, 'root', true)).rejects.toThrow('last active admin');
		expect(await setRole(db.connection, 'maria', 'admin')).toBe('analyst');
		expect(await setRole(db.connection, 'root', 'viewer')).toBe('admin');
	});

	it('API tokens: stored hashed, listed without the secret, revocable; malformed ones are refused', async () => {
		const db = await tempDatabase();
		await addUser(db.connection, 'ops', 'manager', PASSWORD);
		const created = await createToken(db.connection, 'ops', 'nightly');
		expect(created.token).toMatch(/^cm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
		const stored = await queryRows<{ token_hash: string }>(db.connection, 'SELECT token_hash FROM api_tokens');
		expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(await listTokens(db.connection, null))).not.toContain(created.token.slice(12));
		expect(await tokenUser(db.connection, created.token + 'x')).toBeNull();
		expect(await tokenUser(db.connection, "cm_' OR 1=1 --")).toBeNull();
		expect((await listTokens(db.connection, 'ops'))[0].last_used_at).toBeNull();
		expect(await tokenUser(db.connection, created.token)).toEqual({ username: 'ops', role: 'manager' });
		expect((await listTokens(db.connection, 'ops'))[0].last_used_at).not.toBeNull();
		expect(await revokeToken(db.connection, created.token_id)).toBe('ops');
		expect(await tokenUser(db.connection, created.token)).toBeNull();
		await expect(revokeToken(db.connection, created.token_id)).rejects.toThrow(`There is no active API token "${created.token_id}".`);
	});
});

describe('sign-in rate limit', () => {
	const T0 = Date.parse('2026-03-02T10:00:00Z');
	const at = (seconds: number) => T0 + seconds * 1000;

	it('waits grow per (account, address) pair after the free failures: 30 s doubling to a 15-minute cap', () => {
		// failures 5, 6, 7, ...: 30 x 2^(n - 5) seconds, capped at 900
		expect([0, 4, 5, 6, 7, 8, 9, 10, 11, 60].map(pairDelaySeconds)).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
		expect([PAIR_FREE_FAILURES, PAIR_FIRST_DELAY_SECONDS, PAIR_MAX_DELAY_SECONDS]).toEqual([5, 30, 900]);
	});

	it('locks a pair, never the account: the same name from another address signs in; delays grow with each further failure', async () => {
		const db = await tempDatabase();
		for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) await recordSignInFailure(db.connection, 'Maria', '10.0.0.1', at(i));
		expect(await signInThrottle(db.connection, 'maria', '10.0.0.1', at(4))).toEqual({ blocked: false, waitSeconds: 0 });
		await recordSignInFailure(db.connection, 'maria', '10.0.0.1', at(4));
		// 5th failure at 4 s: the pair waits until 34 s
		const first = await signInThrottle(db.connection, 'MARIA', '10.0.0.1', at(5));
		expect(first).toEqual({ blocked: true, waitSeconds: 29 });
		expect(throttleMessage(first)).toBe('Too many attempts; wait 29 seconds before trying again.');
		expect((await signInThrottle(db.connection, 'maria', '10.0.0.2', at(5))).blocked).toBe(false);
		expect((await signInThrottle(db.connection, 'ops', '10.0.0.1', at(5))).blocked).toBe(false);

		expect((await signInThrottle(db.connection, 'maria', '10.0.0.1', at(34))).blocked).toBe(false);
		await recordSignInFailure(db.connection, 'maria', '10.0.0.1', at(34));
		expect(await signInThrottle(db.connection, 'maria', '10.0.0.1', at(35))).toEqual({ blocked: true, waitSeconds: 59 });
		await recordSignInFailure(db.connection, 'maria', '10.0.0.1', at(94));
		const third = await signInThrottle(db.connection, 'maria', '10.0.0.1', at(95));
		expect(third).toEqual({ blocked: true, waitSeconds: 119 });
		expect(throttleMessage(third)).toBe('Too many attempts; wait 2 minutes before trying again.');

		// a success from 10.0.0.2 forgives only its own pair; 10.0.0.1 keeps waiting
		await recordSignInFailure(db.connection, 'maria', '10.0.0.2', at(96));
		await clearSignInFailures(db.connection, 'Maria', '10.0.0.2');
		expect((await signInThrottle(db.connection, 'maria', '10.0.0.1', at(97))).blocked).toBe(true);
		await clearSignInFailures(db.connection, 'maria', '10.0.0.1');
		expect((await signInThrottle(db.connection, 'maria', '10.0.0.1', at(97))).blocked).toBe(false);
	});

	it(`limits one address to ${ADDRESS_MAX_FAILURES} failures across accounts in ${ADDRESS_WINDOW_MINUTES} minutes (password spraying)`, async () => {
		const db = await tempDatabase();
		for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await recordSignInFailure(db.connection, `user${i}`, '10.0.0.9', at(i));
		// the oldest counted failure (at 0 s) leaves the window at 900 s
		expect(await signInThrottle(db.connection, 'someone-else', '10.0.0.9', at(60))).toEqual({ blocked: true, waitSeconds: 840 });
		expect((await signInThrottle(db.connection, 'someone-else', '10.0.0.10', at(60))).blocked).toBe(false);
		expect((await signInThrottle(db.connection, 'someone-else', '10.0.0.9', at(901))).blocked).toBe(false);
	});
});

describe('route table and cross-site check', () => {
	it('maps methods and paths to capabilities', () => {
		expect(requiredCapability('GET', '/login')).toBeNull();
		expect(requiredCapability('POST', '/logout')).toBeNull();
		expect(requiredCapability('GET', '/')).toEqual(['read']);
		expect(requiredCapability('GET', '/plan')).toEqual(['read']);
		expect(requiredCapability('GET', '/data/rejects/demo')).toEqual(['manage_data']); // reject reports hold raw lines: analysts and admins only
		expect(requiredCapability('POST', '/data/upload')).toEqual(['manage_data']);
		expect(requiredCapability('POST', '/data')).toEqual(['manage_data']);
		expect(requiredCapability('POST', '/settings')).toEqual(['manage_data', 'plan']);
		expect(requiredCapability('GET', '/settings/users')).toEqual(['admin']);
		expect(requiredCapability('GET', '/settings/audit/export.csv')).toEqual(['admin']);
		expect(requiredCapability('GET', '/settings/usersX')).toEqual(['read']);
		// Kit routes the decoded path, so the table reads it decoded too
		expect(requiredCapability('GET', '/settings/%75sers')).toEqual(['admin']);
		expect(requiredCapability('GET', '/api/metrics')).toEqual(['read']);
		expect(requiredCapability('GET', '/api/reports/staffing')).toEqual(['plan']);
		expect(requiredCapability('DELETE', '/api/datasets/demo')).toEqual(['manage_data']);
		expect(requiredCapability('POST', '/plan')).toEqual(['plan']);
		expect(requiredCapability('GET', '/plan/export/staffing.csv')).toEqual(['plan']);
		expect(requiredCapability('POST', '/something-new')).toEqual(['admin']);
	});

	it('refuses cookie-carrying cross-site writes, allows same-origin ones and bearer calls without cookies', () => {
		const origin = ['http://app.test'];
		const post = (headers: Record<string, string>) => new Request('http://app.test/api/datasets/x', { method: 'DELETE', headers });
		expect(crossSiteRefusal(post({ origin: 'http://evil.test', cookie: 'cm_session=1' }), origin, false)).toMatch(/^Cross-site request refused/);
		expect(crossSiteRefusal(post({ cookie: 'cm_session=1' }), origin, false)).toMatch(/^Cross-site request refused/);
		expect(crossSiteRefusal(post({ 'sec-fetch-site': 'cross-site', cookie: 'cm_session=1' }), origin, false)).toMatch(/^Cross-site/);
		expect(crossSiteRefusal(post({ origin: origin[0], cookie: 'cm_session=1' }), origin, false)).toBeNull();
		expect(crossSiteRefusal(post({ 'sec-fetch-site': 'same-origin' }), origin, false)).toBeNull();
		expect(crossSiteRefusal(post({ origin: 'http://evil.test' }), origin, true)).toBeNull();
		expect(crossSiteRefusal(post({ origin: 'http://evil.test', cookie: 'a=b' }), origin, true)).toMatch(/^Cross-site/);
		expect(crossSiteRefusal(new Request('http://app.test/api/metrics', { headers: { origin: 'http://evil.test' } }), origin, false)).toBeNull();
	});
});

describe('behind a proxy', () => {
	it('honours X-Forwarded-Proto and X-Forwarded-For only with TRUST_PROXY=1', () => {
		const event = {
			url: new URL('http://app.test/login'),
			request: new Request('http://app.test/login', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.1, 203.0.113.9' } }),
			getClientAddress: () => '10.0.0.1'
		};
		const before = process.env.TRUST_PROXY;
		try {
			delete process.env.TRUST_PROXY;
			expect([isHttps(event), clientAddress(event)]).toEqual([false, '10.0.0.1']);
			process.env.TRUST_PROXY = '1';
			// the last X-Forwarded-For entry is the one the trusted proxy added
			expect([isHttps(event), clientAddress(event)]).toEqual([true, '203.0.113.9']);
			expect(isHttps({ ...event, url: new URL('https://app.test/'), request: new Request('https://app.test/') })).toBe(true);
		} finally {
			if (before === undefined) delete process.env.TRUST_PROXY;
			else process.env.TRUST_PROXY = before;
		}
	});
});
