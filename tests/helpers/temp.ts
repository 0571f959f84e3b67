import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { openDatabase } from '../../src/lib/server/open';

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder removed after the test. */
export function tempDir(prefix = 'channel-mix-'): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** A real DuckDB file in a temp folder, migrated, closed after the test. */
export async function tempDatabase(): Promise<Database> {
	const path = join(tempDir(), 'test.duckdb');
	const db = await openDatabase(path);
	cleanups.unshift(() => db.close());
	return db;
}
