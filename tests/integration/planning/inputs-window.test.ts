import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { ingestText } from '../../helpers/ingest';
import { readSettings } from '../../../src/lib/server/settings/store';
import { readPlanInputs } from '../../../src/lib/server/planning/inputs';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id,customer_id,handle_s,bot_involved,bot_resolved,priority';

/**
 * Eight full weeks of chat, Monday 2026-09-07 to Sunday 2026-11-01, one conversation each Monday at 09:00 UTC, and
 * a row on Monday 2026-11-02 to end the data. The first three weeks' conversations are urgent and bot-involved,
 * the last five normal with no bot.
 */
function rows(): string[] {
	const out: string[] = [];
	for (let week = 0; week < 8; week++) {
		const day = new Date(Date.UTC(2026, 8, 7 + 7 * week, 9)).toISOString().slice(0, 10);
		const early = week < 3;
		out.push(`w${week},${day}T09:00:00Z,${day}T09:01:00Z,${day}T09:06:00Z,resolved,chat,a1,u${week},300,${early},false,${early ? 'urgent' : 'normal'}`);
	}
	out.push('end,2026-11-02T12:00:00Z,2026-11-02T12:01:00Z,2026-11-02T12:05:00Z,resolved,chat,a1,u9,60,false,false,normal');
	return out;
}

describe('plan inputs: the window of the per-channel measures', () => {
	it('reads the forecast history of every week, but pinned share and bot volume over the last K + 1 weeks only', async () => {
		const db = await tempDatabase();
		await ingestText(db, 'weeks.csv', [HEADER, ...rows()].join('\n') + '\n', { dataset: 'w', preset: 'generic' });
		const settings = await readSettings(db.connection);
		const inputs = await readPlanInputs(db.connection, settings, { dataset: 'w', weeksHistory: 4, horizonDays: 1, intervalMin: 30 });
		// the data starts at 09:00 on 7 Sep, so the first full week is 14 Sep: the forecast methods see seven weeks
		expect(inputs.weeksAvailable).toBe(7);
		const chat = inputs.channels.find((c) => c.channel === 'chat')!;
		expect(chat.history.arrivals.map((week) => week.reduce((a, b) => a + b, 0))).toEqual([1, 1, 1, 1, 1, 1, 1]);
		// K + 1 = 5 recent weeks (weeks 3-7) are all normal with no bot: pinned 0 of 5, no bot a week.
		// Over the seven full weeks (1-7) it would have been 2 / 7 pinned and 2 / 7 bot conversations a week.
		expect(chat.syncPinnedShare).toBe(0);
		expect(inputs.botConversationsPerWeek).toBe(0);
	});
});
