import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { workFolder, type Database } from '../db/database';
import { execute, inTransaction, queryOne, sql } from '../db/sql';
import { exclusiveWrite } from '../db/writeQueue';
import { boundMemory } from '../db/memory';
import { UserError } from '../errors';
import { readSettings } from '../settings/store';
import { dropPrepared, prepareRowValues, sweepConcurrency, writeConversations, writeStoredDerived } from '../derive/index';
import { datasetNameFromFile, findDatasetId, removeDatasetRows } from './datasets';
import { datasetNameProblem } from '../../bounds';
import { durationUnitOf, mappingSummary, parseMapOptions, resolveMapping } from './mapping';
import type { PresetName } from './presets';
import { sessionizeSql } from './sessionize';
import { sniffFile, type Delimiter, type Sniffed } from './sniff';
import { csvSource, MAX_ROW_BYTES } from './source';
import { findLongRows } from './longRows';
import { maskedBrokenLineSql, maskedColumns } from './mask';
import { stageConversationsSql } from './stageConversations';
import { stageInputsFor } from './stageInputs';
import { stageMessagesSql } from './stageMessages';
import type { DateOrder } from './timestamps';
import { isValidTimeZone } from './timezone';
import { readableCopy } from './transcode';
import { countFlags, dropStaging, keptRelation, loadRows, movedFirstResponsesNotes, stageFile, type LoadCounts } from './load';
import { watchProgress } from './progress';
import { attachScratch, type Scratch } from './scratch';

export interface IngestOptions {
	dataset?: string;
	preset?: 'auto' | PresetName;
	timezone?: string;
	/** canonical field → header; `field=Header` strings are accepted too */
	map?: Record<string, string> | string[];
	replace?: boolean;
	dateFormat?: DateOrder;
	delimiter?: Delimiter;
	uploadedBy?: string | null;
	/** the name the user knows the file by (an upload's original name) */
	sourceName?: string;
	/** 0..1 while the file is read */
	onProgress?: (fraction: number) => void;
	/** the conversations are committed and queryable; the stored derived values follow before the import returns */
	onQueryable?: () => void | Promise<void>;
	/**
	 * Awaited at known points of the import, for tests that read meanwhile without racing a timer: `staged` (the file
	 * read into staging tables, nothing of the dataset written), `written` (every row and the dataset's entry written
	 * inside the import's transaction, not yet committed) and `derived` (the derive's values written inside its own
	 * transaction, not yet committed).
	 */
	pauseAt?: (point: ImportPoint) => Promise<void>;
}

export type ImportPoint = 'staged' | 'written' | 'derived';

/** The `ingest --json` contract of product.md, plus flags and, for message logs, the conversations made. */
export interface IngestResult {
	dataset: string;
	preset: string;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	rejects: { line: number | null; reason: string }[];
	mapping: Record<string, string>;
	seconds: number;
	kind: 'conversations' | 'messages';
	conversations: number;
	flags: Record<string, number>;
	/** what the import changed to keep rows, in sentences (first responses moved back to a close within their rounding) */
	notes: string[];
	timezone: string;
}

function formatSize(bytes: number): string {
	return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

function refuseStructure(sniffed: Sniffed, name: string): void {
	if (sniffed.headers.length === 0 || sniffed.headers.every((h) => h === '')) {
		throw new UserError(`${name} has no header line; the first line must name the columns (export with headers and try again).`);
	}
	const dataLike = sniffed.headers.filter((h) => /^[-+]?\d+([.,:/ T-]\d+)*Z?$/.test(h)).length;
	if (dataLike >= Math.max(2, sniffed.headers.length / 2)) {
		throw new UserError(
			`The first line of ${name} looks like data, not column names (${sniffed.headers.slice(0, 3).join(', ')}); export the file with its header row.`
		);
	}
	const blank = sniffed.headers.findIndex((h) => h === '');
	if (blank >= 0 && sniffed.headers.filter((h) => h === '').length > sniffed.headers.length / 2) {
		throw new UserError(`${name} has a header line with mostly empty column names; export the file with its header row.`);
	}
	if (sniffed.sampleRows.length === 0) throw new UserError(`${name} has a header but no data rows; export the data again with its rows.`);
}

async function customerSalt(connection: DuckDBConnection): Promise<string> {
	const row = await queryOne<{ value: string }>(connection, `SELECT value FROM install WHERE key = 'customer_salt'`);
	if (row) return row.value;
	const salt = randomBytes(16).toString('hex');
	await execute(connection, `INSERT INTO install VALUES ('customer_salt', ?)`, [salt]);
	return salt;
}

function readableCopyPath(db: Database): string {
	return join(workFolder(db), `transcoded-${randomUUID()}.csv`);
}

/** The part of the progress bar for reading the file into the staging table. */
const READ_SHARE = 0.4;

/**
 * Files from this size get the memory bound and stage their rows in a scratch database (`scratch.ts`). Smaller files keep
 * DuckDB's default (a wide file of 2,000 columns needs more than the bound for its vectors) and a temp table (at 1 M rows
 * the scratch file's compression cost more than it saved). `CHANNEL_MIX_LARGE_FILE_BYTES` moves it (tests take the large path).
 */
function largeFromBytes(): number {
	const given = process.env.CHANNEL_MIX_LARGE_FILE_BYTES;
	return given !== undefined && given !== '' && Number.isFinite(Number(given)) ? Number(given) : 256 * 1024 ** 2;
}

/** Loads a CSV (or .csv.gz) of conversation or message rows into a dataset, atomically; one heavy write at a time (db/writeQueue.ts). */
export function ingestFile(db: Database, path: string, options: IngestOptions = {}): Promise<IngestResult> {
	return exclusiveWrite(() => importNow(db, path, options));
}

async function importNow(db: Database, path: string, options: IngestOptions): Promise<IngestResult> {
	const started = performance.now();
	const name = options.sourceName ?? basename(path);
	const connection = await db.connect();
	const cleanups: (() => void)[] = [() => connection.closeSync()];
	let restoreMemory: (() => Promise<void>) | undefined;
	let scratch: Scratch | undefined;
	try {
		await connection.run(`SET TimeZone = 'UTC'`);
		const settings = await readSettings(connection);
		const size = statSync(path).size;
		const large = size >= largeFromBytes();
		if (large) restoreMemory = await boundMemory(connection);
		if (size > settings.max_upload_bytes) {
			throw new UserError(
				`${name} is ${formatSize(size)}, over the ${formatSize(settings.max_upload_bytes)} limit; split the export or raise the max_upload_bytes setting.`
			);
		}
		const timezone = options.timezone ?? settings.timezone;
		if (!isValidTimeZone(timezone)) throw new UserError(`"${timezone}" is not an IANA time zone; choose a time zone name such as "Europe/Berlin".`);
		const datasetName = (options.dataset ?? datasetNameFromFile(name)).trim();
		const nameProblem = datasetNameProblem(datasetName);
		if (nameProblem) throw new UserError(nameProblem);
		const previousId = await findDatasetId(connection, datasetName);
		if (previousId !== undefined && !options.replace) {
			throw new UserError(`A dataset named "${datasetName}" exists already; choose to replace it, or give the new one another name.`);
		}

		const sniffed = await sniffFile(path, name, { delimiter: options.delimiter });
		refuseStructure(sniffed, name);
		const overrides = Array.isArray(options.map) ? parseMapOptions(options.map) : (options.map ?? {});
		const mapping = resolveMapping(sniffed.headers, options.preset ?? 'auto', overrides, name);

		let readable = path;
		if (sniffed.encoding !== 'utf-8' || sniffed.gzip) {
			readable = readableCopyPath(db);
			cleanups.push(() => rmSync(readable, { force: true }));
			await readableCopy(path, readable, name, sniffed.encoding, sniffed.gzip);
		}
		const tag = randomUUID().replaceAll('-', '').slice(0, 12);
		const source = csvSource(readable, sniffed, tag);
		const inputs = await stageInputsFor(connection, source, sniffed, mapping, settings, timezone, options.dateFormat);
		const stageSql = mapping.kind === 'messages' ? stageMessagesSql(source.sql, inputs) : stageConversationsSql(source.sql, inputs);
		const salt = await customerSalt(connection);

		const progress = await watchProgress(connection, options.onProgress);
		cleanups.push(progress.stop);
		if (large) scratch = await attachScratch(connection, db.path, workFolder(db), tag);
		const plan = {
			tag,
			scratch: scratch?.name ?? null,
			stageSql,
			source,
			kind: mapping.kind,
			salt,
			sessionize: (staged: string) => sessionizeSql(staged, settings),
			maskBrokenLine: (line: string) => maskedBrokenLineSql(line, sniffed.delimiter, sniffed.headers.length, maskedColumns(sniffed.headers, mapping))
		};
		// the bar's parts, from the time each takes (reading ~40%, the derive and the write the rest)
		progress.phase(0, READ_SHARE);
		// the search for rows too long to read runs on the event loop while DuckDB stages on its threads
		const longRows = findLongRows(readable, MAX_ROW_BYTES);
		longRows.catch(() => undefined);
		const { brokenCount } = await stageFile(connection, plan, longRows);
		await options.pauseAt?.('staged');
		// the bar's rest, from the time each part took at 1 M: the per-row values 6%, the write and commit 52%, the sweep 28%, the stored derive 14%
		const after = (from: number, to: number) => progress.phase(READ_SHARE + (0.99 - READ_SHARE) * from, READ_SHARE + (0.99 - READ_SHARE) * to);
		// kept rows, their per-row values and flags before the transaction: temp tables made inside one are scanned on one thread
		const rows = await keptRelation(connection, plan);
		after(0, 0.06);
		const prepared = await prepareRowValues(connection, rows, settings);
		const flags = await countFlags(connection, rows, mapping.kind === 'conversations' && 'channel' in mapping.sources);
		const frt = mapping.sources.first_response_at;
		const notes =
			mapping.kind === 'conversations' && frt
				? await movedFirstResponsesNotes(
						connection,
						plan,
						frt.headers.filter((_, k) => durationUnitOf(frt, k) !== null)
					)
				: [];
		after(0.06, 0.58);
		const outcome = await inTransaction(connection, async () => {
			const datasetId = (await queryOne<{ id: number }>(connection, `SELECT nextval('dataset_ids')::INTEGER AS id`))!.id;
			const counts: LoadCounts = await loadRows(connection, { ...plan, datasetId }, brokenCount, (kept) =>
				writeConversations(connection, datasetId, kept, settings, prepared)
			);
			if (counts.loaded === 0) {
				const first = counts.rejects[0];
				throw new UserError(
					`None of the ${counts.read} rows of ${name} could be loaded${first ? `; the first problem, on line ${first.line}: ${first.reason}` : ''}. Check the mapping and the time zone, then try again.`
				);
			}
			if (previousId !== undefined) await removeDatasetRows(connection, previousId);
			const summary = mappingSummary(mapping);
			await execute(
				connection,
				sql`INSERT INTO datasets (dataset_id, name, kind, preset, source_file, timezone, mapping, rows_read, rows_loaded, rows_rejected, flags, uploaded_by, loaded_at, min_created_at, max_created_at, max_event_at)
				 SELECT ${datasetId}, ${datasetName}, ${mapping.kind}, ${mapping.preset.name}, ${name}, ${timezone}, ${JSON.stringify(summary)},
					${counts.read}, ${counts.loaded}, ${counts.rejected}, ${JSON.stringify(flags)}, ${options.uploadedBy ?? null},
					now()::TIMESTAMP, min(created_at), max(created_at), greatest(max(created_at), max(first_response_at), max(closed_at))
				 FROM conversations WHERE dataset_id = ${datasetId}`
			);
			await options.pauseAt?.('written');
			return { counts, flags, summary, datasetId };
		});
		await options.onQueryable?.();
		// the derive, its sweeps and stored values in one transaction of their own: pages meanwhile read the committed rows
		// the slower way, agent time and cost marked as deriving (derive_pending); a kill leaves the mark, and the next open derives them
		try {
			after(0.58, 0.86);
			await sweepConcurrency(connection, rows);
			after(0.86, 1);
			await inTransaction(connection, async () => {
				await writeStoredDerived(connection, outcome.datasetId, rows, settings);
				await options.pauseAt?.('derived');
			});
		} catch (error) {
			console.error(`Deriving dataset "${datasetName}" failed:`, error);
			throw new UserError(
				`The ${outcome.counts.loaded.toLocaleString('en-US')} conversations of "${datasetName}" are loaded and readable, but deriving their agent time, cost and concurrency failed; they are derived again the next time the database opens (a server start or any CLI command).`
			);
		}
		// committed: a failed drop must not report the import as failed (the tables go with the connection anyway)
		await dropStaging(connection, plan).catch(() => undefined);
		options.onProgress?.(1);
		return {
			dataset: datasetName,
			preset: mapping.preset.name,
			rows_read: outcome.counts.read,
			rows_loaded: outcome.counts.loaded,
			rows_rejected: outcome.counts.rejected,
			rejects: outcome.counts.rejects,
			mapping: outcome.summary,
			seconds: Math.round((performance.now() - started) / 10) / 100,
			kind: mapping.kind,
			conversations: outcome.counts.conversations,
			flags: outcome.flags,
			notes,
			timezone
		};
	} finally {
		// temp tables go with the connection; dropping them first frees their memory and restores the derive's settings
		await dropPrepared(connection).catch(() => undefined);
		// committed or not, a failed cleanup must not hide the import's outcome; the next open removes what is left
		await scratch?.discard().catch(() => undefined);
		await restoreMemory?.().catch(() => {
			// the limit is a tuning knob; failing to restore it must not hide the import's outcome
		});
		for (const cleanup of cleanups.reverse()) {
			try {
				cleanup();
			} catch {
				// cleanup must not hide the import's own outcome
			}
		}
	}
}
