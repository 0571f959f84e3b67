import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { loadFixture } from './fixture';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { groupSummaries, storedWholeSummaries, SUMMARY_FIELDS_HASH } from '../../../src/lib/server/metrics/summary';
import { openDatabase } from '../../../src/lib/server/open';
import { execute, queryRows } from '../../../src/lib/server/db/sql';
import { buildFilter } from '../../../src/lib/server/metrics/filters';
import { findDatasetId } from '../../../src/lib/server/ingest/datasets';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings/defaults';
import { updateSettings } from '../../../src/lib/server/settings/update';

// concurrency.csv, 2026-03-02 UTC, all sync (chat and voice): FRT c1 600 s, c2 600, c3 300 (chat), c4 60, c5 60 (voice).
// By mode: 5 conversations, FRT p50 = 300, p90 = 600 + 0.6 x (600 - 600) = 600.
// SLA with the default targets (voice 20 s, chat 60 s): none met -> 0 / 5 = 0; with voice at 60 s: c4, c5 -> 2 / 5 = 0.4.
describe('the whole dataset summary stored at ingest', () => {
	it('holds what the full scan gives, and answers metrics over all of the dataset', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const datasetId = (await findDatasetId(db.connection, 'concurrency'))!;
		const stored = await storedWholeSummaries(db.connection, datasetId, 'mode');
		expect(stored).toEqual(await groupSummaries(db.connection, buildFilter(datasetId, {}), 'mode'));
		expect(stored!.map((s) => [s.key, s.conversations, s.frt_p50_s, s.frt_p90_s, s.sla_attainment])).toEqual([['sync', 5, 300, 600, 0]]);
		expect(stored![0].first_created_at).toEqual(new Date('2026-03-02T09:50:00Z'));
		// other groupings are not stored; they are scanned
		expect(await storedWholeSummaries(db.connection, datasetId, 'channel')).toBeNull();
		const whole = await computeMetrics(db.connection, { dataset: 'concurrency' });
		expect(whole.groups.map((g) => [g.key, g.conversations, g.frt_p50_s])).toEqual([['sync', 5, 300]]);
	});

	it('is derived again when a setting it depends on changes', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const datasetId = (await findDatasetId(db.connection, 'concurrency'))!;
		await updateSettings(db, { sla: { ...DEFAULT_SETTINGS.sla, voice: { ...DEFAULT_SETTINGS.sla.voice, frt_s: 60 } } }, 'ann');
		const stored = await storedWholeSummaries(db.connection, datasetId, 'mode');
		expect(stored!.map((s) => [s.key, s.sla_attainment])).toEqual([['sync', 0.4]]);
		expect((await computeMetrics(db.connection, { dataset: 'concurrency' })).groups[0].sla_attainment).toBe(0.4);
	});

	it('is rebuilt on open when it was stored from another field list', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'reopens');
		const datasetId = (await findDatasetId(db.connection, 'reopens'))!;
		// as an older app stored it: without reopen_rate, under another hash
		const [row] = await queryRows<{ summaries: string }>(db.connection, 'SELECT summaries FROM group_summaries WHERE dataset_id = ?', [datasetId]);
		const old = (JSON.parse(row.summaries) as Record<string, unknown>[]).map(({ reopen_rate: _dropped, ...rest }) => rest);
		await execute(db.connection, `UPDATE group_summaries SET summaries = ?, fields_hash = 'an older field list' WHERE dataset_id = ?`, [
			JSON.stringify(old),
			datasetId
		]);
		// a stale copy is never served, even before the rebuild
		expect(await storedWholeSummaries(db.connection, datasetId, 'mode')).toBeNull();
		db.close();

		const reopened = await openDatabase(db.path);
		try {
			const rows = await queryRows<{ summaries: string; fields_hash: string }>(
				reopened.connection,
				'SELECT summaries, fields_hash FROM group_summaries WHERE dataset_id = ?',
				[datasetId]
			);
			expect(rows.map((r) => r.fields_hash)).toEqual([SUMMARY_FIELDS_HASH]);
			// reopens.csv by mode: async (email) 0 / 2 reopened, sync (chat, voice) 2 / 3 (see reopen-rate.test.ts)
			const stored = await storedWholeSummaries(reopened.connection, datasetId, 'mode');
			expect(stored!.map((s) => [s.key, s.reopen_rate])).toEqual([
				['async', 0],
				['sync', 2 / 3]
			]);
		} finally {
			reopened.close();
		}
	});
});
