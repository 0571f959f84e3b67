import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, quoteIdent, quoteLiteral } from '../db/sql';

/**
 * A database file an import stages a large file's rows in, attached to the instance for the import's length.
 * Its tables are compressed as they are written and read back from the page cache; temp tables past the import's
 * memory limit spill to disk uncompressed, and every later pass over the rows reads them back (10 M rows: 120 s → 78 s).
 */
export interface Scratch {
	/** the attached database's name, for `name.table` */
	name: string;
	/** detaches and deletes the file; safe to call twice */
	discard(): Promise<void>;
}

const FILE_PREFIX = 'import-';

/** Attaches a fresh scratch database `import-<tag>.duckdb` in `folder` (the data folder's work files). */
export async function attachScratch(connection: DuckDBConnection, folder: string, tag: string): Promise<Scratch> {
	const file = join(folder, `${FILE_PREFIX}${tag}.duckdb`);
	const name = `cm_scratch_${tag}`;
	await execute(connection, `ATTACH ${quoteLiteral(file)} AS ${quoteIdent(name)}`);
	return {
		name,
		async discard() {
			// attached databases belong to the instance, not the connection: detach before the file goes
			await execute(connection, `DETACH DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
			removeScratchFiles(folder, `${FILE_PREFIX}${tag}.`);
		}
	};
}

/** Deletes the scratch files an import killed mid-way left in `folder`; call it once the database is open (and locked). */
export function removeScratchFiles(folder: string, prefix = FILE_PREFIX): void {
	let names: string[];
	try {
		names = readdirSync(folder);
	} catch {
		return;
	}
	for (const name of names) {
		if (name.startsWith(prefix) && /\.duckdb(\.wal)?$/.test(name)) rmSync(join(folder, name), { force: true });
	}
}
