import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, quoteIdent, quoteLiteral } from '../db/sql';

/**
 * A database file an import stages a large file's rows in, attached to the instance for the import's length
 * (`<database file>.import-<tag>.duckdb` in the work folder).
 * Its tables are compressed as they are written and read back from the page cache; temp tables past the import's
 * memory limit spill to disk uncompressed, and every later pass over the rows reads them back (10 M rows: 120 s → 78 s).
 */
export interface Scratch {
	/** the attached database's name, for `name.table` */
	name: string;
	/** detaches and deletes the file; safe to call twice */
	discard(): Promise<void>;
}

/**
 * A scratch file's name: the database file's own name, then `.import-<tag>.duckdb`. The work folder may be shared by
 * several database files (and hold the user's own files), so each database only ever touches names made from its own.
 */
const scratchPrefix = (database: string) => `${basename(database)}.import-`;
const SCRATCH_NAME = /^[0-9a-f]{12}\.duckdb(\.wal)?$/;

/** Attaches a fresh scratch database for the import `tag` (12 hex digits) of `database`, in `folder` (its work files). */
export async function attachScratch(connection: DuckDBConnection, database: string, folder: string, tag: string): Promise<Scratch> {
	const file = join(folder, `${scratchPrefix(database)}${tag}.duckdb`);
	const name = `cm_scratch_${tag}`;
	await execute(connection, `ATTACH ${quoteLiteral(file)} AS ${quoteIdent(name)}`);
	return {
		name,
		async discard() {
			// attached databases belong to the instance, not the connection: detach before the file goes
			await execute(connection, `DETACH DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
			removeScratchFiles(database, folder, tag);
		}
	};
}

/**
 * Deletes the scratch files of `database` in `folder` (of one import `tag`, or all: those an import killed mid-way left).
 * Call it for all once the database is open, and so locked: no import of this file runs then. Never throws.
 */
export function removeScratchFiles(database: string, folder: string, tag?: string): void {
	const prefix = scratchPrefix(database);
	let names: string[];
	try {
		names = readdirSync(folder);
	} catch {
		return;
	}
	for (const name of names) {
		const rest = name.startsWith(prefix) ? name.slice(prefix.length) : null;
		if (rest === null || !SCRATCH_NAME.test(rest) || (tag !== undefined && !rest.startsWith(`${tag}.`))) continue;
		try {
			rmSync(join(folder, name), { force: true });
		} catch {
			// a file the system will not let go of stays; the next open tries again
		}
	}
}
