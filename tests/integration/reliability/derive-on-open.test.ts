import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/open';
import { execute, queryRows } from '../../../src/lib/server/db/sql';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { writeFixture } from '../../helpers/ingest';
import { tempDir } from '../../helpers/temp';

describe('datasets left without derived values', () => {
	it('are derived on the next open, even when no migration is pending (a first derive cut short)', async () => {
		const path = join(tempDir('derive-on-open-'), 'cm.duckdb');
		const csv = writeFixture(
			'two.csv',
			'conversation_id,created_at,first_response_at,closed_at,channel\n' +
				'a,2026-08-03T10:00:00Z,2026-08-03T10:05:00Z,2026-08-03T10:20:00Z,email\n' +
				'b,2026-08-08T12:00:00Z,2026-08-10T09:30:00Z,2026-08-10T10:00:00Z,email\n'
		);
		let db = await openDatabase(path);
		await ingestFile(db, csv, { dataset: 'two', timezone: 'UTC' });
		// what a process killed between migration 005 and the end of deriveMissing leaves: rows without derived values
		await execute(db.connection, 'UPDATE conversations SET after_hours = NULL, hour_of_week = NULL, sla_met = NULL, coverage = NULL');
		db.close();
		db = await openDatabase(path);
		const rows = await queryRows(db.connection, 'SELECT conversation_id, after_hours, hour_of_week, coverage FROM conversation_facts ORDER BY conversation_id');
		db.close();
		// a: Monday 10:00, in hours, hour of week 10. b: Saturday 12:00 = 5 * 24 + 12 = 132, after hours, answered Monday after the opening
		expect(rows).toEqual([
			{ conversation_id: 'a', after_hours: false, hour_of_week: 10, coverage: 'answered_in_hours' },
			{ conversation_id: 'b', after_hours: true, hour_of_week: 132, coverage: 'waited_for_opening' }
		]);
	});
	it('get the summary and daily concurrency that newer versions store, when a file from before them opens', async () => {
		const path = join(tempDir('rollups-on-open-'), 'cm.duckdb');
		// one agent, two email threads on Monday 3 August: [10:05, 10:20) alone, then [11:00, 12:00) with a second from 11:30
		const csv = writeFixture(
			'three.csv',
			'conversation_id,created_at,first_response_at,closed_at,channel,agent_id\n' +
				'a,2026-08-03T10:00:00Z,2026-08-03T10:05:00Z,2026-08-03T10:20:00Z,email,ana\n' +
				'b,2026-08-03T10:50:00Z,2026-08-03T11:00:00Z,2026-08-03T12:00:00Z,email,ana\n' +
				'c,2026-08-03T11:20:00Z,2026-08-03T11:30:00Z,2026-08-03T12:00:00Z,email,ana\n'
		);
		let db = await openDatabase(path);
		await ingestFile(db, csv, { dataset: 'three', timezone: 'UTC' });
		const stored = async () => ({
			summaries: await queryRows(db.connection, 'SELECT dimension, summaries FROM group_summaries'),
			daily: await queryRows(db.connection, 'SELECT agent_id, day, weighted::VARCHAR AS weighted, held::VARCHAR AS held, top FROM concurrency_daily')
		});
		const fresh = await stored();
		// a file derived under schema 6: neither table had rows for its datasets
		await execute(db.connection, 'DELETE FROM group_summaries');
		await execute(db.connection, 'DELETE FROM concurrency_daily');
		db.close();
		db = await openDatabase(path);
		const reopened = await stored();
		db.close();
		// k = 1 for 15 min + 30 min, 2 for 30 min: held 75 min = 4,500,000,000 µs, weighted (900 + 1800 + 2 · 1800) s = 6,300 s
		expect(reopened.daily).toEqual([{ agent_id: 'ana', day: new Date('2026-08-03T00:00:00Z'), weighted: '6300000000', held: '4500000000', top: 2 }]);
		expect(reopened).toEqual(fresh);
		expect(JSON.parse(String(reopened.summaries[0].summaries))[0].conversations).toBe(3);
	});
});
