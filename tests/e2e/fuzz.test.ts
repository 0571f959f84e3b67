import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, sessionCookie, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/temp';
import { openDatabase } from '../../src/lib/server/open';
import { addUser } from '../../src/lib/server/auth/users';
import { generateDemo } from '../../src/lib/server/generate/index';
import { ingestFile } from '../../src/lib/server/ingest/index';
import { Random } from '../../src/lib/planning/simulate/random';

/**
 * A bounded fuzz of every page's query string, every API endpoint and every form action, as a viewer, an analyst and a
 * manager, with random and extreme values (quality.md "Bounds"): no answer is a 5xx, the server still signs people in
 * within a second afterwards, and its memory stays under 1 GB. Seeded, so a failure names a request that repeats.
 */
const SEED = 20261205;
const BUDGET_MS = 45_000;
const ROLES = { viewer: 'viewer-pass-Q1w2e3', analyst: 'analyst-pass-R4t5y6', manager: 'manager-pass-U7i8o9' } as const;
type Role = keyof typeof ROLES;

let server: RunningServer;
const cookies: Partial<Record<Role, string>> = {};

const EXTREMES = [
	'',
	' ',
	'0',
	'-0',
	'-1',
	'1e308',
	'-1e308',
	'1e-300',
	'NaN',
	'Infinity',
	'-Infinity',
	'0x10',
	'1,5',
	'9007199254740993',
	'abc',
	'0001-01-01',
	'9999-12-31',
	'275760-09-13',
	'1900-01-02',
	'2100-01-01',
	'2026-02-30',
	'2026-01-25',
	'2026-02-10',
	'2026-03-01',
	'demo',
	'x'.repeat(10_000),
	'\u0000',
	'%00',
	'../../etc/passwd',
	'<script>alert(1)</script>',
	"'; DROP TABLE users; --",
	'😀'.repeat(50),
	'{"a":1}',
	'[]',
	'null',
	'true',
	'chat',
	'email',
	'voice',
	'mode',
	'channel',
	'queue',
	'15m',
	'1d',
	'csv',
	'xlsx',
	'pdf',
	'calendar',
	'business'
];

function value(random: Random): string {
	if (random.next() < 0.7) return EXTREMES[random.int(EXTREMES.length)];
	const length = random.int(40);
	return Array.from({ length }, () => String.fromCharCode(random.int(0x3000))).join('');
}

/** A query string of 0-5 of the given names (sometimes repeated, sometimes unknown) with random values. */
function query(random: Random, names: string[]): string {
	const params = new URLSearchParams();
	if (random.next() < 0.8) params.set('dataset', random.next() < 0.7 ? 'demo' : value(random));
	for (let i = random.int(6); i > 0; i--)
		params.append(random.next() < 0.9 ? names[random.int(names.length)] : value(random).slice(0, 20) || 'x', value(random));
	return params.toString();
}

const FILTERS = [
	'from',
	'to',
	'channel',
	'queue',
	'agent',
	'clock',
	'by',
	'interval',
	'mode',
	'at',
	'weekday',
	'hour',
	'population',
	'coverage',
	'page',
	'size'
];
const PLAN = ['weeks-history', 'horizon-days', 'growth', 'replications', 'format', 'aht', 'concurrency', 'shrinkage', 'share'];
const SECTIONS = ['calendar', 'sla', 'costs', 'channels', 'sessions', 'planning', 'nope'];
const SETTINGS_FIELDS = [
	'timezone',
	'business_hours',
	'holidays',
	'sla.chat.frt',
	'sla.chat.unit',
	'sla.chat.target',
	'sla.chat.clock',
	'costs.hourly.sync',
	'costs.occupancy.async',
	'costs.bot',
	'currency',
	'mode.chat',
	'sync_categories',
	'close.chat',
	'focus_cap_min',
	'repeat_window_days',
	'max_upload_mb',
	'planning.interval_min',
	'planning.weeks_history',
	'planning.horizon_days',
	'planning.growth',
	'planning.shrinkage',
	'planning.max_concurrency',
	'planning.max_abandon'
];

interface Attempt {
	method: 'GET' | 'POST';
	path: string;
	body?: string;
	type?: string;
}

/** One random request: a page, an API endpoint, a download or a form action. */
function attempt(random: Random): Attempt {
	const pick = <T>(list: readonly T[]) => list[random.int(list.length)];
	const form = (names: string[]) => new URLSearchParams(names.flatMap((n) => (random.next() < 0.8 ? [[n, value(random)]] : []))).toString();
	const kind = random.int(12);
	if (kind <= 2)
		return {
			method: 'GET',
			path: `${pick(['/', '/responsiveness', '/workload', '/coverage', '/cost', '/conversations', '/conversations/export.csv'])}?${query(random, FILTERS)}`
		};
	if (kind === 3)
		return {
			method: 'GET',
			path: `${pick(['/plan', '/data', '/settings', '/settings/audit', '/settings/users', '/login', `/login?next=${encodeURIComponent(value(random))}`])}${random.next() < 0.5 ? '' : `?${query(random, PLAN)}`}`
		};
	if (kind === 4)
		return {
			method: 'GET',
			path: `/api/${pick(['metrics', 'datasets', `datasets/${encodeURIComponent(value(random))}`, `series/${pick(['arrivals', 'backlog', 'concurrency', 'sla', 'heatmap', 'frt_p50', value(random)])}`].map((p) => p || 'metrics'))}?${query(random, FILTERS)}`
		};
	if (kind === 5) return { method: 'GET', path: `/api/plan?${query(random, PLAN)}&replications=${pick(['0', '0', '1', value(random)])}` };
	if (kind === 6)
		return {
			method: 'GET',
			path: `${pick(['/api/reports/staffing', `/plan/export/${pick(['csv', 'xlsx', 'pdf', value(random)])}`])}?${query(random, PLAN)}&replications=0`
		};
	if (kind === 7)
		return {
			method: 'GET',
			path: `${pick(['/data/rejects/demo', `/data/rejects/${encodeURIComponent(value(random)) || 'x'}`, `/data/import/${encodeURIComponent(value(random)) || 'x'}`, `/data/upload/${encodeURIComponent(value(random)) || 'x'}`])}`
		};
	if (kind === 8) return { method: 'POST', path: '/plan?/save', body: form(['growth', 'shrinkage', 'concurrency']), type: 'application/x-www-form-urlencoded' };
	if (kind === 9)
		return {
			method: 'POST',
			path: '/settings?/save',
			body: new URLSearchParams([['section', pick(SECTIONS)], ...SETTINGS_FIELDS.filter(() => random.next() < 0.5).map((f) => [f, value(random)])]).toString(),
			type: 'application/x-www-form-urlencoded'
		};
	if (kind === 10) {
		const body =
			random.next() < 0.3
				? value(random)
				: JSON.stringify({
						upload: value(random),
						dataset: value(random),
						preset: pick(['auto', 'zendesk', value(random)]),
						timezone: value(random),
						map: { created_at: value(random) },
						dateFormat: pick(['dmy', 'mdy', value(random)]),
						replace: random.next() < 0.5
					});
		return { method: 'POST', path: pick(['/data/preview', '/data/import']), body, type: 'application/json' };
	}
	return { method: 'POST', path: pick(['/data?/delete', '/login']), body: form(['name', 'username', 'password']), type: 'application/x-www-form-urlencoded' };
}

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

beforeAll(async () => {
	const dataDir = tempDir('fuzz-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	for (const [role, password] of Object.entries(ROLES)) await addUser(db.connection, role, role as Role, password);
	const demo = join(dataDir, 'demo.csv');
	await generateDemo(demo, { conversations: 2000, seed: 11, days: 35, end: '2026-03-01' });
	await ingestFile(db, demo, { dataset: 'demo', sourceName: 'demo.csv' });
	db.close();
	server = await startServer({}, dataDir);
	for (const [role, password] of Object.entries(ROLES)) cookies[role as Role] = await sessionCookie(server.url, role, password);
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

describe('fuzzing every endpoint with random and extreme values', () => {
	it('answers every request below 500, then still signs people in within a second, under 1 GB', async () => {
		const random = new Random(SEED);
		const failures: string[] = [];
		const started = Date.now();
		let sent = 0;
		let peakMb = 0;
		while (Date.now() - started < BUDGET_MS) {
			const role = (['viewer', 'analyst', 'manager'] as const)[sent % 3];
			const { method, path, body, type } = attempt(random);
			const response = await fetch(server.url + path, {
				method,
				redirect: 'manual',
				headers: {
					cookie: cookies[role]!,
					origin: server.url,
					accept: random.next() < 0.5 ? 'application/json' : 'text/html',
					...(type ? { 'content-type': type } : {})
				},
				body,
				signal: AbortSignal.timeout(30_000)
			}).catch((error: Error) => ({ status: 599, text: async () => error.message }));
			sent++;
			if (response.status >= 500)
				failures.push(`${role} ${method} ${path.slice(0, 300)} ${body?.slice(0, 200) ?? ''} -> ${response.status} ${(await response.text()).slice(0, 200)}`);
			else if ('body' in response) await response.body?.cancel();
			if (sent % 25 === 0) peakMb = Math.max(peakMb, rssMb());
		}
		console.info(`fuzz: ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s, peak RSS ${Math.round(peakMb)} MB`);
		expect(failures).toEqual([]);
		expect(sent).toBeGreaterThan(100);
		const before = Date.now();
		const login = await fetch(server.url + '/login', { signal: AbortSignal.timeout(5000) });
		expect(login.status).toBe(200);
		expect(Date.now() - before).toBeLessThan(1000);
		expect(Math.max(peakMb, rssMb())).toBeLessThan(1024);
	}, 120_000);
});
