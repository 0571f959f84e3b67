import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReport } from './child';

/** Min, median and max of repeated timings: the machine is shared, so one figure says little. */
export interface Spread {
	runs: number[];
	min: number;
	median: number;
	max: number;
}

export function spread(values: number[]): Spread {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { runs: values.map(round3), min: round3(sorted[0]), median: round3(median), max: round3(sorted[sorted.length - 1]) };
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Milliseconds one call takes. */
export async function timeMs(work: () => unknown): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

export interface ProcessRun {
	seconds: number;
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs `node --import tsx <script> ...args` to the end, timing the whole process. */
export function runTsx(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessRun> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ seconds: (performance.now() - started) / 1000, code, stdout, stderr }));
	});
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
export const CLI = fileURLToPath(new URL('../../../cli.ts', import.meta.url));

/** One raw load or ingest in a fresh process; its own figures (time inside, peak RSS). */
export async function childStep(step: 'raw' | 'ingest', csv: string, dbPath: string): Promise<ChildReport> {
	const run = await runTsx(CHILD, [step, csv, dbPath]);
	if (run.code !== 0) throw new Error(`bench ${step} failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
	return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as ChildReport;
}
