import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { queryRows } from '../../src/lib/server/db/sql';
import { ingestFile, type IngestOptions } from '../../src/lib/server/ingest/index';
import { tempDir } from './temp';

/** Writes `content` to a real file in a temp folder and returns its path. */
export function writeFixture(name: string, content: string | Buffer): string {
	const path = join(tempDir('fixture-'), name);
	writeFileSync(path, content);
	return path;
}

/** Writes a CSV and ingests it. */
export async function ingestText(db: Database, name: string, content: string | Buffer, options: IngestOptions = {}) {
	return ingestFile(db, writeFixture(name, content), options);
}

/** The stored conversations of a dataset, by id. */
export async function storedConversations(db: Database, dataset: string) {
	return queryRows(db.connection, `SELECT c.* FROM conversations c JOIN datasets d USING (dataset_id) WHERE d.name = ? ORDER BY conversation_id`, [dataset]);
}

export const iso = (value: unknown) => (value instanceof Date ? value.toISOString().replace('.000Z', 'Z') : value);
