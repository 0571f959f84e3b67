import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workFolder } from '../../../src/lib/server/db/database';
import { openDatabase } from '../../../src/lib/server/open';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { tempDir } from '../../helpers/temp';
import { expectBeforeNumbers, NO_ORPHANS, orphanRows, writeBeforeCsv, writeBigCsv } from './fixture';

const ROOT = resolve(__dirname, '../../..');

/** Starts `cli ingest` in a child process and SIGKILLs it after `afterMs` (or lets it end first); resolves when it is gone. */
function ingestKilledAfter(csv: string, dbPath: string, dataset: string, afterMs: number, large: boolean): Promise<{ killed: boolean; output: string }> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'ingest', csv, '--db', dbPath, '--dataset', dataset, '--json'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			// a large file stages in a scratch database file (ingest/scratch.ts): the file is taken as large every other run
			env: large ? { ...process.env, CHANNEL_MIX_LARGE_FILE_BYTES: '0' } : process.env
		});
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
		child.on('error', fail);
		child.on('exit', (_code, signal) => {
			clearTimeout(timer);
			done({ killed: signal === 'SIGKILL', output });
		});
	});
}

describe('kill -9 during an import', () => {
	it('leaves the previous dataset intact, no partial dataset and no orphan rows, at several moments of the import', async () => {
		const folder = tempDir('reliability-kill-');
		const dbPath = join(folder, 'cm.duckdb');
		const big = await writeBigCsv(folder, 300_000);

		let db = await openDatabase(dbPath);
		await ingestFile(db, writeBeforeCsv(folder), { dataset: 'before' });
		const baseline = await computeMetrics(db.connection, { dataset: 'before' });
		expectBeforeNumbers(baseline.groups);
		db.close();

		// after tsx starts (~1 s): while reading the file, while loading, while deriving
		const moments = [1500, 3000, 5000, 8000];
		const outcomes: { killed: boolean; committed: boolean }[] = [];
		for (const [i, ms] of moments.entries()) {
			const name = `big-${i}`;
			const run = await ingestKilledAfter(big, dbPath, name, ms, i % 2 === 1);
			db = await openDatabase(dbPath);
			try {
				// a scratch file left by the kill is gone once the database is open again
				expect(readdirSync(workFolder(db)).filter((n) => n.includes('.import-'))).toEqual([]);
				const datasets = await queryRows<{ name: string; rows_loaded: number; dataset_id: number }>(
					db.connection,
					'SELECT name, rows_loaded, dataset_id FROM datasets ORDER BY dataset_id'
				);
				const committed = datasets.some((d) => d.name === name);
				outcomes.push({ killed: run.killed, committed });
				// a killed import is all or nothing: either absent, or present with every row and every derived row
				if (run.killed) expect(datasets.map((d) => d.name).filter((n) => n === name).length).toBeLessThanOrEqual(1);
				expect(datasets[0].name).toBe('before');
				for (const d of datasets) {
					const [counts] = await queryRows<{ conversations: number; facts: number }>(
						db.connection,
						'SELECT (SELECT count(*) FROM conversations WHERE dataset_id = ?) AS conversations, (SELECT count(*) FROM conversation_facts WHERE dataset_id = ?) AS facts',
						[d.dataset_id, d.dataset_id]
					);
					expect(counts).toEqual({ conversations: d.rows_loaded, facts: d.rows_loaded });
				}
				expect(await orphanRows(db.connection)).toEqual(NO_ORPHANS);
				const after = await computeMetrics(db.connection, { dataset: 'before' });
				expect(after).toEqual(baseline);
			} finally {
				db.close();
			}
		}
		// at least one kill landed before the commit, so the check above really saw an interrupted import
		expect(outcomes.some((o) => o.killed && !o.committed)).toBe(true);
	}, 240_000);
	it('leaves a new database, killed during its first import, opening with no dataset or the whole one', async () => {
		const folder = tempDir('reliability-kill-new-');
		const big = await writeBigCsv(folder, 300_000);
		// the simulator's rows: every one loads when the import commits
		const rows = readFileSync(big, 'utf8').trimEnd().split('\n').length - 1;
		const outcomes: { killed: boolean; datasets: number }[] = [];
		// after tsx starts (~1 s) the file is created and migrated, then the import runs for a few seconds
		for (const [i, ms] of [1500, 2500, 4000].entries()) {
			const dbPath = join(folder, `new-${i}.duckdb`);
			const run = await ingestKilledAfter(big, dbPath, 'first', ms, i === 1);
			// before the fix the schema's WAL records made this open fail ("Failure while replaying WAL file")
			const db = await openDatabase(dbPath);
			try {
				const datasets = await queryRows<{ rows_loaded: number }>(db.connection, 'SELECT rows_loaded FROM datasets');
				expect(datasets.map((d) => d.rows_loaded)).toEqual(datasets.length === 0 ? [] : [rows]);
				const [stored] = await queryRows<{ n: number }>(db.connection, 'SELECT count(*) AS n FROM conversations');
				expect(stored.n).toBe(datasets.length === 0 ? 0 : rows);
				expect(await orphanRows(db.connection)).toEqual(NO_ORPHANS);
				outcomes.push({ killed: run.killed, datasets: datasets.length });
			} finally {
				db.close();
			}
		}
		expect(outcomes.some((o) => o.killed && o.datasets === 0)).toBe(true);
	}, 120_000);
});
