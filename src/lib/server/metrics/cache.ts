import { AsyncLocalStorage } from 'node:async_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from '../db/sql';
import { DEFAULT_DATASET_ORDER, DERIVING_SQL } from './filters';

/**
 * Results of computeMetrics / computeSeries / computeCoverage per dataset version and query, so a
 * dashboard page asked again (another user, a reload) answers in milliseconds. The key holds the
 * database file, the dataset's id and load time, the settings and a counter bumped whenever derived
 * values are rewritten in this process; in-memory databases are not cached.
 */
const LIMIT = 256;
const entries = new Map<string, unknown>();
/** computations under way, so fifty users opening the same page after an import wait for one computation, not fifty */
const pending = new Map<string, Promise<unknown>>();
let generation = 0;

/** Call when derived values change (derive, delete): every cached result is dropped. */
export function invalidateMetricsCache(): void {
	generation++;
	entries.clear();
	pending.clear();
}

async function versionOf(connection: DuckDBConnection, dataset: string | undefined): Promise<string | null> {
	const row = await queryOne<{ db: string | null; dataset_id: number; loaded_at: Date; settings: string | null; marked: string | null; deriving: boolean }>(
		connection,
		`SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()) AS db, d.dataset_id, d.loaded_at,
			(SELECT string_agg(key || '=' || value, ';' ORDER BY key) FROM settings) AS settings, (SELECT max(name) FROM default_dataset) AS marked,
			${DERIVING_SQL} AS deriving
		FROM datasets d ${dataset === undefined ? `${DEFAULT_DATASET_ORDER} LIMIT 1` : 'WHERE name = ?'}`,
		dataset === undefined ? [] : [dataset]
	);
	if (!row || !row.db) return null;
	// the mark too: pages say whether the dataset they show is the default; and whether its derive still runs, so a
	// page read from the committed rows before the derive's commit is never served after it (the derive drops the
	// cache inside its transaction, and a read between that and the commit still sees the rows underived)
	return JSON.stringify([row.db, row.dataset_id, row.loaded_at.getTime(), row.settings, row.marked, row.deriving, generation]);
}

/** Whether a result for this query of this dataset version is kept. */
export async function hasResult(connection: DuckDBConnection, kind: string, query: { dataset?: string }): Promise<boolean> {
	const version = await versionFor(connection, query.dataset);
	return version !== null && entries.has(`${kind}|${version}|${JSON.stringify(query)}`);
}

/** The cache generation when the `keepingResults` call this code runs in began. */
const keptSince = new AsyncLocalStorage<number>();

/**
 * Runs `work`, whose scans answer several queries at once and keep each answer with `keepResult`, under the dataset
 * version read before the scans: answers are kept under the version they were computed from, and dropped if derived
 * values were rewritten meanwhile (an import committing mid-scan), as `cachedResult` does.
 */
export async function keepingResults(connection: DuckDBConnection, dataset: string | undefined, work: () => Promise<void>): Promise<void> {
	const version = await versionFor(connection, dataset);
	if (version === null) return work();
	const startedAt = generation;
	await withVersion(connection, dataset, version, () => keptSince.run(startedAt, work));
}

/** Keeps a result computed inside `keepingResults` as `cachedResult` would have kept it; outside one it keeps nothing. */
export async function keepResult<T>(connection: DuckDBConnection, kind: string, query: { dataset?: string }, result: T): Promise<void> {
	const startedAt = keptSince.getStore();
	if (startedAt === undefined || startedAt !== generation) return;
	const version = await versionFor(connection, query.dataset);
	if (version === null) return;
	entries.set(`${kind}|${version}|${JSON.stringify(query)}`, structuredClone(result));
	if (entries.size > LIMIT) entries.delete(entries.keys().next().value as string);
}

/**
 * The versions already read by the computation this call runs inside (a page, then its metrics and series), per connection
 * and dataset: the parts of a computation are kept under the version it started from, and a page asked ~30 times for the
 * same version (~2.5 ms each) asks once.
 */
const versionsRead = new AsyncLocalStorage<Map<DuckDBConnection, Map<string, string | null>>>();

async function versionFor(connection: DuckDBConnection, dataset: string | undefined): Promise<string | null> {
	const read = versionsRead.getStore();
	const known = read?.get(connection)?.get(dataset ?? '');
	if (known !== undefined) return known;
	const version = await versionOf(connection, dataset);
	if (read && version !== null) remember(read, connection, dataset, version);
	return version;
}

function remember(read: Map<DuckDBConnection, Map<string, string | null>>, connection: DuckDBConnection, dataset: string | undefined, version: string): void {
	if (!read.has(connection)) read.set(connection, new Map());
	read.get(connection)!.set(dataset ?? '', version);
}

/** Runs `compute` in the computation its caller runs in (or a new one), knowing this version. */
function withVersion<T>(connection: DuckDBConnection, dataset: string | undefined, version: string, compute: () => Promise<T>): Promise<T> {
	const read = versionsRead.getStore() ?? new Map();
	remember(read, connection, dataset, version);
	return versionsRead.run(read, compute);
}

/** `compute()`'s result for this query of this dataset version, computed once; callers get their own copy. */
export async function cachedResult<T>(connection: DuckDBConnection, kind: string, query: { dataset?: string }, compute: () => Promise<T>): Promise<T> {
	const version = await versionFor(connection, query.dataset);
	if (version === null) return compute();
	const key = `${kind}|${version}|${JSON.stringify(query)}`;
	if (entries.has(key)) {
		const hit = entries.get(key) as T;
		entries.delete(key);
		entries.set(key, hit);
		return structuredClone(hit);
	}
	const running = pending.get(key);
	if (running) return structuredClone((await running) as T);
	const startedAt = generation;
	const computing = withVersion(connection, query.dataset, version, compute);
	pending.set(key, computing);
	try {
		const result = await computing;
		// derived values rewritten meanwhile: the result may mix versions, so it is returned but not kept
		if (startedAt === generation) {
			entries.set(key, structuredClone(result));
			if (entries.size > LIMIT) entries.delete(entries.keys().next().value as string);
		}
		// every caller gets its own copy, the first one too: the waiting ones clone the same object
		return structuredClone(result);
	} finally {
		if (pending.get(key) === computing) pending.delete(key);
	}
}
