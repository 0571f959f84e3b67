import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildIsStale } from '../src/lib/server/cli/serve';

/** Builds the app once before the suite when the sources changed, so server and browser tests run the real build. */
export default function setup(): void {
	const root = resolve(__dirname, '..');
	if (!buildIsStale(root)) return;
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('vite build failed before the tests; see above.');
}
