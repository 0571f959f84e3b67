/**
 * A bounded loopback load generator (no extra package): N signed-in clients request the dashboard
 * pages in turn for a fixed time against the built server; latencies and errors are counted.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../freePort';
import { serverArguments } from '../http/process';
import { resolve } from 'node:path';
import { PAGE_PATHS } from './pages';
import { round3 } from './measure';

export interface LoadOptions {
	/** database file the server opens (first run adds the admin and, when empty, the demo dataset) */
	dbPath: string;
	clients: number;
	seconds: number;
	paths?: string[];
}

export interface LoadReport {
	clients: number;
	seconds: number;
	requests: number;
	requests_per_s: number;
	errors: number;
	error_examples: string[];
	p50_ms: number;
	p95_ms: number;
	p99_ms: number;
	max_ms: number;
}

const LOAD_PASSWORD = 'bench-load-password-1';

interface Server {
	url: string;
	stop(): Promise<void>;
}

/** Starts the built app (`CM_BUILD_OUT`, else `build/`) on a free loopback port. */
async function startBuiltServer(dbPath: string): Promise<Server> {
	const entry = resolve(process.env.CM_BUILD_OUT ?? 'build', 'index.js');
	if (!existsSync(entry)) throw new Error(`There is no built app at ${entry}; run "npm run build" first.`);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, serverArguments(resolve('.')), {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			CHANNEL_MIX_DB: dbPath,
			ADMIN_PASSWORD: LOAD_PASSWORD,
			UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr.on('data', (d: Buffer) => (output += d.toString()));
	const deadline = Date.now() + 180_000;
	while (!/Listening on/.test(output)) {
		if (child.exitCode !== null) throw new Error(`The server exited: ${output.slice(-500)}`);
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`The server did not start within 180 s: ${output.slice(-500)}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		stop: () =>
			new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 5000).unref();
			})
	};
}

/** Signs in through the login form; returns the session cookie. */
async function signIn(url: string): Promise<string> {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: url },
		body: new URLSearchParams({ username: 'admin', password: LOAD_PASSWORD })
	});
	const cookie = response.headers.getSetCookie().find((c) => c.includes('='));
	if (response.status !== 303 || !cookie) throw new Error(`Signing in failed with HTTP ${response.status}.`);
	return cookie.split(';')[0];
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the load and stops the server, whatever happens. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
	const server = await startBuiltServer(options.dbPath);
	try {
		const paths = options.paths ?? PAGE_PATHS;
		const cookies: string[] = [];
		for (let i = 0; i < options.clients; i++) cookies.push(await signIn(server.url));
		const latencies: number[] = [];
		const errors: string[] = [];
		let errorCount = 0;
		const started = performance.now();
		const end = started + options.seconds * 1000;
		const client = async (index: number) => {
			let n = index;
			while (performance.now() < end) {
				const path = paths[n++ % paths.length];
				const t = performance.now();
				try {
					const response = await fetch(`${server.url}${path}`, {
						headers: { cookie: cookies[index] },
						redirect: 'manual',
						signal: AbortSignal.timeout(60_000)
					});
					await response.arrayBuffer();
					if (response.status !== 200) {
						errorCount++;
						if (errors.length < 5) errors.push(`${path}: HTTP ${response.status}`);
					}
				} catch (error) {
					errorCount++;
					if (errors.length < 5) errors.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
				}
				latencies.push(performance.now() - t);
			}
		};
		await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
		const elapsed = (performance.now() - started) / 1000;
		const sorted = [...latencies].sort((a, b) => a - b);
		return {
			clients: options.clients,
			seconds: round3(elapsed),
			requests: latencies.length,
			requests_per_s: round3(latencies.length / elapsed),
			errors: errorCount,
			error_examples: errors,
			p50_ms: round3(percentile(sorted, 50)),
			p95_ms: round3(percentile(sorted, 95)),
			p99_ms: round3(percentile(sorted, 99)),
			max_ms: round3(sorted[sorted.length - 1] ?? 0)
		};
	} finally {
		await server.stop();
	}
}
