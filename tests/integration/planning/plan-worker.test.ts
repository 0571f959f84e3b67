import { readdirSync } from 'node:fs';
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

/** Threads of the server process: a worker thread adds one while it lives. */
const threads = () => readdirSync(`/proc/${server.pid}/task`).length;

describe('/api/plan runs the simulation check off the event loop', () => {
	it('answers another request while the check runs on a worker thread', async () => {
		// warm up (first plan request loads chunks and fills caches), then take the idle thread count
		const warm = await fetch(server.url + '/api/plan?replications=1&horizon-days=1', { headers: { cookie } });
		expect(warm.status).toBe(200);
		// the warm-up's worker thread takes a moment to be reaped
		let idle = threads();
		for (let settled = 0; settled < 5; settled++) {
			await new Promise((r) => setTimeout(r, 100));
			if (threads() < idle) [idle, settled] = [threads(), 0];
		}
		let planDone = false;
		const plan = fetch(server.url + '/api/plan?replications=50', { headers: { cookie } }).then(async (r) => {
			const body = (await r.json()) as { mix: { simulation: { replications: number; sync_service_level: number | null } } };
			planDone = true;
			return { status: r.status, body };
		});
		// wait for the worker thread to appear (or the plan to end without one: then the check ran inline)
		while (!planDone && threads() <= idle) await new Promise((r) => setTimeout(r, 5));
		expect(planDone).toBe(false);
		const trivial = await fetch(server.url + '/login');
		// the trivial request was sent while the check ran, and was answered before the plan
		expect(trivial.status).toBe(200);
		expect(planDone).toBe(false);
		const { status, body } = await plan;
		expect(status).toBe(200);
		expect(body.mix.simulation.replications).toBe(50);
		expect(body.mix.simulation.sync_service_level).toBeGreaterThan(0.5);
		// the worker is gone once the plan is answered
		await new Promise((r) => setTimeout(r, 200));
		expect(threads()).toBe(idle);
	});
});
