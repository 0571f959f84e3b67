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
		expect(Object.keys(plan)).toEqual([
			'dataset',
			'timezone',
			'interval_min',
			'weeks_history',
			'backtest_wape',
			'forecast',
			'forecast_quantile',
			'intervals',
			'recommended_intervals',
			'mix'
		]);
		expect(plan).toMatchObject({ dataset: 'two', timezone: 'UTC', interval_min: 30, weeks_history: 2 });
		// channels with volume in the window: chat, voice, email; 48 intervals of one day each
		expect(plan.intervals).toHaveLength(3 * 48);
		expect(Object.keys(plan.intervals[0])).toEqual([
			'start',
			'mode',
			'channel',
			'forecast',
			'forecast_p10',
			'forecast_p90',
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
		expect(Object.keys(plan.recommended_intervals[0])).toEqual(Object.keys(plan.intervals[0]).filter((k) => !['forecast_p10', 'forecast_p90'].includes(k)));
		expect(plan.recommended_intervals[0].start).toBe('2026-11-23T00:00:00Z');
		expect(plan.mix.frontier).toHaveLength(11);
		expect(Object.keys(plan.mix.recommended)).toEqual(['async_share', 'agent_hours', 'cost', 'saving_vs_current']);
		expect(plan.mix.simulation.replications).toBe(2);
		// chat: week 0 had 2 arrivals at Monday 09:00-09:30 and week 1 none (one at 09:30): Monday's mean 1.5 x 09:00's share 2/3 = 1
		const chatNine = plan.intervals.find((r: { channel: string; start: string }) => r.channel === 'chat' && r.start === '2026-11-23T09:00:00Z');
		expect(chatNine.forecast).toBe(1);
		// two weeks: too few for the trend method. Backtest week 1 from week 0: Monday 09:00 forecast 2 (actual 0), Monday 09:30
		// and Tuesday 10:00 forecast 0 (actual 1 each): errors 4 over 2 arrivals = 2; last week is the same forecast
		expect(plan.forecast.chat).toEqual({
			method: 'mean',
			note: '2 full weeks of history; the trend method needs 6 to be backtested, so the 4-week mean.',
			backtest_wape: 2,
			mean_wape: 2,
			holt_winters_wape: null,
			seasonal_naive_wape: 2,
			backtest_weeks: 1,
			trend_per_week: null
		});
		expect(plan.backtest_wape.chat).toBe(2);
		expect(plan.forecast_quantile).toBe(0.5);
		// band: daily MSE (1 + 1) / 7; Var = (2/3)^2 x 2/7 + 1.5 x 2/9 + 1.5^2 x (2/9) / 3 = 0.62698, sd 0.79183;
		// 1 -/+ 1.28155 sd = -0.015 (clamped to 0) and 2.01
		expect(chatNine.forecast_p10).toBe(0);
		expect(chatNine.forecast_p90).toBe(2.01);

		// staffed to the 80th percentile: the point forecast shown stays, the agents cover more (1 + 0.8416 x 0.79183 = 1.67 chats)
		const p80 = JSON.parse((await cli(['plan', '--json', '--horizon-days', '1', '--replications', '0', '--quantile', '0.8'])).stdout);
		expect(p80.forecast_quantile).toBe(0.8);
		const chatNineP80 = p80.intervals.find((r: { channel: string; start: string }) => r.channel === 'chat' && r.start === '2026-11-23T09:00:00Z');
		expect(chatNineP80.forecast).toBe(1);
		expect(chatNineP80.agents).toBeGreaterThanOrEqual(chatNine.agents);
		await expect(cli(['plan', '--json', '--quantile', '0.2'])).rejects.toMatchObject({
			stderr: expect.stringContaining('--quantile (the forecast quantile staffed for, e.g. 0.8) must be from 0.5 to 0.95; got "0.2".')
		});

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
