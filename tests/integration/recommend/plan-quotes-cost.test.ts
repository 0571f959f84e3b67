import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { writeGenerated } from '../../../src/lib/server/generate/writer';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { dashboardPageData } from '../../../src/lib/server/dashboard/load';
import { loadCost } from '../../../src/lib/server/dashboard/pages';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';
import { readSettings } from '../../../src/lib/server/settings/store';
import { buildPlan } from '../../../src/lib/planning/plan';

describe('the Plan quotes the Cost page (issue 14, items 10 and 11)', () => {
	it('gives the same cost per conversation per mode, its estimated marks, and refuses a mix from 3 weeks', async () => {
		const db = await tempDatabase();
		const dir = tempDir();
		// 2026-08-01 (a Saturday) + 24 days: full weeks Mon 3 Aug to Sun 23 Aug, three of them
		const config = { conversations: 3_000, seed: 4, days: 24 };
		await writeGenerated(join(dir, 'zendesk.csv'), 'zendesk', config);
		await ingestFile(db, join(dir, 'zendesk.csv'), { dataset: 'zd' });
		await writeGenerated(join(dir, 'canonical.csv'), 'conversations', config);
		await ingestFile(db, join(dir, 'canonical.csv'), { dataset: 'canonical' });
		const settings = await readSettings(db.connection);
		for (const [dataset, estimated] of [
			['zd', true],
			['canonical', false]
		] as const) {
			const page = await dashboardPageData(db.connection, new URL(`http://localhost/cost?dataset=${dataset}`), loadCost);
			if (page.state !== 'ready') throw new Error(`cost page: ${page.state}`);
			const inputs = await readPlanInputs(db.connection, settings, { dataset, weeksHistory: 4, horizonDays: 7, intervalMin: 30 });
			const plan = buildPlan(inputs, { sla: settings.sla, costs: settings.costs, planning: settings.planning, currency: settings.currency });
			// the page's default range (the last 30 days, here the whole 24) is the plan's measured range
			expect(plan.mix.measured_range).toEqual({ from: page.filters.from, to: page.filters.to });
			for (const mode of ['sync', 'async'] as const) {
				const row = page.byMode.find((r) => r.key === mode)!;
				expect(row.cost_per_conversation).toBeGreaterThan(0);
				expect(plan.mix.cost_per_conversation[mode]!.value).toBeCloseTo(row.cost_per_conversation!, 4);
				expect(plan.mix.cost_per_conversation[mode]!.estimated).toBe(estimated);
				expect(page.estimated[mode]).toBe(estimated);
			}
			expect(inputs.historyWeeks).toBe(3);
			expect(plan.mix.decision).toBe('insufficient_history');
			expect(plan.mix.recommended.async_share).toBe(plan.mix.current_async_share);
			expect(plan.mix.main_reason).toBe(
				"No mix recommendation yet: the data holds 3 full weeks (Monday to Sunday, UTC) and a recommendation needs at least 4, so that one unusual week (a launch, an outage, a holiday) cannot decide it; the staffing plans today's mix. Load more history to get one."
			);
			const quoted = plan.mix.reasons.find((r) => r.startsWith('Cost per conversation as the Cost page measures it'))!;
			expect(quoted).toContain(`async ${page.byMode.find((r) => r.key === 'async')!.cost_per_conversation!.toFixed(2)} USD`);
			expect(quoted.includes('estimated: the data has no handle-time column')).toBe(estimated);
		}
	});
});
