import { describe, expect, it } from 'vitest';
import { ingestText } from '../../helpers/ingest';
import { tempDatabase } from '../../helpers/temp';

describe('import progress', () => {
	it('moves forward through reading, deriving and writing, and ends at 1', async () => {
		const db = await tempDatabase();
		const rows = Array.from(
			{ length: 200 },
			(_, i) => `c${i},2026-08-03T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z,2026-08-03T18:30:00Z,2026-08-03T19:00:00Z,email,agent-${i % 7}`
		);
		const seen: number[] = [];
		await ingestText(db, 'progress.csv', 'conversation_id,created_at,first_response_at,closed_at,channel,agent_id\n' + rows.join('\n') + '\n', {
			onProgress: (fraction) => seen.push(fraction)
		});
		expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
		// reading fills the first 40% of the bar, the rest (0.59) goes on past the commit: the write starts at 0.4 + 0.59 x 0.06,
		// the sweep after the commit at 0.4 + 0.59 x 0.58 and the stored derive at 0.4 + 0.59 x 0.86, before the end
		expect(seen).toContain(0.4);
		for (const part of [0.06, 0.58, 0.86]) expect(seen.some((f) => Math.abs(f - (0.4 + 0.59 * part)) < 1e-9)).toBe(true);
		expect(seen.filter((f) => f >= 0.4 + 0.59 * 0.86 && f < 1).length).toBeGreaterThan(0);
		expect(seen.at(-1)).toBe(1);
	});
});
