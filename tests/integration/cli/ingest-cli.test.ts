import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/open';
import { tempDir } from '../../helpers/temp';
import { writeFixture } from '../../helpers/ingest';

const ROOT = resolve(__dirname, '../../..');

function cli(args: string[]) {
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli.ts'), ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 60_000
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ingest and datasets on the command line', () => {
	it('prints the ingest --json contract: one JSON document on stdout', () => {
		const db = join(tempDir(), 'cli.duckdb');
		const file = writeFixture(
			'calls.csv',
			'Ticket ID,Opened,Answered At,Ended,Medium\n1,2026-08-03T10:00:00Z,2026-08-03T10:00:20Z,2026-08-03T10:05:00Z,phone\n2,2026-08-03T10:00:00Z,,2026-08-03T09:00:00Z,phone\n'
		);
		const run = cli(['ingest', file, '--db', db, '--json']);
		expect(run.status).toBe(0);
		const result = JSON.parse(run.stdout);
		expect(result).toMatchObject({
			dataset: 'calls',
			preset: 'generic',
			rows_read: 2,
			rows_loaded: 1,
			rows_rejected: 1,
			rejects: [{ line: 3, reason: 'Ended = 2026-08-03T09:00:00Z is before Opened = 2026-08-03T10:00:00Z' }],
			mapping: { conversation_id: 'Ticket ID', created_at: 'Opened', first_response_at: 'Answered At', closed_at: 'Ended', channel: 'Medium' }
		});
		expect(typeof result.seconds).toBe('number');

		const list = cli(['datasets', '--db', db, '--json']);
		expect(JSON.parse(list.stdout).datasets.map((d: { name: string; conversations: number }) => [d.name, d.conversations])).toEqual([['calls', 1]]);
		const deleted = cli(['datasets', 'delete', 'calls', '--db', db, '--json']);
		expect(JSON.parse(deleted.stdout)).toEqual({ deleted: 'calls' });
	});

	it('a refusal is one sentence on stderr, nothing on stdout, a non-zero exit', () => {
		const db = join(tempDir(), 'cli.duckdb');
		const file = writeFixture('empty.csv', '');
		const run = cli(['ingest', file, '--db', db, '--json']);
		expect(run.status).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe('empty.csv is empty; export the data again and upload the CSV file.\n');
		const missing = cli(['ingest', '/nonexistent/file.csv', '--db', db]);
		expect(missing.stderr).toBe('There is no file /nonexistent/file.csv; check the path.\n');
	});

	it('says so in one sentence when another process holds the database', async () => {
		const path = join(tempDir(), 'held.duckdb');
		const held = await openDatabase(path);
		try {
			const run = cli(['datasets', '--db', path]);
			expect(run.status).toBe(1);
			expect(run.stderr).toBe(
				`The database ${path} is in use by another process (probably the running server); stop it first, or pass --db with another file.\n`
			);
		} finally {
			held.close();
		}
	});
});
