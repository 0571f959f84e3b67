import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { resolveDataset } from '../../../src/lib/server/metrics/filters';
import { readDashboardScope } from '../../../src/lib/server/dashboard/filters';
import { currentDefault, markDefaultDataset } from '../../../src/lib/server/dashboard/defaultDataset';
import { computeMetrics } from '../../../src/lib/server/metrics/index';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel\n';
/** `count` chat conversations, one a minute from 09:00 on `day` */
const rows = (prefix: string, day: string, count: number) =>
	Array.from(
		{ length: count },
		(_, i) => `${prefix}${i},${day}T09:${String(i).padStart(2, '0')}:00Z,${day}T09:${String(i).padStart(2, '0')}:30Z,${day}T10:00:00Z,chat`
	).join('\n') + '\n';

describe('the default dataset', () => {
	it('is the largest when none is marked, the marked one once marked, and the CLI, API and dashboard agree', async () => {
		const db = await tempDatabase();
		// loaded first but larger (5 conversations) than the newer upload (2)
		await ingestText(db, 'big.csv', HEADER + rows('b', '2026-09-01', 5), { dataset: 'big', timezone: 'UTC' });
		await ingestText(db, 'newest.csv', HEADER + rows('n', '2026-10-01', 2), { dataset: 'newest', timezone: 'UTC' });

		expect((await resolveDataset(db.connection)).name).toBe('big');
		expect(await currentDefault(db.connection)).toEqual({ name: 'big', marked: false });
		expect((await readDashboardScope(db.connection, new URL('http://x/')))!.filters.dataset).toBe('big');
		expect((await computeMetrics(db.connection, {})).dataset).toBe('big');

		await markDefaultDataset(db.connection, 'newest', 'analyst1');
		expect((await resolveDataset(db.connection)).name).toBe('newest');
		expect(await currentDefault(db.connection)).toEqual({ name: 'newest', marked: true });
		const scope = (await readDashboardScope(db.connection, new URL('http://x/')))!;
		expect(scope.filters.dataset).toBe('newest');
		expect(scope.filters.from).toBe('2026-10-01');
		// the metrics cache must not answer with the previous default's numbers
		const metrics = await computeMetrics(db.connection, {});
		expect(metrics.dataset).toBe('newest');
		expect(metrics.groups.find((g) => g.key === 'sync')?.conversations).toBe(2);

		// a dataset named in the URL still wins over the default
		expect((await readDashboardScope(db.connection, new URL('http://x/?dataset=big')))!.filters.dataset).toBe('big');
	});

	it('refuses to mark a dataset that does not exist, in one sentence', async () => {
		const db = await tempDatabase();
		await expect(markDefaultDataset(db.connection, 'nope', 'admin')).rejects.toThrow('There is no dataset "nope" to make the default; pick one from the list.');
	});
});
