import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { readSettings } from '../../../src/lib/server/settings/store';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,customer_id,handle_s,bot_involved,bot_resolved,priority';

/** Chat in the full week of Monday 2026-11-02 (a Sunday row before and a Monday row after bound it). */
const ROWS = [
	'x0,2026-11-01T12:00:00Z,2026-11-01T12:01:00Z,2026-11-01T12:05:00Z,resolved,chat,a1,u0,60,false,false,normal',
	// 09:00-09:30 (slot 18): c1 answered by an agent (300 s); c2 and c3 resolved by the bot, c2 urgent
	'c1,2026-11-02T09:05:00Z,2026-11-02T09:05:30Z,2026-11-02T09:10:00Z,resolved,chat,a1,u1,300,false,false,normal',
	'c2,2026-11-02T09:10:00Z,,2026-11-02T09:12:00Z,resolved,chat,,u2,,true,true,urgent',
	// c3's customer comes back (c4): bot-resolved but not contained, and still no agent's work
	'c3,2026-11-02T09:15:00Z,,2026-11-02T09:17:00Z,resolved,chat,,u3,,true,true,normal',
	// 09:30-10:00 (slot 19): c4 answered by an agent (500 s)
	'c4,2026-11-02T09:40:00Z,2026-11-02T09:41:00Z,2026-11-02T09:50:00Z,resolved,chat,a1,u3,500,false,false,normal',
	'x1,2026-11-09T12:00:00Z,2026-11-09T12:01:00Z,2026-11-09T12:05:00Z,resolved,chat,a1,u9,60,false,false,normal'
];

describe('plan inputs: agent workload', () => {
	it('leaves bot-resolved conversations out of the agent arrivals', async () => {
		const db = await tempDatabase();
		await ingestText(db, 'bots.csv', [HEADER, ...ROWS].join('\n') + '\n', { dataset: 'b', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'b', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
		expect(inputs.weeksAvailable).toBe(1);
		const chat = inputs.channels.find((c) => c.channel === 'chat')!;
		// slot 18: c1 only (c2, c3 bot-resolved) = 1 arrival with 300 s, not 3 arrivals averaging 300 / 1 s
		expect(chat.history.arrivals[0][18]).toBe(1);
		expect(chat.history.handleSeconds[0][18]).toBe(300);
		expect(chat.history.handled[0][18]).toBe(1);
		expect(chat.history.arrivals[0][19]).toBe(1);
		expect(chat.history.arrivals[0].reduce((a, b) => a + b, 0)).toBe(2);
		// pinned share among agent conversations: c1, c4 not urgent = 0 of 2 (the urgent c2 never reached an agent)
		expect(chat.syncPinnedShare).toBe(0);
		// the bot still costs: c2 and c3 in one week
		expect(inputs.botConversationsPerWeek).toBe(2);
	});
});
