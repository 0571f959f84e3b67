/**
 * Opening the database for use: the file (db/database.ts), migrated forward, then repaired from what a killed process
 * left (import scratch files, datasets whose derive did not finish). Here, above db/, because the repair is the derive's.
 */
import { databasePath, openDatabaseFile, workFolder, type Database } from './db/database';
import { migrate } from './db/migrations/index';
import { deriveMissing, storeMissingRollups } from './derive/index';
import { removeScratchFiles } from './ingest/scratch';
import { readSettings } from './settings/store';

/** Opens (creating if absent) a database file, migrates it forward and repairs it. */
export async function openDatabase(path = databasePath()): Promise<Database> {
	const db = await openDatabaseFile(path);
	try {
		await migrate(db.connection);
		// an import killed mid-way leaves its scratch file; the lock just taken says no import of this file runs now
		if (path !== ':memory:') removeScratchFiles(path, workFolder({ path }));
		// a file from before the derived columns (or whose first derive after migrating was cut short): derive those datasets now
		await deriveMissing(db.connection, await readSettings(db.connection));
		await storeMissingRollups(db.connection);
	} catch (error) {
		db.close();
		throw error;
	}
	return db;
}

let shared: Promise<Database> | undefined;

/** The one database of this process (the server's), opened on first use. */
export function getDatabase(): Promise<Database> {
	shared ??= openDatabase();
	return shared;
}
