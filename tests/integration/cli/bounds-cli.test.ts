import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

const ROOT = resolve(__dirname, '../../..');
const QUEUE = ['--volume', '100', '--interval-min', '30', '--aht-s', '180', '--target-s', '20', '--sl', '0.8'];

/** The CLI as people run it; each call must end within the timeout (a flag without a bound used to hang it). */
function cli(args: string[]) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args, '--db', join(tempDir(), 'cli.duckdb')], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 30_000
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

/** `QUEUE` with one flag's value replaced (or added). */
const withFlag = (flag: string, value: string) => {
	const args = [...QUEUE];
	const at = args.indexOf(flag);
	if (at >= 0) args[at + 1] = value;
	else args.push(flag, value);
	return ['erlang', ...args];
};

describe('erlang flags have ranges and say so in one sentence', () => {
	it.each([
		['--volume', '1e308', '--volume (the contacts offered in the interval) must be from 0 to 1000000; got "1e308".'],
		['--volume', '-5', '--volume (the contacts offered in the interval) must be from 0 to 1000000; got "-5".'],
		['--volume', '', '--volume (the contacts offered in the interval) must be from 0 to 1000000; got "".'],
		['--volume', '0x10', '--volume (the contacts offered in the interval) must be from 0 to 1000000; got "0x10".'],
		['--interval-min', '1e-300', '--interval-min (the interval length in minutes) must be from 1 to 1440; got "1e-300".'],
		['--agents', '1e12', '--agents (the number of agents) must be a whole number from 0 to 100000; got "1e12".'],
		['--shrinkage', '0.99', '--shrinkage (the share of paid time away from queues, e.g. 0.3) must be from 0 to 0.9; got "0.99".']
	])('%s %s', (flag, value, sentence) => {
		const { status, stdout, stderr } = cli(withFlag(flag, value));
		expect(status).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe(sentence);
	});

	it('refuses an offered load the solvers cannot search in time, naming what to change', () => {
		// 1,000,000 contacts x 86,400 s / 1,800 s = 48,000,000 Erlangs, over the 20,000 bound
		const { status, stderr } = cli(['erlang', '--volume', '1000000', '--interval-min', '30', '--aht-s', '86400', '--target-s', '20', '--sl', '0.8']);
		expect(status).toBe(1);
		expect(stderr).toBe(
			'The offered load (contacts x handle time / interval) in Erlangs must be from 0 to 20000; got 48000000. Give fewer contacts, a shorter handle time or a longer interval.'
		);
	});

	it('refuses --max-abandon without --patience-s instead of ignoring it', () => {
		const { status, stderr } = cli(withFlag('--max-abandon', '0.05'));
		expect(status).toBe(1);
		expect(stderr).toBe('--max-abandon needs --patience-s: abandonment is modelled by Erlang A, which needs the mean patience.');
	});

	it('reads a negative value given after its flag (plan --growth -0.1 is 10% less volume, not an unknown option)', () => {
		const { status, stderr } = cli(['plan', '--growth', '-0.95']);
		expect(status).toBe(1);
		expect(stderr).toBe('--growth (the volume growth as a share, 0.05 for +5%) must be from -0.9 to 5; got "-0.95".');
	});

	it('still answers a valid call: 100 contacts of 180 s in 30 minutes need 14 agents (CRAN ErlangC)', () => {
		const { status, stdout } = cli(['erlang', ...QUEUE, '--json']);
		expect(status).toBe(0);
		expect(JSON.parse(stdout).agents).toBe(14);
	});
});
