import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

const run = promisify(execFile);
const FIXTURE = join(import.meta.dirname, '../../fixtures/planning/two-weeks.csv');

describe('plan and report staffing CLI', () => {
	it('prints the plan contract and writes the CSV report', async () => {
		const dir = tempDir();
		const cli = (args: string[]) => run('npx', ['tsx', 'src/cli.ts', ...args, '--db', join(dir, 'plan.duckdb')], { cwd: process.cwd() });
		await cli(['ingest', FIXTURE, '--dataset', 'two']);
		const { stdout } = await cli(['plan', '--json', '--horizon-days', '1', '--replications', '2']);
		const plan = JSON.parse(stdout);
		expect(Object.keys(plan)).toEqual(['dataset', 'timezone', 'interval_min', 'weeks_history', 'backtest_wape', 'intervals', 'recommended_intervals', 'mix']);
		expect(plan).toMatchObject({ dataset: 'two', timezone: 'UTC', interval_min: 30, weeks_history: 2 });
		// channels with volume in the window: chat, voice, email; 48 intervals of one day each
		expect(plan.intervals).toHaveLength(3 * 48);
		expect(Object.keys(plan.intervals[0])).toEqual([
			'start',
			'mode',
			'channel',
			'forecast',
			'aht_s',
			'concurrency',
			'agents',
			'agents_scheduled',
			'service_level',
			'asa_s',
			'occupancy'
		]);
		expect(plan.intervals[0].start).toBe('2026-11-23T00:00:00Z');
		// the recommended mix's staffing, in the same row shape, over the same horizon
		expect(Object.keys(plan.recommended_intervals[0])).toEqual(Object.keys(plan.intervals[0]));
		expect(plan.recommended_intervals[0].start).toBe('2026-11-23T00:00:00Z');
		expect(plan.mix.frontier).toHaveLength(11);
		expect(Object.keys(plan.mix.recommended)).toEqual(['async_share', 'agent_hours', 'cost', 'saving_vs_current']);
		expect(plan.mix.simulation.replications).toBe(2);
		// chat: week 0 had 2 arrivals at Monday 09:00-09:30 and week 1 none: mean 1
		expect(plan.intervals.find((r: { channel: string; start: string }) => r.channel === 'chat' && r.start === '2026-11-23T09:00:00Z').forecast).toBe(1);

		const out = join(dir, 'staffing.csv');
		// --share today staffs today's mix: the plan's own rows
		const report = await cli([
			'report',
			'staffing',
			'--format',
			'csv',
			'--out',
			out,
			'--horizon-days',
			'1',
			'--replications',
			'0',
			'--share',
			'today',
			'--json'
		]);
		expect(JSON.parse(report.stdout)).toEqual({ report: 'staffing', format: 'csv', out, rows: 3 * 48 });
		const text = await readFile(out, 'utf8');
		// the report context comes first as "#" lines, then the header and the rows
		expect(text).toContain('\r\n#   Staffed mix: ');
		expect(text).toContain("today's mix\r\n");
		const lines = text
			.trimEnd()
			.split('\r\n')
			.filter((line) => !/^\uFEFF?#/.test(line));
		expect(lines).toHaveLength(1 + 3 * 48);
		await expect(cli(['report', 'staffing', '--format', 'csv', '--out', out, '--share', 'half'])).rejects.toThrow(
			'--share: The async share to staff must be a share from 0 to 1, "today" or "recommended"; got "half".'
		);
	});
});
