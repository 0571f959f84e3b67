/**
 * The plan's simulation check (20 seeded replications, up to seconds of CPU) on a worker thread,
 * so the server keeps answering other requests while it runs.
 *
 * The worker loads this very module: in the built server `import.meta.url` is the chunk Vite and
 * adapter-node emitted for it (Vite only emits `new Worker(new URL('./file', import.meta.url))`
 * entries for browser builds, not SSR); under the CLI and in tests it is this .ts file, loaded
 * through tsx. Where no worker can load the module, the check runs on the calling thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runSimulationRequest, type SimulationRequest } from '../../planning/simulationCheck';
import type { SimulationCheck } from '../../planning/planTypes';

const MARK = 'channel-mix:simulation-check';

interface CheckMessage {
	check?: SimulationCheck;
	error?: string;
}

// inside the worker: run the request it was started with and report back
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[MARK]) {
	const port = parentPort;
	try {
		port.postMessage({ check: runSimulationRequest((workerData as { request: SimulationRequest }).request) } satisfies CheckMessage);
	} catch (error) {
		port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies CheckMessage);
	}
}

/** Why the last check ran on the calling thread (null: it ran on a worker), for tests and the log. */
export let lastFallbackReason: string | null = null;

let live = 0;
/** Simulation workers alive now (0 or 1: checks run one at a time); tests read it instead of counting OS threads. */
export const liveWorkers = (): number => live;

/** Runs the check on a worker thread; on the calling thread (after a yield) if no worker can start. */
export async function simulateOffThread(request: SimulationRequest): Promise<SimulationCheck> {
	try {
		const check = await oneAtATime(() => onWorker(request));
		lastFallbackReason = null;
		return check;
	} catch (error) {
		if (!(error instanceof WorkerStartError)) throw error;
		lastFallbackReason = error.message;
		console.warn(`The simulation check runs on the calling thread: ${error.message}`);
		await new Promise((resolve) => setImmediate(resolve));
		return runSimulationRequest(request);
	}
}

/** Checks run one after another: each takes a whole core, and this server has two to share with everything else. */
let lastCheck: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
	const run = lastCheck.then(work, work);
	lastCheck = run.catch(() => undefined);
	return run;
}

/** The worker could not load or died without an answer: nothing the request did wrong. */
class WorkerStartError extends Error {}

/**
 * A worker running this module. As TypeScript source (CLI under tsx, vitest) the worker first
 * registers tsx's loader: workers do not inherit the `--import` hooks of their parent.
 */
function startWorker(data: Record<string, unknown>): Worker {
	const self = import.meta.url;
	if (!/\.[cm]?ts$/.test(new URL(self).pathname)) return new Worker(new URL(self), { workerData: data });
	const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(self)}); })`;
	return new Worker(boot, { eval: true, workerData: data });
}

function onWorker(request: SimulationRequest): Promise<SimulationCheck> {
	return new Promise((resolve, reject) => {
		let worker: Worker;
		try {
			worker = startWorker({ [MARK]: true, request });
		} catch (error) {
			return reject(new WorkerStartError(String(error)));
		}
		live++;
		let settled = false;
		const settle = (fn: () => void) => {
			if (settled) return;
			settled = true;
			live--;
			fn();
			void worker.terminate();
		};
		worker.once('message', (message: CheckMessage) =>
			settle(() => (message.check ? resolve(message.check) : reject(new Error(`The simulation check failed: ${message.error ?? 'no result'}`))))
		);
		worker.once('error', (error) => settle(() => reject(new WorkerStartError(error instanceof Error ? error.message : String(error)))));
		worker.once('exit', (code) => settle(() => reject(new WorkerStartError(`the worker exited with code ${code} before answering`))));
	});
}
