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
		// reading fills the first 40% of the bar; the derive starts there and its write reaches 0.4 + 0.59 x 0.95 before the end
		expect(seen).toContain(0.4);
		expect(seen.some((f) => f > 0.95 && f < 1)).toBe(true);
		expect(seen.at(-1)).toBe(1);
	});
});
