import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '../../src/lib/server/freePort';
import { serverArguments } from '../../src/lib/server/http/process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export const ADMIN_PASSWORD = 'test-admin-password-1';
const ROOT = resolve(__dirname, '../..');

export interface RunningServer {
	url: string;
	dataDir: string;
	dbPath: string;
	/** the server process, e.g. to read its memory from /proc */
	pid: number;
	output: () => string;
	stop(): Promise<void>;
}

/**
 * Starts the built app (`build/`, made by tests/globalSetup.ts) on a free loopback port with a fresh data folder.
 * First run loads the demo dataset and creates `admin` with ADMIN_PASSWORD. `env` adds variables.
 */
export async function startServer(env: Record<string, string> = {}, givenDataDir?: string): Promise<RunningServer> {
	// a folder of its own lives as long as the server (tempDir() folders go after each test, a server spans several)
	const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), 'server-'));
	const removeOwnFolder = () => givenDataDir === undefined && rmSync(dataDir, { recursive: true, force: true });
	const port = await freePort();
	const dbPath = join(dataDir, 'channel-mix.duckdb');
	let output = '';
	const child: ChildProcess = spawn(process.execPath, serverArguments(ROOT), {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			CHANNEL_MIX_DB: dbPath,
			ADMIN_PASSWORD,
			ORIGIN: `http://127.0.0.1:${port}`,
			UV_THREADPOOL_SIZE: '16',
			BODY_SIZE_LIMIT: 'Infinity',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 120_000;
	while (!/Listening on/.test(output)) {
		if (child.exitCode !== null) throw new Error(`The server exited: ${output}`);
		if (Date.now() > deadline) throw new Error(`The server did not start in time: ${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		dataDir,
		dbPath,
		pid: child.pid!,
		output: () => output,
		stop: () =>
			new Promise<void>((done) => {
				const finish = () => (removeOwnFolder(), done());
				if (child.exitCode !== null) return finish();
				child.once('exit', finish);
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 5000).unref();
			})
	};
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** Fills and submits the login form at `loginUrl`, waiting (up to 90 s on a loaded machine) for the page `arrived` accepts. */
async function submitLogin(page: Page, loginUrl: string, username: string, password: string, arrived: (url: URL) => boolean): Promise<void> {
	await page.goto(loginUrl);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(arrived, { timeout: 90_000 }), page.click('button[type=submit]')]);
}

/** Signs in over HTTP as a browser's form post would (with Origin), returning the session cookie pair for later requests. */
export async function sessionCookie(url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<string> {
	const response = await fetch(url + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: url, ...headers },
		body: new URLSearchParams({ username, password })
	});
	const cookie = response.headers.get('set-cookie');
	if (!cookie) throw new Error(`Signing in as ${username} failed with ${response.status}.`);
	return cookie.split(';')[0];
}

/** Signs in through the real login form. */
export async function signIn(page: Page, url: string, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
	await submitLogin(page, `${url}/login`, username, password, (u) => !u.pathname.startsWith('/login'));
}

/** Signs in as admin landing on `path` (not the Overview, whose first load is slow on a busy machine). */
export async function signInTo(page: Page, url: string, path: string): Promise<void> {
	await submitLogin(page, `${url}/login?next=${encodeURIComponent(path)}`, 'admin', ADMIN_PASSWORD, (u) => u.pathname === path);
}

/** A folder for screenshots and other test output (kept after the run, ignored by git). */
export const TEST_OUTPUT = join(ROOT, 'test-results');
