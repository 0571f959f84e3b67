import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/open';
import { execute, queryRows } from '../../../src/lib/server/db/sql';
import { latestSchemaVersion, migrate } from '../../../src/lib/server/db/migrations/index';
import { tempDir } from '../../helpers/temp';

describe('an old database file', () => {
	it('made by schema 1 is migrated forward with its dataset, conversations and user kept', async () => {
		const path = join(tempDir('reliability-migrate-'), 'old.duckdb');
		const instance = await DuckDBInstance.create(path);
		const connection = await instance.connect();
		expect(await migrate(connection, 1)).toEqual([1]);
		// a dataset written the way schema 1 did it: datasets row, two conversations, one reject, a user
		await execute(
			connection,
			`INSERT INTO datasets (dataset_id, name, kind, preset, source_file, timezone, mapping, rows_read, rows_loaded, rows_rejected, flags, loaded_at, min_created_at, max_created_at, max_event_at)
			 VALUES (nextval('dataset_ids'), 'q2', 'conversations', 'generic', 'q2.csv', 'Europe/Berlin', '{}', 3, 2, 1, '{}', TIMESTAMP '2026-07-01 10:00:00', TIMESTAMP '2026-06-01 08:00:00', TIMESTAMP '2026-06-02 09:00:00', TIMESTAMP '2026-06-02 09:30:00')`
		);
		await execute(
			connection,
			`INSERT INTO conversations (dataset_id, conversation_id, created_at, first_response_at, closed_at, status, channel, mode, mode_from_source, bot_involved, bot_resolved, source_line) VALUES
			 (1, 'c1', TIMESTAMP '2026-06-01 08:00:00', TIMESTAMP '2026-06-01 08:01:00', TIMESTAMP '2026-06-01 08:20:00', 'resolved', 'chat', 'sync', false, false, false, 2),
			 (1, 'c2', TIMESTAMP '2026-06-02 09:00:00', NULL, TIMESTAMP '2026-06-02 09:30:00', 'abandoned', 'voice', 'sync', false, false, false, 3)`
		);
		await execute(connection, `INSERT INTO rejects VALUES (1, 4, 'created_at is empty', 'c3,,,')`);
		await execute(connection, `INSERT INTO users VALUES ('admin', 'hash-from-before', 'admin', false, TIMESTAMP '2026-07-01 09:00:00')`);
		connection.closeSync();
		instance.closeSync();

		const db = await openDatabase(path);
		try {
			const versions = await queryRows<{ version: number }>(db.connection, 'SELECT version FROM schema_migrations ORDER BY version');
			expect(versions.map((v) => v.version)).toEqual(Array.from({ length: latestSchemaVersion }, (_, i) => i + 1));
			expect(await queryRows(db.connection, 'SELECT dataset_id, name, rows_loaded, timezone FROM datasets')).toEqual([
				{ dataset_id: 1, name: 'q2', rows_loaded: 2, timezone: 'Europe/Berlin' }
			]);
			expect(await queryRows(db.connection, 'SELECT conversation_id, status FROM conversations ORDER BY conversation_id')).toEqual([
				{ conversation_id: 'c1', status: 'resolved' },
				{ conversation_id: 'c2', status: 'abandoned' }
			]);
			expect(await queryRows(db.connection, 'SELECT line, reason FROM rejects')).toEqual([{ line: 4, reason: 'created_at is empty' }]);
			expect(await queryRows(db.connection, 'SELECT username, password_hash, role FROM users')).toEqual([
				{ username: 'admin', password_hash: 'hash-from-before', role: 'admin' }
			]);
			// the old dataset is derived on the way: its facts exist, with the abandoned call's FRT null and the chat's 60 s
			expect(await queryRows(db.connection, 'SELECT conversation_id, frt_s FROM conversation_facts ORDER BY conversation_id')).toEqual([
				{ conversation_id: 'c1', frt_s: 60 },
				{ conversation_id: 'c2', frt_s: null }
			]);
			// a second open applies nothing
			expect(await migrate(db.connection)).toEqual([]);
		} finally {
			db.close();
		}
	});
});
