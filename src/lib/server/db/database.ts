import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UserError } from '../errors';

export interface Database {
	path: string;
	instance: DuckDBInstance;
	/** The shared connection for short reads and writes. Long work (an import) opens its own with `connect()`. */
	connection: DuckDBConnection;
	connect(): Promise<DuckDBConnection>;
	close(): void;
}

export const DEFAULT_DATABASE_PATH = 'data/channel-mix.duckdb';

/** `--db`, else `CHANNEL_MIX_DB`, else `data/channel-mix.duckdb`. */
export function databasePath(explicit?: string): string {
	return resolve(explicit ?? process.env.CHANNEL_MIX_DB ?? DEFAULT_DATABASE_PATH);
}

function explainOpenError(path: string, error: unknown): Error {
	const message = error instanceof Error ? error.message : String(error);
	if (/lock/i.test(message)) {
		return new UserError(`The database ${path} is in use by another process (probably the running server); stop it first, or pass --db with another file.`);
	}
	if (/not a valid DuckDB database|Unable to open|corrupt/i.test(message)) {
		return new UserError(`The file ${path} is not a Channel Mix database (${message.split('\n')[0]}); pass --db with another path.`);
	}
	return error instanceof Error ? error : new Error(message);
}

/** The folder of a database's work files (transcoded uploads, the demo CSV, import scratch databases): `tmp` beside the file. */
export function workFolder(db: Pick<Database, 'path'>): string {
	const folder = db.path === ':memory:' ? tmpdir() : join(dirname(db.path), 'tmp');
	mkdirSync(folder, { recursive: true });
	return folder;
}

/**
 * Opens (creating if absent) a database file, as it is: no migration or repair (those are open.ts's, which every
 * caller but that one should use). DuckDB's lock on the file is held until `close()`.
 */
export async function openDatabaseFile(path: string): Promise<Database> {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(path);
	} catch (error) {
		throw explainOpenError(path, error);
	}
	const connection = await instance.connect();
	// TIMESTAMP columns hold UTC; now()::TIMESTAMP and TIMESTAMPTZ casts must not follow the machine's zone
	await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
	return {
		path,
		instance,
		connection,
		connect: () => instance.connect(),
		close() {
			connection.closeSync();
			instance.closeSync();
		}
	};
}
