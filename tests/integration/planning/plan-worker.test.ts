import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../../helpers/server';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
	server = await startServer();
	const response = await fetch(server.url + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
		body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD })
	});
	cookie = response.headers.get('set-cookie')!.split(';')[0];
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

// That the check leaves the event loop free is tested in-process (tests/unit/planning/simulation-worker.test.ts, through
// the module's live worker count); here: the built server's own chunk loads as the worker, so it never falls back.
describe('/api/plan runs the simulation check off the event loop', () => {
	it('runs the check on a worker in the built server: the plan carries it, and no fallback to the calling thread is logged', async () => {
		const response = await fetch(server.url + '/api/plan?replications=50', { headers: { cookie } });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { mix: { simulation: { replications: number; sync_service_level: number | null } } };
		expect(body.mix.simulation.replications).toBe(50);
		expect(body.mix.simulation.sync_service_level).toBeGreaterThan(0.5);
		expect(server.output()).not.toContain('The simulation check runs on the calling thread');
	});
});
