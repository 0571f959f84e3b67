import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

describe('npm start (the serve command)', () => {
	it('serves on the given port and accepts a sign-in posted from http://localhost without any ORIGIN set', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'serve-'));
		const port = 30000 + Math.floor(Math.random() * 20000);
		const env: NodeJS.ProcessEnv = { ...process.env, ADMIN_PASSWORD: 'serve-test-password', CHANNEL_MIX_DB: join(folder, 'cm.duckdb') };
		delete env.ORIGIN;
		delete env.PROTOCOL_HEADER;
		const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli.ts'), 'serve', '--port', String(port)], {
			cwd: ROOT,
			env,
			detached: true
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		try {
			const deadline = Date.now() + 150_000;
			while (!/Listening on/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
			expect(output).toContain('Listening on');
			expect(output).toContain(`Channel Mix on http://localhost:${port}`);
			// after the server's own "Listening on 0.0.0.0", the address to type
			await new Promise((r) => setTimeout(r, 500));
			expect(output).toMatch(
				new RegExp(
					`Listening on [^\\n]+\\n[\\s\\S]*Open http://localhost:${port} in your browser \\(signing in works only at this address; set ORIGIN to change it\\)\\.`
				)
			);
			const response = await fetch(`http://localhost:${port}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: `http://localhost:${port}`, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: 'username=admin&password=serve-test-password'
			});
			expect(response.status).toBe(303);
			expect(response.headers.get('set-cookie')).toMatch(/^cm_session=[^;]+;.*HttpOnly/i);
		} finally {
			// the serve command runs the built server as its child: end the whole group
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				// already gone
			}
			await new Promise((r) => setTimeout(r, 1000));
			rmSync(folder, { recursive: true, force: true });
		}
	}, 200_000);
});
