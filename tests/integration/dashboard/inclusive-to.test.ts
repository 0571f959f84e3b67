import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { readDashboardScope } from '../../../src/lib/server/dashboard/filters';
import { filtersToSearch, urlTo } from '../../../src/lib/dashboardFilters';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { isUserError } from '../../../src/lib/server/errors';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel\n';
/** `count` chats on `day`, one a minute from 09:00 */
const chats = (day: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${day}-${i},${day}T09:0${i}:00Z,${day}T09:0${i}:30Z,${day}T10:00:00Z,chat\n`).join('');

// 1 Sep: 2 chats, 2 Sep: 3, 3 Sep: 4
const CSV = HEADER + chats('2026-09-01', 2) + chats('2026-09-02', 3) + chats('2026-09-03', 4);
const conversations = async (db: Awaited<ReturnType<typeof tempDatabase>>, search: string) => {
	const scope = (await readDashboardScope(db.connection, new URL(`http://x/?${search}`)))!;
	const metrics = await computeMetrics(db.connection, { ...scope.query, by: 'mode' });
	return { scope, count: metrics.groups.reduce((n, g) => n + g.conversations, 0) };
};

describe("the dashboard URL's to is the last day included, as the To box shows it", () => {
	it('counts the to day itself, writes it back unchanged, and the API keeps its exclusive to', async () => {
		const db = await tempDatabase();
		await ingestText(db, 'days.csv', CSV, { dataset: 'days', timezone: 'UTC' });

		// from 1 Sep to 2 Sep inclusive: 2 + 3 = 5 (the old exclusive reading gave 2)
		const two = await conversations(db, 'dataset=days&from=2026-09-01&to=2026-09-02');
		expect(two.count).toBe(5);
		expect(two.scope.filters.to).toBe('2026-09-03');
		expect(urlTo(two.scope.filters.to)).toBe('2026-09-02');
		expect(filtersToSearch(two.scope.filters)).toBe('dataset=days&from=2026-09-01&to=2026-09-02');

		// a one-day range: from = to = 3 Sep, its 4 chats
		expect((await conversations(db, 'dataset=days&from=2026-09-03&to=2026-09-03')).count).toBe(4);

		// an end before the start is one sentence
		const refused = await readDashboardScope(db.connection, new URL('http://x/?dataset=days&from=2026-09-03&to=2026-09-02')).catch((e: unknown) => e);
		expect(isUserError(refused) && refused.message).toBe('The range starts on 2026-09-03 but ends on 2026-09-02 before it; pick a start on or before the end.');

		// the CLI/API contract (product.md, metrics.md): `to` is an exclusive instant, so to=2 Sep is 1 Sep's 2 only
		const api = await computeMetrics(db.connection, { dataset: 'days', from: '2026-09-01', to: '2026-09-02', by: 'mode' });
		expect(api.groups.reduce((n, g) => n + g.conversations, 0)).toBe(2);
	});
});
