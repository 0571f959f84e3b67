/**
 * Child-process entry of the benchmark: one measured step in a fresh process, so its peak RSS is its own.
 *   node --import tsx child.ts raw <csv> <db>     the floor: CREATE TABLE t AS SELECT * FROM read_csv(csv)
 *   node --import tsx child.ts ingest <csv> <db>  our ingest end to end (ingestFile), and when it became queryable
 * Prints one JSON line: { seconds, queryable_seconds (ingest), peak_rss_mb, rows }.
 */
import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../open';
import { quoteLiteral } from '../db/sql';
import { ingestFile } from '../ingest/index';

export interface ChildReport {
	seconds: number;
	/** ingest only: seconds until the conversations were committed and queryable (the derive's stored values follow) */
	queryable_seconds?: number;
	peak_rss_mb: number;
	rows: number;
}

function freshFile(path: string): void {
	for (const suffix of ['', '.wal', '.tmp']) rmSync(path + suffix, { force: true, recursive: true });
}

async function rawLoad(csv: string, dbPath: string): Promise<number> {
	const instance = await DuckDBInstance.create(dbPath);
	const connection = await instance.connect();
	await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quoteLiteral(csv)})`);
	const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t');
	const rows = Number(reader.getRowObjectsJS()[0].n);
	connection.closeSync();
	instance.closeSync();
	return rows;
}

async function ourIngest(csv: string, dbPath: string, started: number): Promise<{ rows: number; queryable: number }> {
	const db = await openDatabase(dbPath);
	try {
		let queryable = 0;
		const result = await ingestFile(db, csv, { dataset: 'bench', onQueryable: () => void (queryable = (performance.now() - started) / 1000) });
		return { rows: result.rows_loaded, queryable };
	} finally {
		db.close();
	}
}

async function main(): Promise<void> {
	const [step, csv, dbPath] = process.argv.slice(2);
	if ((step !== 'raw' && step !== 'ingest') || !csv || !dbPath) throw new Error('usage: child.ts raw|ingest <csv> <db>');
	freshFile(dbPath);
	const started = performance.now();
	const ingest = step === 'ingest' ? await ourIngest(csv, dbPath, started) : null;
	const rows = ingest ? ingest.rows : await rawLoad(csv, dbPath);
	const report: ChildReport = {
		seconds: (performance.now() - started) / 1000,
		...(ingest && { queryable_seconds: ingest.queryable }),
		peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
		rows
	};
	process.stdout.write(JSON.stringify(report) + '\n');
}

await main();
