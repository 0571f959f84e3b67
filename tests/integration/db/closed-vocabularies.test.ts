import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { loadFixture } from '../metrics/fixture';
import { queryRows } from '../../../src/lib/server/db/sql';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { CLOSED_VOCABULARIES } from '../../../src/lib/server/db/migrations/006_closed_vocabularies';
import { CHANNELS, MODES } from '../../../src/lib/settings/defaults';

const sorted = (values: readonly string[]) => [...values].sort();

describe('closed vocabularies stored as ENUM types', () => {
	it('hold exactly the values the code writes, in alphabetical order', () => {
		expect(CLOSED_VOCABULARIES.channel_name).toEqual(sorted(CHANNELS));
		expect(CLOSED_VOCABULARIES.channel_mode).toEqual(sorted(MODES));
		// alphabetical, so ENUM order sorts and compares as the text did
		for (const values of Object.values(CLOSED_VOCABULARIES)) expect(values).toEqual(sorted(values));
	});

	it('are the types of the stored columns, read back as text; a bound value outside the list selects nothing', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'concurrency');
		const types = await queryRows<{ column_name: string; data_type: string }>(
			db.connection,
			`SELECT column_name, data_type FROM information_schema.columns
			 WHERE table_name = 'conversations' AND column_name IN ('status', 'channel', 'mode', 'priority', 'coverage') ORDER BY column_name`
		);
		expect(types.map((t) => [t.column_name, t.data_type.startsWith('ENUM(')])).toEqual([
			['channel', true],
			['coverage', true],
			['mode', true],
			['priority', true],
			['status', true]
		]);
		// concurrency.csv: chat c1-c3, voice c4-c5; channels come back as strings, sorted as text
		const rows = await queryRows<{ channel: string; n: number }>(
			db.connection,
			'SELECT channel, count(*)::INTEGER AS n FROM conversations GROUP BY channel ORDER BY channel'
		);
		expect(rows).toEqual([
			{ channel: 'chat', n: 3 },
			{ channel: 'voice', n: 2 }
		]);
		const bound = await queryRows<{ n: number }>(
			db.connection,
			'SELECT count(*)::INTEGER AS n FROM conversation_facts WHERE channel IN (?, ?) AND status <> ?',
			['voice', 'fax', 'nonsense']
		);
		expect(bound).toEqual([{ n: 2 }]);
		const voice = await computeMetrics(db.connection, { dataset: 'concurrency', channels: ['voice'], by: 'channel' });
		expect(voice.groups.map((g) => [g.key, g.conversations])).toEqual([['voice', 2]]);
	});
});
