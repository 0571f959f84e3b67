import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors';
import type { CliCommand } from './command';
import { serverArguments } from '../http/process';

const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const buildEntry = () => join(process.env.CM_BUILD_OUT ?? 'build', 'index.js');

function newestChange(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** The built server is stale when any source changed after it was built. */
export function buildIsStale(root: string): boolean {
	const entry = join(root, buildEntry());
	if (!existsSync(entry)) return true;
	const built = statSync(entry).mtimeMs;
	return SOURCES.some((source) => newestChange(join(root, source)) > built);
}

/** The line that tells people where to open the app (sign-in works only at ORIGIN). */
export function openLine(origin: string | undefined, port: string): string {
	return origin
		? `\nOpen ${origin} in your browser (signing in works only at this address; set ORIGIN to change it).\n`
		: `\nOpen the address your proxy serves (port ${port} here); set ORIGIN to it so signing in works.\n`;
}

export const serveCommand: CliCommand = {
	spec: 'serve',
	description: 'Build the app when needed and serve it (PORT, default 3000); first run loads the demo and creates the admin',
	options: [{ flags: '--port <port>', description: 'Port (default PORT or 3000)' }],
	async run(_args, options, context) {
		const root = resolve('.');
		if (buildIsStale(root)) {
			context.note('Building the app (once after each change)…');
			const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
			if (build.status !== 0) throw new UserError('The build failed (see above); fix the error and run npm start again.');
		}
		const port = String(options.port ?? process.env.PORT ?? 3000);
		const env = {
			...process.env,
			PORT: port,
			CHANNEL_MIX_DB: context.dbPath,
			// each running DuckDB query holds a libuv pool thread; 4 let long queries starve short ones
			UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16',
			// Kit's one limit would cap the upload too: hooks.server.ts bounds every other body, the upload has max_upload_bytes
			BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? 'Infinity',
			// adapter-node assumes https when it cannot tell, and Kit then refuses every form posted from http://localhost
			ORIGIN: process.env.ORIGIN ?? (process.env.PROTOCOL_HEADER ? undefined : `http://localhost:${port}`)
		};
		context.note(
			`Channel Mix on ${env.ORIGIN ?? `port ${port}`} (database ${context.dbPath}); set ORIGIN to the address people type when it is served under another name.`
		);
		const server = spawn(process.execPath, serverArguments(root), { stdio: ['inherit', 'pipe', 'inherit'], env, cwd: root });
		// the server's own "Listening on 0.0.0.0" is not an address to type: name the one sign-in accepts once it listens
		let told = false;
		server.stdout!.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			if (told || !chunk.toString().includes('Listening on')) return;
			told = true;
			context.note(openLine(env.ORIGIN, port));
		});
		for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
		await new Promise<void>((done) => server.on('exit', (code) => ((process.exitCode = code ?? 0), done())));
	}
};
