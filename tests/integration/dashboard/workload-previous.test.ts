import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { readDashboardScope } from '../../../src/lib/server/dashboard/filters';
import { loadWorkload } from '../../../src/lib/server/dashboard/pages';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel,agent_id\n';
// 1 Sep: agent a holds two chats at once, answered 09:00, closed 09:30 -> concurrency 2 (mean and max) in the 09:00 and
// 09:15 buckets, and 2 open at the 09:00 and 09:15 backlog samples. 3 Sep: one such chat -> concurrency 1, backlog 1.
// 4 Sep: one more chat so the data reaches the end of the range.
const CSV =
	HEADER +
	'p1,2026-09-01T09:00:00Z,2026-09-01T09:00:00Z,2026-09-01T09:30:00Z,chat,a\n' +
	'p2,2026-09-01T09:00:00Z,2026-09-01T09:00:00Z,2026-09-01T09:30:00Z,chat,a\n' +
	'c1,2026-09-03T09:00:00Z,2026-09-03T09:00:00Z,2026-09-03T09:30:00Z,chat,a\n' +
	'c2,2026-09-04T09:00:00Z,2026-09-04T09:00:00Z,2026-09-04T09:30:00Z,chat,a\n';

const at = (t: string, shiftMs: number) => new Date(Date.parse(t) + shiftMs).toISOString();

describe("the Workload page's previous-period overlays", () => {
	it("carry the previous period's own concurrency and open backlog, moved onto the current days", async () => {
		const db = await tempDatabase();
		await ingestText(db, 'w.csv', CSV, { dataset: 'w', timezone: 'UTC' });
		// 3-4 Sep (2 days, 15-minute buckets); the previous equal period is 1-2 Sep
		const scope = (await readDashboardScope(db.connection, new URL('http://x/?dataset=w&from=2026-09-03&to=2026-09-04')))!;
		const current = await loadWorkload(db.connection, scope);
		const priorScope = (await readDashboardScope(db.connection, new URL('http://x/?dataset=w&from=2026-09-01&to=2026-09-02')))!;
		const prior = await loadWorkload(db.connection, priorScope);

		const concurrency = current.concurrencyBefore!;
		expect(concurrency.shiftMs).toBe(2 * 86_400_000);
		const sync = concurrency.series.find((s) => s.key === 'sync')!;
		const nine = sync.points.find((p) => at(p.t, concurrency.shiftMs) === '2026-09-03T09:00:00.000Z')!;
		expect([nine.value, nine.max]).toEqual([2, 2]);
		// point for point what 1-2 Sep shows on its own
		expect(sync.points).toEqual(prior.concurrency.find((s) => s.key === 'sync')!.points.map(({ t, value, max }) => ({ t, value, max })));
		// and the current period's own 09:00 level is 1, so the overlay is not the current series again
		expect(current.concurrency.find((s) => s.key === 'sync')!.points.find((p) => p.t === '2026-09-03T09:00:00.000Z')!.value).toBe(1);

		const backlog = current.backlogBefore!;
		const open = backlog.series[0];
		expect(open.key).toBe('all open');
		expect(open.points.find((p) => at(p.t, backlog.shiftMs) === '2026-09-03T09:15:00.000Z')!.value).toBe(2);
		expect(open.points.map((p) => p.value)).toEqual(prior.ageing.map((p) => p.bands.reduce((a, b) => a + b, 0)));

		// no previous period before the data's first day: no overlay offered
		const first = (await readDashboardScope(db.connection, new URL('http://x/?dataset=w&from=2026-09-01&to=2026-09-02')))!;
		const firstLoad = await loadWorkload(db.connection, first);
		expect([firstLoad.concurrencyBefore, firstLoad.backlogBefore]).toEqual([null, null]);
	});
});
