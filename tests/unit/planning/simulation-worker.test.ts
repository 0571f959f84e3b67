import { describe, expect, it } from 'vitest';
import { buildPlanAndCheck } from '../../../src/lib/planning/plan';
import { runSimulationRequest } from '../../../src/lib/planning/simulationCheck';
import * as worker from '../../../src/lib/server/planning/simulationWorker';
import { buildPlanOffThread } from '../../../src/lib/server/planning/run';
import { assumptions, planInputs, steadyChannel } from './planFixtures';

const inputs = planInputs([steadyChannel('chat', 'sync', 20, 400, { patienceS: 200 }), steadyChannel('messaging', 'async', 20, 300)]);

describe('the simulation check on a worker thread', () => {
	it('gives the same seeded result as on the calling thread', async () => {
		const { plan, check } = buildPlanAndCheck(inputs, assumptions, { seed: 3, replications: 2 });
		expect(plan.mix.simulation).toBeNull();
		const inline = runSimulationRequest(check!);
		const off = await worker.simulateOffThread(check!);
		// it really ran on a worker (tsx registered inside it), not the fallback
		expect(worker.lastFallbackReason).toBeNull();
		expect(off).toEqual(inline);
		expect(off.replications).toBe(2);
		expect(off.async_service_level).toBeGreaterThan(0.5);
	});

	it('builds the whole plan with the check filled in, and none when not asked', async () => {
		const full = await buildPlanOffThread(inputs, assumptions, { seed: 1, replications: 1 });
		expect(full.mix.simulation?.replications).toBe(1);
		const none = await buildPlanOffThread(inputs, assumptions, null);
		expect(none.mix.simulation).toBeNull();
		expect(none.mix.recommended).toEqual(full.mix.recommended);
	});

	it('holds one worker while a check runs, none after, and leaves the calling thread free meanwhile', async () => {
		const { check } = buildPlanAndCheck(inputs, assumptions, { seed: 2, replications: 2 });
		expect(worker.liveWorkers()).toBe(0);
		const first = worker.simulateOffThread(check!);
		const second = worker.simulateOffThread(check!);
		// a callback queued now runs while both checks are pending: the thread is free, one worker runs, the other waits its turn
		const during = await new Promise<number>((resolve) => setImmediate(() => resolve(worker.liveWorkers())));
		expect(during).toBe(1);
		const [a, b] = await Promise.all([first, second]);
		expect(worker.lastFallbackReason).toBeNull();
		expect(a).toEqual(b);
		expect(worker.liveWorkers()).toBe(0);
	});
});
