import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { readSettings } from '../../../src/lib/server/settings/store';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,customer_id,bot_involved';

/** Voice in the full week of Monday 2026-11-02, one agent (a Sunday row before and a Monday row after bound it). */
const ROWS = [
	'x0,2026-11-01T12:00:00Z,,,open,voice,,u0,false',
	// v0: a1's first call of the week, answered after 8 s (nothing before it says whether a1 was free)
	'v0,2026-11-02T08:00:00Z,2026-11-02T08:00:08Z,2026-11-02T08:05:00Z,resolved,voice,a1,u1,false',
	// v1: a1 free since 08:05, so its 6 s are ring/accept delay
	'v1,2026-11-02T09:00:00Z,2026-11-02T09:00:06Z,2026-11-02T09:06:00Z,resolved,voice,a1,u2,false',
	// v2: arrives 09:03 while a1 is on v1 until 09:06, answered 09:06:04: 184 s of first response
	'v2,2026-11-02T09:03:00Z,2026-11-02T09:06:04Z,2026-11-02T09:10:00Z,resolved,voice,a1,u3,false',
	// v3 gives up after 100 s
	'v3,2026-11-02T09:04:00Z,,2026-11-02T09:05:40Z,abandoned,voice,,u4,false',
	// v4: a1 free since 09:10, 10 s of ring/accept delay
	'v4,2026-11-02T10:00:00Z,2026-11-02T10:00:10Z,2026-11-02T10:05:00Z,resolved,voice,a1,u5,false',
	// v5 gives up after 60 s
	'v5,2026-11-02T10:01:00Z,,2026-11-02T10:02:00Z,abandoned,voice,,u6,false',
	'x1,2026-11-09T12:00:00Z,,,open,voice,,u9,false'
];

describe('patience from queue time', () => {
	it('takes the ring/accept delay off the first response of answered contacts', async () => {
		const db = await tempDatabase();
		await ingestText(db, 'voice.csv', [HEADER, ...ROWS].join('\n') + '\n', { dataset: 'v', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'v', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
		const voice = inputs.channels.find((c) => c.channel === 'voice')!;
		// accept delay: mean first response of contacts that found their agent free = (6 + 10) / 2 = 8 s
		// answered queue time = (8 + 6 + 184 + 10) - 4 x 8 = 176 s; abandoned 100 + 60 = 160 s
		// patience = (160 + 176) / 2 abandons = 168 s (with whole first responses: (160 + 208) / 2 = 184 s)
		expect(voice.patienceS).toBeCloseTo(168, 9);
	});
});
