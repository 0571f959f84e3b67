import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings/defaults';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { deleteDataset } from '../../../src/lib/server/ingest/datasets';
import { computeCoverage, computeMetrics, computeSeries } from '../../../src/lib/server/metrics/index';
import { updateSetting } from '../../../src/lib/server/settings/update';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { expectBeforeNumbers, writeBeforeCsv } from './fixture';

const counts = (groups: { key: string; conversations: number }[]) => groups.map((g) => [g.key, g.conversations]);

describe('cached dashboard numbers', () => {
	it('follow a replaced dataset, a changed setting and a deletion, and hand out copies', async () => {
		const folder = tempDir('reliability-cache-');
		const db = await tempDatabase();
		await ingestFile(db, writeBeforeCsv(folder), { dataset: 'before' });
		const first = await computeMetrics(db.connection, { dataset: 'before' });
		expectBeforeNumbers(first.groups);

		// a caller changing its result does not change the next caller's
		first.groups[0].conversations = 999;
		expectBeforeNumbers((await computeMetrics(db.connection, { dataset: 'before' })).groups);

		// replaced by a file with a1 only (chat, sync): 1 sync conversation, no async group
		const onlyA1 = join(folder, 'only-a1.csv');
		writeFileSync(
			onlyA1,
			'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id\na1,2026-08-03T09:00:00Z,2026-08-03T09:00:30Z,2026-08-03T09:10:00Z,resolved,chat,ag1\n'
		);
		await ingestFile(db, onlyA1, { dataset: 'before', replace: true });
		expect(counts((await computeMetrics(db.connection, { dataset: 'before' })).groups)).toEqual([['sync', 1]]);
		expect((await computeSeries(db.connection, 'arrivals', { dataset: 'before', interval: '1d' })).series[0].points).toEqual([
			{ t: '2026-08-03T00:00:00.000Z', value: 1 }
		]);

		// a second dataset, whose file gives the mode of its chat: every dataset is derived again, and a given mode stays
		const given = join(folder, 'given.csv');
		writeFileSync(given, 'conversation_id,created_at,channel,mode\ng1,2026-08-03T09:00:00Z,chat,sync\ng2,2026-08-03T09:30:00Z,chat,\n');
		await ingestFile(db, given, { dataset: 'given' });
		expect(counts((await computeMetrics(db.connection, { dataset: 'given' })).groups)).toEqual([['sync', 2]]);

		// chat made async: the same conversation now counts as async
		await updateSetting(db, 'channel_modes', { ...DEFAULT_SETTINGS.channel_modes, chat: 'async' }, 'admin');
		expect(counts((await computeMetrics(db.connection, { dataset: 'before' })).groups)).toEqual([['async', 1]]);
		// g1's file said sync; g2 had no mode, so it follows the setting
		expect(counts((await computeMetrics(db.connection, { dataset: 'given' })).groups)).toEqual([
			['async', 1],
			['sync', 1]
		]);
		// a1 arrived Monday 09:00 UTC, inside the default business hours: in hours, answered
		expect((await computeCoverage(db.connection, { dataset: 'before' })).in_hours.answered.conversations).toBe(1);

		await deleteDataset(db, 'before');
		await expect(computeMetrics(db.connection, { dataset: 'before' })).rejects.toThrow(/There is no dataset "before"/);
	});
});
