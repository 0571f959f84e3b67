import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { loadFixture } from './fixture';
import { computeMetrics } from '../../../src/lib/server/metrics/index';

// reopens.csv, 2026-03-02 UTC. reopen_rate = resolved with reopens >= 1 / resolved with a known reopen count.
// chat: c1 (0), c2 (1), c3 (3) resolved and counted; c4 resolved but its count is empty (unknown): left out;
//       c5 open (2) and c6 abandoned (1): not resolved, left out -> 2 / 3
// email: e1 (0), e2 (0) -> 0 / 2 = 0 (none reopened is 0, not "no data")
// voice: v1 resolved, count unknown -> 0 / 0 = null
// by mode: sync = chat + voice -> 2 / 3; async = email -> 0
describe('reopen_rate', () => {
	it('is the share of resolved conversations with a known reopen count that were reopened at least once', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'reopens');
		const byChannel = await computeMetrics(db.connection, { dataset: 'reopens', by: 'channel' });
		expect(byChannel.groups.map((g) => [g.key, g.reopen_rate])).toEqual([
			['chat', 2 / 3],
			['email', 0],
			['voice', null]
		]);
		// the whole dataset by mode is answered from the summary stored at ingest, a channel filter by a scan: the same
		const stored = await computeMetrics(db.connection, { dataset: 'reopens' });
		const scanned = await computeMetrics(db.connection, { dataset: 'reopens', channels: ['chat', 'email', 'voice'] });
		expect(stored.groups.map((g) => [g.key, g.reopen_rate])).toEqual([
			['async', 0],
			['sync', 2 / 3]
		]);
		expect(scanned.groups.map((g) => g.reopen_rate)).toEqual(stored.groups.map((g) => g.reopen_rate));
		// the last field of the contract: added after repeat_contact_rate, so every earlier byte stays where it was
		expect(Object.keys(stored.groups[0]).slice(-2)).toEqual(['repeat_contact_rate', 'reopen_rate']);
	});

	it('is null, never 0, when the export has no reopen column', async () => {
		const db = await tempDatabase();
		await loadFixture(db, 'repeats'); // no `reopens` header: 9 resolved conversations, none with a count
		const { groups } = await computeMetrics(db.connection, { dataset: 'repeats', by: 'channel' });
		expect(groups.map((g) => [g.key, g.resolved > 0, g.reopen_rate])).toEqual([
			['chat', true, null],
			['email', true, null],
			['voice', true, null]
		]);
	});
});
