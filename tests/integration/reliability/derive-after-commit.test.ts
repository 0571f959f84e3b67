import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabaseFile } from '../../../src/lib/server/db/database';
import { queryRows } from '../../../src/lib/server/db/sql';
import { DERIVED_TABLES } from '../../../src/lib/server/derive/index';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { computeMetrics, computeSeries, invalidateMetricsCache } from '../../../src/lib/server/metrics/index';
import { stillDeriving } from '../../../src/lib/server/metrics/whole';
import { openDatabase } from '../../../src/lib/server/open';
import { tempDir } from '../../helpers/temp';
import { expectBeforeNumbers, writeBeforeCsv, writeBigCsv } from './fixture';

const ROOT = resolve(__dirname, '../../..');

/** Rows of each stored derived table for a dataset. */
async function storedCounts(connection: Parameters<typeof queryRows>[0], datasetId: number): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of DERIVED_TABLES) {
		counts[table] = (await queryRows<{ n: number }>(connection, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE dataset_id = ?`, [datasetId]))[0].n;
	}
	return counts;
}

describe('the derive after the commit', () => {
	it('lets the dataset be read, with the same numbers, while its stored derived values are written', async () => {
		const folder = tempDir('derive-after-commit-');
		const db = await openDatabase(join(folder, 'cm.duckdb'));
		try {
			let during: Awaited<ReturnType<typeof computeMetrics>> | undefined;
			let duringSeries: Awaited<ReturnType<typeof computeSeries>> | undefined;
			let pendingDuring = false;
			let storedDuring: Record<string, number> = {};
			await ingestFile(db, writeBeforeCsv(folder), {
				dataset: 'before',
				onQueryable: async () => {
					const [{ id }] = await queryRows<{ id: number }>(db.connection, `SELECT dataset_id AS id FROM datasets WHERE name = 'before'`);
					pendingDuring = await stillDeriving(db.connection, id);
					storedDuring = await storedCounts(db.connection, id);
					during = await computeMetrics(db.connection, { dataset: 'before' });
					duringSeries = await computeSeries(db.connection, 'concurrency', { dataset: 'before', by: 'mode', interval: '1h' });
				}
			});
			// committed but not derived: the mark, and none of the stored values yet
			expect(pendingDuring).toBe(true);
			expect(storedDuring).toEqual({
				business_calendar: 0,
				concurrency_segments: 0,
				concurrency_daily: 0,
				hourly_rollup: 0,
				group_concurrency: 0,
				group_summaries: 0,
				derive_pending: 1
			});
			// read from the committed rows: the hand-worked numbers (fixture.ts), and ag1's one window 09:00:30-09:10:00 (sync: k = 1
			// throughout, so mean 1 and max 1; the open email has no assigned window, so async has none)
			expectBeforeNumbers(during!.groups);
			expect(during!.groups.map((g) => [g.key, g.concurrency_mean, g.concurrency_max])).toEqual([
				['async', null, null],
				['sync', 1, 1]
			]);
			const [{ id }] = await queryRows<{ id: number }>(db.connection, `SELECT dataset_id AS id FROM datasets WHERE name = 'before'`);
			expect(await stillDeriving(db.connection, id)).toBe(false);
			const stored = await storedCounts(db.connection, id);
			expect(stored.derive_pending).toBe(0);
			expect(stored.group_concurrency).toBeGreaterThan(0);
			expect(stored.group_summaries).toBe(1);
			// the same numbers from the stored values once the derive ended
			invalidateMetricsCache();
			expect(await computeMetrics(db.connection, { dataset: 'before' })).toEqual(during);
			expect(await computeSeries(db.connection, 'concurrency', { dataset: 'before', by: 'mode', interval: '1h' })).toEqual(duringSeries);
		} finally {
			db.close();
		}
	}, 60_000);

	it('survives a kill -9 during the derive: the dataset stays queryable and the derive resumes on open', async () => {
		const folder = tempDir('derive-kill-');
		const csv = await writeBigCsv(folder, 20_000);
		const reference = await openDatabase(join(folder, 'reference.duckdb'));
		let expected: Awaited<ReturnType<typeof computeMetrics>>;
		let expectedStored: Record<string, number>;
		try {
			await ingestFile(reference, csv, { dataset: 'big' });
			expected = await computeMetrics(reference.connection, { dataset: 'big', by: 'channel' });
			expectedStored = await storedCounts(reference.connection, 1);
		} finally {
			reference.close();
		}

		const dbPath = join(folder, 'cm.duckdb');
		const exit = await new Promise<{ signal: NodeJS.Signals | null; output: string }>((done, fail) => {
			const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'killDuringDerive.mts'), csv, dbPath], {
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let output = '';
			child.stdout.on('data', (d: Buffer) => (output += d.toString()));
			child.stderr.on('data', (d: Buffer) => (output += d.toString()));
			child.on('error', fail);
			child.on('exit', (_code, signal) => done({ signal, output }));
		});
		expect(exit).toMatchObject({ signal: 'SIGKILL' });

		// as the kill left it (opened without the repair): every conversation committed, the stored values not, the mark set
		const left = await openDatabaseFile(dbPath);
		try {
			const [row] = await queryRows<{ id: number; n: number }>(
				left.connection,
				`SELECT d.dataset_id AS id, (SELECT count(*) FROM conversations c WHERE c.dataset_id = d.dataset_id)::INTEGER AS n FROM datasets d WHERE name = 'big'`
			);
			expect(row.n).toBe(expected.groups.reduce((sum, g) => sum + g.conversations, 0));
			expect(await storedCounts(left.connection, row.id)).toMatchObject({ group_concurrency: 0, hourly_rollup: 0, group_summaries: 0, derive_pending: 1 });
		} finally {
			left.close();
		}

		// the next open derives it: the same stored rows and numbers as an import that was never interrupted
		const db = await openDatabase(dbPath);
		try {
			expect(await storedCounts(db.connection, 1)).toEqual(expectedStored);
			// the resumed derive rewrites the rows in another order, so a mean of doubles may differ in its last bit
			const resumed = await computeMetrics(db.connection, { dataset: 'big', by: 'channel' });
			expect(resumed.groups.map((g) => g.key)).toEqual(expected.groups.map((g) => g.key));
			for (const [i, group] of resumed.groups.entries()) {
				for (const [field, value] of Object.entries(group)) {
					const want = (expected.groups[i] as unknown as Record<string, unknown>)[field];
					if (typeof value === 'number' && typeof want === 'number' && !Number.isInteger(want)) expect(value).toBeCloseTo(want, 9);
					else expect(value).toEqual(want);
				}
			}
		} finally {
			db.close();
		}
	}, 120_000);
});
