import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, commandToRun, loadCommands } from '../../../src/lib/server/cli/index';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { openDatabase } from '../../../src/lib/server/open';
import { tempDir } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';

const ROOT = resolve(__dirname, '../../..');

/** The CLI the way the bench runs it: `node --import tsx src/cli.ts ...`. */
function cli(args: string[]) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const NAMES = ['ingest', 'datasets', 'settings', 'metrics', 'series', 'generate', 'erlang', 'plan', 'report', 'serve', 'users', 'bench'];

describe('commands load only when they run', () => {
	it('names each loader after the first word of its command spec, all twelve', async () => {
		expect(Object.keys(COMMAND_LOADERS)).toEqual(NAMES);
		const commands = await loadCommands();
		expect(commands.map((c) => c.spec.split(' ')[0])).toEqual(NAMES);
	});

	it('picks the command from the positional arguments, or none for a bare --help and unknown words', () => {
		expect(commandToRun(['metrics'], false)).toBe('metrics');
		expect(commandToRun(['metrics'], true)).toBe('metrics'); // metrics --help: that command's options
		expect(commandToRun([], true)).toBeNull();
		expect(commandToRun([], false)).toBeNull();
		expect(commandToRun(['nosuch'], false)).toBeNull();
		// a file argument named like a command does not win over the command before it
		expect(commandToRun(['ingest', 'metrics'], false)).toBe('ingest');
	});

	it('--help still lists every command, and metrics --help its options', () => {
		const all = cli(['--help']);
		expect(all.status).toBe(0);
		for (const name of NAMES) expect(all.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
		expect(all.stdout).toContain('Load a CSV (or .csv.gz) of conversation or message rows');
		const metrics = cli(['metrics', '--help']);
		expect(metrics.stdout).toContain('--by <dimension>');
		expect(metrics.stdout).toContain('--db <path>');
	});

	it('refuses an unknown command with a sentence, and reads options given before the command', async () => {
		const unknown = cli(['nosuch']);
		expect(unknown.status).toBe(1);
		expect(unknown.stderr.trim()).toBe('Unknown command "nosuch"; run with --help to list the commands.');

		// two conversations, one sync chat answered after 20 s and one email answered after 600 s (by mode: 2 groups)
		const path = join(tempDir(), 'cli.duckdb');
		const db = await openDatabase(path);
		await ingestText(
			db,
			'two.csv',
			'conversation_id,created_at,first_response_at,closed_at,channel,status\nc1,2026-08-03T10:00:00Z,2026-08-03T10:00:20Z,2026-08-03T10:05:00Z,chat,resolved\nc2,2026-08-03T11:00:00Z,2026-08-03T11:10:00Z,2026-08-03T12:00:00Z,email,resolved\n'
		);
		const expected = await computeMetrics(db.connection, {});
		db.close();
		const run = cli(['--json', '--db', path, 'metrics']);
		expect(run.status).toBe(0);
		const printed = JSON.parse(run.stdout);
		expect(printed).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(printed.groups.map((g: { key: string; frt_p50_s: number }) => [g.key, g.frt_p50_s])).toEqual([
			['async', 600],
			['sync', 20]
		]);
	});
});
