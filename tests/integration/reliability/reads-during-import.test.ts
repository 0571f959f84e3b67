import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { expectBeforeNumbers, writeBeforeCsv, writeBigCsv } from './fixture';

describe('reads during an import', () => {
	it('answers the existing dataset with unchanged numbers and never shows the new one half-loaded', async () => {
		const folder = tempDir('reliability-reads-');
		const db = await tempDatabase();
		await ingestFile(db, writeBeforeCsv(folder), { dataset: 'before' });
		const big = await writeBigCsv(folder, 150_000);
		const reader = await db.connect();
		const baseline = await computeMetrics(reader, { dataset: 'before' });
		expectBeforeNumbers(baseline.groups);

		let finished = false;
		const importing = ingestFile(db, big, { dataset: 'big' }).finally(() => (finished = true));
		let reads = 0;
		const seen = new Set<string>();
		do {
			expect(await computeMetrics(reader, { dataset: 'before' })).toEqual(baseline);
			// the same numbers straight from the table, past any cache: a1 answered after 30 s, a3 after 3600 s
			expect(
				await queryRows(
					reader,
					"SELECT count(*) AS n, sum(frt_s) AS frt FROM conversation_facts WHERE dataset_id = (SELECT dataset_id FROM datasets WHERE name = 'before')"
				)
			).toEqual([{ n: 3, frt: 3630 }]);
			const datasets = await queryRows<{ name: string; rows_loaded: number; facts: number }>(
				reader,
				'SELECT name, rows_loaded, (SELECT count(*) FROM conversation_facts f WHERE f.dataset_id = d.dataset_id) AS facts FROM datasets d ORDER BY dataset_id'
			);
			// the new dataset is either invisible or complete: never rows without their facts
			for (const d of datasets) expect(d.facts).toBe(d.rows_loaded);
			for (const d of datasets) seen.add(d.name);
			reads++;
		} while (!finished);
		const result = await importing;
		reader.closeSync();
		expect(reads).toBeGreaterThan(1);
		expect(seen.has('before')).toBe(true);
		expect(result.rows_loaded).toBeGreaterThan(140_000);
		const [after] = await queryRows<{ n: number }>(db.connection, 'SELECT count(*) AS n FROM datasets');
		expect(after.n).toBe(2);
	}, 180_000);
});
