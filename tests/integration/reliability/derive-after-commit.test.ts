import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabaseFile } from '../../../src/lib/server/db/database';
import { queryRows } from '../../../src/lib/server/db/sql';
import { DERIVED_TABLES } from '../../../src/lib/server/derive/index';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { computeMetrics, computeSeries } from '../../../src/lib/server/metrics/index';
import { stillDeriving } from '../../../src/lib/server/metrics/whole';
import { openDatabase } from '../../../src/lib/server/open';
import { tempDir } from '../../helpers/temp';
import { UserError } from '../../../src/lib/server/errors';
import { dashboardPageData } from '../../../src/lib/server/dashboard/load';
import { loadCost } from '../../../src/lib/server/dashboard/pages';
import { listDatasets } from '../../../src/lib/server/ingest/datasets';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings/defaults';
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
	it('lets the dataset be read while its derive runs: the same numbers, agent time and cost null until it ends', async () => {
		const folder = tempDir('derive-after-commit-');
		const db = await openDatabase(join(folder, 'cm.duckdb'));
		try {
			let during: Awaited<ReturnType<typeof computeMetrics>> | undefined;
			let duringSeries: Awaited<ReturnType<typeof computeSeries>> | undefined;
			let pendingDuring = false;
			let storedDuring: Record<string, number> = {};
			let agentTimeDuring: unknown[] = [];
			let frameDuring: unknown;
			let listedDuring: unknown;
			let planDuring: unknown;
			let beforeCommit: unknown;
			let frameBeforeCommit: unknown;
			await ingestFile(db, writeBeforeCsv(folder), {
				dataset: 'before',
				onQueryable: async () => {
					const [{ id }] = await queryRows<{ id: number }>(db.connection, `SELECT dataset_id AS id FROM datasets WHERE name = 'before'`);
					pendingDuring = await stillDeriving(db.connection, id);
					storedDuring = await storedCounts(db.connection, id);
					agentTimeDuring = await queryRows(db.connection, 'SELECT conversation_id, attributed_agent_s, cost, agent_no FROM conversations ORDER BY 1');
					during = await computeMetrics(db.connection, { dataset: 'before' });
					duringSeries = await computeSeries(db.connection, 'concurrency', { dataset: 'before', by: 'mode', interval: '1h' });
					const page = await dashboardPageData(db.connection, new URL('http://x.invalid/cost?dataset=before'), loadCost);
					frameDuring = page.state === 'ready' && { deriving: page.deriving, costs: page.byMode.map((r) => [r.key, r.cost_per_conversation]) };
					listedDuring = (await listDatasets(db.connection)).map((d) => [d.name, d.deriving]);
					planDuring = await readPlanInputs(db.connection, DEFAULT_SETTINGS, { dataset: 'before', weeksHistory: 4, horizonDays: 1, intervalMin: 30 }).catch(
						(e: Error) => e.message
					);
				},
				// the derive has written everything and dropped the cache, but not committed: a reader on another connection still
				// sees the rows underived, and what it computes must not be served once the derive commits
				pauseAt: async (point) => {
					if (point !== 'derived') return;
					const other = await db.connect();
					try {
						beforeCommit = (await computeMetrics(other, { dataset: 'before' })).groups.map((g) => [g.key, g.cost_per_conversation]);
						const page = await dashboardPageData(other, new URL('http://x.invalid/cost?dataset=before'), loadCost);
						frameBeforeCommit = page.state === 'ready' && page.deriving;
					} finally {
						other.closeSync();
					}
				}
			});
			expect(beforeCommit).toEqual([
				['async', null],
				['sync', null]
			]);
			expect(frameBeforeCommit).toBe(true);
			// committed but not derived: the mark, none of the stored values, and no agent time or cost yet (the sweep runs
			// after the commit); the agent numbers are there, so the pages can sweep concurrency from the rows
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
			expect(agentTimeDuring).toEqual([
				{ conversation_id: 'a1', attributed_agent_s: null, cost: null, agent_no: 1 },
				{ conversation_id: 'a2', attributed_agent_s: null, cost: null, agent_no: null },
				{ conversation_id: 'a3', attributed_agent_s: null, cost: null, agent_no: 2 }
			]);
			// the pages say so (DashboardFrame's banner), the Data page marks the dataset, and the plan waits with a sentence
			expect(frameDuring).toEqual({
				deriving: true,
				costs: [
					['sync', null],
					['async', null]
				]
			});
			expect(listedDuring).toEqual([['before', true]]);
			expect(planDuring).toBe(
				'Dataset "before" is still deriving its agent time and cost after its import (about a minute per 10 million conversations); plan again when it ends.'
			);
			expect((await listDatasets(db.connection)).map((d) => d.deriving)).toEqual([false]);
			// read from the committed rows: the hand-worked numbers (fixture.ts), and ag1's one window 09:00:30-09:10:00 (sync: k = 1
			// throughout, so mean 1 and max 1; the open email has no assigned window, so async has none)
			expectBeforeNumbers(during!.groups);
			expect(during!.groups.map((g) => [g.key, g.concurrency_mean, g.concurrency_max, g.handle_mean_s, g.cost_per_conversation])).toEqual([
				['async', null, null, null, null],
				['sync', 1, 1, null, null]
			]);
			const [{ id }] = await queryRows<{ id: number }>(db.connection, `SELECT dataset_id AS id FROM datasets WHERE name = 'before'`);
			expect(await stillDeriving(db.connection, id)).toBe(false);
			const stored = await storedCounts(db.connection, id);
			expect(stored.derive_pending).toBe(0);
			expect(stored.group_concurrency).toBeGreaterThan(0);
			expect(stored.group_summaries).toBe(1);
			// once the derive ended: a1 held alone from its first reply to its close, 570 s, priced at $32 an hour over 0.85
			// occupancy; a2 (no agent) costs 0, so sync's mean is half of a1's; a3 is still open (no agent time, cost 0).
			// Straight from the cache's point of view: nothing computed during the derive is served now
			const after = await computeMetrics(db.connection, { dataset: 'before' });
			const a1Cost = (570 / 3600) * (32 / 0.85);
			expect(after.groups.map((g) => [g.key, g.handle_mean_s, g.cost_per_conversation])).toEqual([
				['async', null, 0],
				['sync', 570, a1Cost / 2]
			]);
			// every other number as it was during the derive
			const withoutAgentTime = (r: typeof after) => r.groups.map(({ handle_mean_s: _h, cost_per_conversation: _c, ...rest }) => rest);
			expect(withoutAgentTime(after)).toEqual(withoutAgentTime(during!));
			expect(await computeSeries(db.connection, 'concurrency', { dataset: 'before', by: 'mode', interval: '1h' })).toEqual(duringSeries);
			const pageAfter = await dashboardPageData(db.connection, new URL('http://x.invalid/cost?dataset=before'), loadCost);
			expect(pageAfter.state === 'ready' && [pageAfter.deriving, pageAfter.byMode.map((r) => r.cost_per_conversation)]).toEqual([false, [a1Cost / 2, 0]]);
		} finally {
			db.close();
		}
	}, 60_000);

	it('says so in one sentence when the derive fails after the commit, keeps the rows readable, and derives them at the next open', async () => {
		const folder = tempDir('derive-fails-');
		const path = join(folder, 'cm.duckdb');
		const db = await openDatabase(path);
		let failure: unknown;
		try {
			await ingestFile(db, writeBeforeCsv(folder), {
				dataset: 'before',
				// another connection holds an uncommitted write to the committed rows, so the derive's update of them conflicts
				onQueryable: async () => {
					await db.connection.run(`BEGIN; UPDATE conversations SET cost = 0 WHERE conversation_id = 'a1'`);
				}
			}).catch((e: unknown) => (failure = e));
			await db.connection.run('ROLLBACK');
			expect(failure).toBeInstanceOf(UserError);
			expect((failure as Error).message).toBe(
				'The 3 conversations of "before" are loaded and readable, but deriving their agent time, cost and concurrency failed; they are derived again the next time the database opens (a server start or any CLI command).'
			);
			expect((await listDatasets(db.connection)).map((d) => [d.name, d.deriving, d.conversations])).toEqual([['before', true, 3]]);
			expectBeforeNumbers((await computeMetrics(db.connection, { dataset: 'before' })).groups);
		} finally {
			db.close();
		}
		const reopened = await openDatabase(path);
		try {
			expect((await listDatasets(reopened.connection)).map((d) => d.deriving)).toEqual([false]);
			// a1's 570 s alone at $32 an hour over 0.85 occupancy, halved over sync's two conversations (see above)
			const sync = (await computeMetrics(reopened.connection, { dataset: 'before' })).groups.find((g) => g.key === 'sync')!;
			expect([sync.handle_mean_s, sync.cost_per_conversation]).toEqual([570, ((570 / 3600) * (32 / 0.85)) / 2]);
		} finally {
			reopened.close();
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
