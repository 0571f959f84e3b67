import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { costEstimatedByGroup } from '../../../src/lib/server/metrics/handleSource';
import { buildFilter, resolveDataset } from '../../../src/lib/server/metrics/filters';
import { queryRows } from '../../../src/lib/server/db/sql';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,handle_s';
// ana holds m1 [10:00,11:00) and m2 [10:30,11:30) on messaging (async): k = 1, then 2 from 10:30 to 11:00, then 1.
// attributed m1 = 1800/1 + 1800/2 = 2700 s of its 3600 s window: mean concurrency 3600 / 2700 = 4/3.
// Focus 600 s at that concurrency: 600 x 2700 / 3600 = 450 s; cost = 450 / 3600 x 32 / 0.85 = 4.705882...
// m2 the same by symmetry. ben's v1 [10:00,10:10) on voice alone: focus 600 s x 600/600 = 600 s, 600/3600 x 32/0.85 = 6.274509...
const WITH_FOCUS = `${HEADER}
m1,2026-03-02T09:55:00Z,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,resolved,messaging,ana,600
m2,2026-03-02T10:25:00Z,2026-03-02T10:30:00Z,2026-03-02T11:30:00Z,resolved,messaging,ana,600
v1,2026-03-02T09:59:00Z,2026-03-02T10:00:00Z,2026-03-02T10:10:00Z,resolved,voice,ben,600
`;

describe('cost per conversation at the measured concurrency (issue 14, item 10)', () => {
	it('divides focus time by the concurrency the agent held over the thread, and marks a dataset without handle time estimated', async () => {
		const db = await tempDatabase();
		await ingestText(db, 'focus.csv', WITH_FOCUS, { dataset: 'focus' });
		const costs = await queryRows<{ conversation_id: string; cost: number }>(
			db.connection,
			'SELECT conversation_id, cost FROM conversation_facts ORDER BY conversation_id'
		);
		const rate = 32 / 0.85 / 3600;
		expect(costs.find((c) => c.conversation_id === 'm1')!.cost).toBeCloseTo(450 * rate, 9);
		expect(costs.find((c) => c.conversation_id === 'm2')!.cost).toBeCloseTo(450 * rate, 9);
		expect(costs.find((c) => c.conversation_id === 'v1')!.cost).toBeCloseTo(600 * rate, 9);
		const groups = (await computeMetrics(db.connection, { dataset: 'focus', by: 'mode' })).groups;
		expect(groups.find((g) => g.key === 'async')!.cost_per_conversation).toBeCloseTo(450 * rate, 9);

		// the same rows without the handle_s column: attributed time (m1 2700 s, m2 2700 s), estimated
		const bare = WITH_FOCUS.split('\n')
			.map((line) => line.split(',').slice(0, 7).join(','))
			.join('\n');
		await ingestText(db, 'bare.csv', bare, { dataset: 'bare' });
		const bareAsync = (await computeMetrics(db.connection, { dataset: 'bare', by: 'mode' })).groups.find((g) => g.key === 'async')!;
		expect(bareAsync.cost_per_conversation).toBeCloseTo(2700 * rate, 9);
		const flags = async (name: string) => {
			const dataset = await resolveDataset(db.connection, name);
			return costEstimatedByGroup(db.connection, buildFilter(dataset.datasetId, {}), 'mode');
		};
		expect(await flags('bare')).toEqual({ async: true, sync: true });
		expect(await flags('focus')).toEqual({ async: false, sync: false });
	});
});
