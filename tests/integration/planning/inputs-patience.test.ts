import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { readSettings } from '../../../src/lib/server/settings/store';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,customer_id,bot_involved';

/** Voice in the full week of Monday 2026-11-02 (a Sunday row before and a Monday row after bound it). */
const ROWS = [
	'x0,2026-11-01T12:00:00Z,,,open,voice,,u0,false',
	// no bot: v1 gives up after 120 s; v2 and v3 answered after 30 s and 50 s
	'v1,2026-11-02T09:00:00Z,,2026-11-02T09:02:00Z,abandoned,voice,,u1,false',
	'v2,2026-11-02T09:05:00Z,2026-11-02T09:05:30Z,2026-11-02T09:10:00Z,resolved,voice,a1,u2,false',
	'v3,2026-11-02T09:20:00Z,2026-11-02T09:20:50Z,2026-11-02T09:25:00Z,resolved,voice,a1,u3,false',
	// with a bot first (hand-over time unknown): v4 gone after 600 s, v5 answered after 400 s
	'v4,2026-11-02T10:00:00Z,,2026-11-02T10:10:00Z,abandoned,voice,,u4,true',
	'v5,2026-11-02T10:30:00Z,2026-11-02T10:36:40Z,2026-11-02T10:40:00Z,resolved,voice,a1,u5,true',
	'x1,2026-11-09T12:00:00Z,,,open,voice,,u9,false'
];

describe('patience from abandonment', () => {
	it('leaves bot-involved conversations out: their wait includes the bot', async () => {
		const file = join(tempDir(), 'voice.csv');
		writeFileSync(file, [HEADER, ...ROWS].join('\n') + '\n');
		const db = await tempDatabase();
		await ingestFile(db, file, { dataset: 'v', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'v', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
		const voice = inputs.channels.find((c) => c.channel === 'voice')!;
		expect(voice.history.arrivals[0].reduce((a, b) => a + b, 0)).toBe(5);
		// queue time of v1..v3 / their abandons (issue 14: first response less the ring/accept delay): v3 found a1
		// free (v2 closed 09:10), so its 50 s are the delay; answered queue (30 + 50) - 2 x 50 < 0 counts 0: 120 / 1 = 120 s
		// (counting the bot conversations too: v5 also found a1 free, delay (50 + 400) / 2 = 225, answered queue 0,
		// abandons (120 + 600) / 2 = 360 s; the old estimate with whole first responses gave 200 s)
		expect(voice.patienceS).toBeCloseTo(120, 9);
	});

	it('has no patience (Erlang C) when every abandon had a bot', async () => {
		const file = join(tempDir(), 'voice-bot.csv');
		writeFileSync(file, [HEADER, ...ROWS.filter((r) => !r.startsWith('v1,'))].join('\n') + '\n');
		const db = await tempDatabase();
		await ingestFile(db, file, { dataset: 'v', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'v', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
		// only v4 abandoned, and it had a bot: no abandons left to estimate from
		expect(inputs.channels.find((c) => c.channel === 'voice')!.patienceS).toBeNull();
	});
});
