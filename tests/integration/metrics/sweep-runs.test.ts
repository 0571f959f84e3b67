import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase, tempDir } from '../../helpers/temp';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { deriveAgents, deriveConcurrency } from '../../../src/lib/server/derive/sweep';

// All on 2026-03-02 (UTC). ana works two queues, two channels and both modes; ben two overlapping calls; cy one chat.
// ana: c1 chat q1 [10:00,11:00), c2 email q2 [10:30,11:30) -> k = 1, 2, 1 in half hours
//   attributed c1 = 1800/1 + 1800/2 = 2700 s, c2 = 1800/2 + 1800/1 = 2700 s
// ben: c3 voice q1 [10:00,10:30), c4 voice q1 [10:15,10:45) -> k = 1, 2, 1 in quarter hours
//   attributed c3 = 900 + 900/2 = 1350 s, c4 = 900/2 + 900 = 1350 s
// cy: c5 chat q1 [10:40,11:00) -> 1200 s
const CSV = `conversation_id,created_at,first_response_at,closed_at,status,channel,queue,agent_id
c1,2026-03-02T09:50:00Z,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,resolved,chat,q1,ana
c2,2026-03-02T10:20:00Z,2026-03-02T10:30:00Z,2026-03-02T11:30:00Z,resolved,email,q2,ana
c3,2026-03-02T09:59:00Z,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,resolved,voice,q1,ben
c4,2026-03-02T10:14:00Z,2026-03-02T10:15:00Z,2026-03-02T10:45:00Z,resolved,voice,q1,ben
c5,2026-03-02T10:39:00Z,2026-03-02T10:40:00Z,2026-03-02T11:00:00Z,resolved,chat,q1,cy
`;

const GROUPS = 'SELECT dimension, key, concurrency_mean, concurrency_max FROM derive_groups ORDER BY dimension, key';

describe('the agents sweep in runs', () => {
	it('gives every attributed time and group concurrency the one sort gives', async () => {
		const db = await tempDatabase();
		const file = join(tempDir(), 'runs.csv');
		writeFileSync(file, CSV);
		await ingestFile(db, file, { dataset: 'runs' });
		const c = db.connection;

		const attributed = await queryRows<{ id: string; s: number }>(c, 'SELECT conversation_id AS id, attributed_agent_s AS s FROM conversations ORDER BY id');
		expect(attributed.map((r) => r.s)).toEqual([2700, 2700, 1350, 1350, 1200]);
		const stored = await queryRows<{ dimension: string; key: string; concurrency_mean: number; concurrency_max: number }>(
			c,
			'SELECT dimension, key, concurrency_mean, concurrency_max FROM group_concurrency ORDER BY dimension, key'
		);
		// q1 (and sync): ana c1 alone at k=1 for 3600 s; ben 900·1 + 900·2 + 900·1 = 3600 over 2700 s; cy 1200 over 1200 s
		//   -> (3600 + 3600 + 1200) / (3600 + 2700 + 1200) = 1.12, max 2; q2 (and async, email): ana c2 alone -> 1, max 1
		// voice: ben alone -> 3600 / 2700 = 4/3, max 2; chat: ana c1 and cy, each at k=1 -> 1, max 1
		expect(stored.map((g) => [g.dimension, g.key, Math.round(g.concurrency_mean * 1e9) / 1e9, g.concurrency_max])).toEqual([
			['channel', 'chat', 1, 1],
			['channel', 'email', 1, 1],
			['channel', 'voice', Math.round((4 / 3) * 1e9) / 1e9, 2],
			['mode', 'async', 1, 1],
			['mode', 'sync', 1.12, 2],
			['queue', 'q1', 1.12, 2],
			['queue', 'q2', 1, 1]
		]);

		// one agent per run (ana, ben, cy: three runs) against one run for all: the same rows (here to the last digit; on large
		// files attributed times may differ in the last bits, the integral's float sums restarting at each run)
		const rows = '(SELECT rowid AS rid, * FROM conversations)';
		await deriveAgents(c, rows);
		await deriveConcurrency(c, rows, 1);
		const runAttributed = await queryRows(c, 'SELECT rid, attributed_agent_s FROM derive_attributed ORDER BY rid');
		const runSweep = await queryRows(c, 'SELECT * FROM derive_sweep ORDER BY agent_no, ts, delta, rid');
		const runGroups = await queryRows(c, GROUPS);
		await deriveConcurrency(c, rows);
		expect(runAttributed).toHaveLength(5);
		expect(runAttributed).toEqual(await queryRows(c, 'SELECT rid, attributed_agent_s FROM derive_attributed ORDER BY rid'));
		expect(runSweep).toHaveLength(10);
		expect(runSweep).toEqual(await queryRows(c, 'SELECT * FROM derive_sweep ORDER BY agent_no, ts, delta, rid'));
		expect(runGroups).toEqual(await queryRows(c, GROUPS));
		expect(runGroups.map((g) => g.key)).toEqual(stored.map((g) => g.key));
	});
});
