import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { readSettings } from '../../../src/lib/server/settings/store';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';
import { planForDataset } from '../../../src/lib/server/planning/run';
import { requiredAsyncAgents } from '../../../src/lib/planning/asyncStaffing';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,customer_id,handle_s';

/**
 * Messaging only. Monday 2026-11-02 09:00-09:14 UTC: 15 pairs of conversations, each pair on its own
 * agent with the same window (first reply +30 s, close +1230 s: 1200 s held), so every agent holds
 * exactly 2 at once: concurrency 2, attributed time 1200 / 2 = 600 s each. A Sunday row before and a
 * Monday row after (no reply, no agent) make 11-02 the one full week without adding windows.
 * `focus`: the export gives handle_s = 600 (focus); otherwise handle_s is the attributed 600.
 */
function fixture(focus: boolean): string {
	const rows = [HEADER, 'x0,2026-11-01T12:00:00Z,,,open,messaging,,u0,'];
	for (let pair = 0; pair < 15; pair++) {
		const t = Date.parse('2026-11-02T09:00:00Z') + pair * 60_000;
		const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
		for (const side of ['a', 'b'])
			rows.push(`m${pair}${side},${iso(t)},${iso(t + 30_000)},${iso(t + 1_230_000)},resolved,messaging,agent${pair},u${pair}${side},${focus ? 600 : ''}`);
	}
	rows.push('x1,2026-11-09T12:00:00Z,,,open,messaging,,u9,');
	const file = join(tempDir(), focus ? 'focus.csv' : 'attributed.csv');
	writeFileSync(file, rows.join('\n') + '\n');
	return file;
}

async function planned(focus: boolean) {
	const db = await tempDatabase();
	await ingestFile(db, fixture(focus), { dataset: 'm', preset: 'generic' });
	const settings = await readSettings(db.connection);
	const inputs = await readPlanInputs(db.connection, settings, { dataset: 'm', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
	const { plan } = await planForDataset(db.connection, { dataset: 'm', horizonDays: 1, replications: 0 });
	return { channel: inputs.channels.find((c) => c.channel === 'messaging')!, plan };
}

describe('async staffing by the kind of handle time', () => {
	it('divides focus time by the measured concurrency and attributed time not again', async () => {
		const focus = await planned(true);
		const attributed = await planned(false);
		expect(focus.channel.focusShare).toBe(1);
		expect(attributed.channel.focusShare).toBe(0);
		// same volume, same handle number, same concurrency in both
		for (const { channel } of [focus, attributed]) {
			expect(channel.concurrency).toBeCloseTo(2, 9);
			expect(channel.history.arrivals[0][18]).toBe(30);
			expect(channel.history.handleSeconds[0][18]).toBeCloseTo(30 * 600, 6);
		}
		const monday9 = (p: typeof focus.plan) => p.intervals.find((r) => r.channel === 'messaging' && r.start === '2026-11-16T09:00:00Z')!;
		// occupancy cap binds (K 5, max occupancy 0.85, shrinkage 0.3):
		// shrinkage applies to the fractional requirement, rounded once (issue 14):
		// focus: 30 x 600 s / g 2 = 9000 agent-s / 1800 s = 5 Erlangs / 0.85 = 5.88 -> 6 agents, 5.88 / 0.7 = 8.40 -> 9 scheduled
		// attributed: 30 x 600 s (already split by k) = 10 Erlangs / 0.85 = 11.76 -> 12 agents, 11.76 / 0.7 = 16.81 -> 17 scheduled (was ceil(12 / 0.7) = 18)
		// (slots: A = 30 x 600 x 5 / 1800 = 50 -> 52 servers -> 11 agents; open threads: 30 x 1200 / 1800 / 5 = 4; both lower)
		expect(monday9(focus.plan)).toMatchObject({ forecast: 30, aht_s: 600, concurrency: 2, agents: 6, agents_scheduled: 9 });
		expect(monday9(attributed.plan)).toMatchObject({ forecast: 30, aht_s: 600, concurrency: 2, agents: 12, agents_scheduled: 17 });
		// workload in Erlangs shows as occupancy: 5 / 6 and 10 / 12
		expect(monday9(focus.plan).occupancy).toBeCloseTo(5 / 6, 4);
		expect(monday9(attributed.plan).occupancy).toBeCloseTo(10 / 12, 4);
	});

	it('weights a mixed channel by the share of focus seconds', () => {
		const queue = { intervalS: 1800, maxConcurrency: 5, concurrency: 2, frtS: 3600, target: 0.8, clock: 'calendar' as const, maxOccupancy: 0.85 };
		// half the handle seconds are focus: 600 x (0.5 / 2 + 0.5) = 450 agent-s; 30 x 450 / 1800 = 7.5 Erlangs / 0.85 = 8.82 -> 9
		const [mixed] = requiredAsyncAgents({ ...queue, focusShare: 0.5 }, [{ arrivals: 30, handleS: 600 }], [true]);
		expect(mixed.byModel.occupancy).toBe(9);
		expect(mixed.occupancy).toBeCloseTo(7.5 / mixed.agents, 9);
		// the ends: all focus 5 Erlangs -> 6; all attributed 10 Erlangs -> 12
		expect(requiredAsyncAgents({ ...queue, focusShare: 1 }, [{ arrivals: 30, handleS: 600 }], [true])[0].byModel.occupancy).toBe(6);
		expect(requiredAsyncAgents({ ...queue, focusShare: 0 }, [{ arrivals: 30, handleS: 600 }], [true])[0].byModel.occupancy).toBe(12);
	});
});
