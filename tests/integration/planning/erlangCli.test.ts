import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

const run = promisify(execFile);
const cli = (args: string[]) => run('npx', ['tsx', 'src/cli.ts', ...args, '--db', join(tempDir(), 'cli.duckdb')], { cwd: process.cwd() });

describe('erlang CLI', () => {
	it('prints the required agents in the JSON contract (CRAN ErlangC check values)', async () => {
		const { stdout } = await cli([
			'erlang',
			'--volume',
			'100',
			'--interval-min',
			'30',
			'--aht-s',
			'180',
			'--target-s',
			'20',
			'--sl',
			'0.8',
			'--shrinkage',
			'0.3',
			'--max-occupancy',
			'0.85',
			'--json'
		]);
		// full precision since issue 14 (product.md's example shows the fields rounded for print)
		const result = JSON.parse(stdout);
		expect(Object.keys(result)).toEqual(['model', 'load_erlangs', 'agents', 'agents_scheduled', 'service_level', 'occupancy', 'p_wait', 'asa_s', 'p_abandon']);
		expect(result).toMatchObject({ model: 'erlang_c', load_erlangs: 10, agents: 14, agents_scheduled: 20, p_abandon: null });
		expect(result.service_level).toBeCloseTo(0.88835, 5);
		expect(result.occupancy).toBe(10 / 14);
		expect(result.p_wait).toBeCloseTo(0.1741319, 7);
		expect(result.asa_s).toBeCloseTo(7.835937, 6);
	});

	it('evaluates given agents under Erlang A with --patience-s', async () => {
		const { stdout } = await cli([
			'erlang',
			'--volume',
			'100',
			'--interval-min',
			'30',
			'--aht-s',
			'180',
			'--target-s',
			'20',
			'--sl',
			'0.8',
			'--patience-s',
			'300',
			'--agents',
			'14',
			'--json'
		]);
		const result = JSON.parse(stdout);
		expect(result.model).toBe('erlang_a');
		expect(result.agents).toBe(14);
		expect(result.p_wait).toBeCloseTo(0.14526, 5);
		expect(result.p_abandon).toBeCloseTo(0.013984, 6);
		expect(result.service_level).toBeCloseTo(0.916792, 6);
		expect(result.occupancy).toBeCloseTo(0.704297, 6);
	});

	it('refuses a service level given as a percentage with one sentence', async () => {
		const failure = await cli(['erlang', '--volume', '100', '--interval-min', '30', '--aht-s', '180', '--target-s', '20', '--sl', '80']).catch(
			(e: { code: number; stderr: string }) => e
		);
		expect(failure).toMatchObject({ code: 1 });
		expect((failure as { stderr: string }).stderr.trim()).toBe('--sl (the service-level target as a share, e.g. 0.8) must be above 0 and below 1; got "80".');
	});
});
