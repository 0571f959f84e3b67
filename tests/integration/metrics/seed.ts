import type { Database } from '../../../src/lib/server/db/database';
import { execute, queryOne } from '../../../src/lib/server/db/sql';
import { deriveDataset } from '../../../src/lib/server/derive/index';
import { readSettings } from '../../../src/lib/server/settings/store';

/** A conversation row as the importer stores it; omitted fields take plain defaults. */
export interface SeedConversation {
	id: string;
	created: string;
	first?: string | null;
	closed?: string | null;
	status?: 'resolved' | 'open' | 'abandoned';
	channel?: string;
	mode?: 'sync' | 'async';
	queue?: string | null;
	agent?: string | null;
	customer?: string | null;
	handle?: number | null;
	botInvolved?: boolean;
	botResolved?: boolean;
	csat?: boolean | null;
}

const MODE: Record<string, 'sync' | 'async'> = { voice: 'sync', chat: 'sync' };

/**
 * Stores conversations straight into the real `conversations` table (as the importer would)
 * and runs the real `deriveDataset`: for property tests, which need thousands of cases.
 */
export async function seedDataset(db: Database, name: string, rows: SeedConversation[]): Promise<number> {
	const conn = db.connection;
	const next = await queryOne<{ id: number }>(conn, `SELECT nextval('dataset_ids')::INTEGER AS id`);
	const datasetId = next!.id;
	await execute(
		conn,
		`INSERT INTO datasets (dataset_id, name, kind, preset, timezone, mapping, rows_read, rows_loaded, rows_rejected, flags, loaded_at)
		VALUES (?, ?, 'conversations', 'generic', 'UTC', '{}', ?, ?, 0, '{}', now()::TIMESTAMP)`,
		[datasetId, name, rows.length, rows.length]
	);
	const values = rows.map((r) => {
		const channel = r.channel ?? 'chat';
		const status = r.status ?? (r.closed ? (r.first || r.botResolved ? 'resolved' : 'abandoned') : 'open');
		return [
			datasetId,
			r.id,
			r.created,
			r.first ?? null,
			r.closed ?? null,
			status,
			channel,
			r.mode ?? MODE[channel] ?? 'async',
			r.queue ?? null,
			r.agent ?? null,
			r.customer ?? null,
			r.handle ?? null,
			r.botInvolved ?? false,
			r.botResolved ?? false,
			r.csat ?? null
		];
	});
	const row =
		'(?::INTEGER, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?, false, ?::VARCHAR, ?::VARCHAR, md5(?::VARCHAR)::UUID, ?::DOUBLE, ?::BOOLEAN, ?::BOOLEAN, ?::BOOLEAN)';
	for (let i = 0; i < values.length; i += 500) {
		const chunk = values.slice(i, i + 500);
		await execute(
			conn,
			`INSERT INTO conversations (dataset_id, conversation_id, created_at, first_response_at, closed_at, status, channel, mode,
				mode_from_source, queue, agent_id, customer_hash, source_handle_s, bot_involved, bot_resolved, csat_satisfied)
			VALUES ${chunk.map(() => row).join(', ')}`,
			chunk.flat()
		);
	}
	await execute(
		conn,
		`UPDATE datasets SET min_created_at = s.lo, max_created_at = s.hi, max_event_at = s.latest
		FROM (SELECT min(created_at) AS lo, max(created_at) AS hi, greatest(max(created_at), max(first_response_at), max(closed_at)) AS latest
			FROM conversations WHERE dataset_id = ?) s
		WHERE dataset_id = ?`,
		[datasetId, datasetId]
	);
	await deriveDataset(conn, datasetId, await readSettings(conn));
	return datasetId;
}
