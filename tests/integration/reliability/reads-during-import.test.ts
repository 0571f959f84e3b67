import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile, type ImportPoint } from '../../../src/lib/server/ingest/index';
import { computeMetrics, type MetricsResult } from '../../../src/lib/server/metrics/index';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { expectBeforeNumbers, writeBeforeCsv, writeBigCsv } from './fixture';

/** What a reader sees of the datasets: each one's entry and its rows, facts and rows without an entry. */
async function readEverything(reader: DuckDBConnection, baseline: MetricsResult) {
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
	const [orphans] = await queryRows<{ n: number }>(reader, 'SELECT count(*) AS n FROM conversations WHERE dataset_id NOT IN (SELECT dataset_id FROM datasets)');
	return { datasets, orphans: orphans.n };
}

describe('reads during an import', () => {
	it('answers the existing dataset with unchanged numbers and never shows the new one half-loaded', async () => {
		const folder = tempDir('reliability-reads-');
		const db = await tempDatabase();
		await ingestFile(db, writeBeforeCsv(folder), { dataset: 'before' });
		const big = await writeBigCsv(folder, 20_000);
		const reader = await db.connect();
		const baseline = await computeMetrics(reader, { dataset: 'before' });
		expectBeforeNumbers(baseline.groups);

		// the import waits at each point while another connection reads: no timer decides whether the reads fall inside it
		const seen: Record<string, Awaited<ReturnType<typeof readEverything>>> = {};
		const pauseAt = async (point: ImportPoint) => {
			seen[point] = await readEverything(reader, baseline);
		};
		const result = await ingestFile(db, big, { dataset: 'big', pauseAt });
		// staged, and every row written but not committed: only the old dataset, complete, and none of the new rows
		for (const point of ['staged', 'written']) expect(seen[point]).toEqual({ datasets: [{ name: 'before', rows_loaded: 3, facts: 3 }], orphans: 0 });
		// committed: the new dataset whole
		const after = await readEverything(reader, baseline);
		reader.closeSync();
		expect(result.rows_loaded).toBeGreaterThan(19_000);
		expect(after).toEqual({
			datasets: [
				{ name: 'before', rows_loaded: 3, facts: 3 },
				{ name: 'big', rows_loaded: result.rows_loaded, facts: result.rows_loaded }
			],
			orphans: 0
		});
	}, 180_000);
});
