import type { DuckDBConnection } from '@duckdb/node-api';
import type { SettingKey, Settings } from '../../settings/defaults';
import { execute, inTransaction, queryRows } from '../db/sql';
import { buildBusinessCalendar, storeBusinessCalendar, type CalendarLookup } from './calendar';
import { deriveAgents, deriveConcurrency, storeConcurrency } from './sweep';
import { deriveHourlyRollup, storeDailyConcurrency, storeWholeSummaries } from './rollups';
import { CANONICAL_COLUMNS, deriveRowValues, insertConversationRows, writeAgentTime } from './facts';
import { invalidateMetricsCache } from '../metrics/cache';
import { SUMMARY_FIELDS_HASH } from '../metrics/summary';
import { DERIVING_SQL } from '../metrics/filters';

/** The settings whose change invalidates derived values (metrics.md "Settings and defaults"). */
export const DERIVED_FROM_SETTINGS: readonly SettingKey[] = ['timezone', 'business_hours', 'holidays', 'channel_modes', 'sla', 'costs', 'repeat_window_days'];

/** The tables holding a dataset's derived rows (besides the values on `conversations`), and its pending-derive mark. */
export const DERIVED_TABLES = [
	'business_calendar',
	'concurrency_segments',
	'concurrency_daily',
	'hourly_rollup',
	'group_concurrency',
	'group_summaries',
	'derive_pending'
] as const;

/** Removes every derived row of a dataset except those on `conversations`; call it when deleting or replacing the dataset. */
export async function deleteDerived(connection: DuckDBConnection, datasetId: number): Promise<void> {
	invalidateMetricsCache();
	for (const table of DERIVED_TABLES) {
		await execute(connection, `DELETE FROM ${table} WHERE dataset_id = ?`, [datasetId]);
	}
}

/** The temp tables the derive leaves for the writes (connection-local; dropped by `dropPrepared`). */
const DERIVE_TABLES = [
	'derive_span',
	'derive_calendar',
	'derive_minutes',
	'derive_agents',
	'derive_windows',
	'derive_sweep',
	'derive_attributed',
	'derive_group_parts',
	'derive_groups',
	'derive_offsets',
	'derive_repeats'
];

/** What `prepareRowValues` hands to the writes, besides its temp tables. */
export interface PreparedDerive {
	calendar: CalendarLookup;
}

/**
 * Computes the per-row derived values of `rows` (a relation with the canonical columns, `CANONICAL_COLUMNS`, and a unique `rid`)
 * that the conversations are written with, into connection-local temp tables, without writing anything the database keeps:
 * span, business calendar, agent numbers, repeats and local hours. Not the sweep (`sweepConcurrency`). Run it outside a
 * transaction when you can: DuckDB scans a temp table created inside a transaction on one thread only (about twice as long).
 */
export async function prepareRowValues(connection: DuckDBConnection, rows: string, settings: Settings): Promise<PreparedDerive> {
	await setDeriveSettings(connection);
	await deriveSpan(connection, rows);
	await buildBusinessCalendar(connection, settings);
	await deriveAgents(connection, rows);
	return { calendar: await deriveRowValues(connection, rows, settings) };
}

/**
 * The per-agent sweep of `rows` (after `prepareRowValues`): attributed time, level segments and group concurrency, into
 * temp tables for `writeDerived` or `writeStoredDerived`. The derive's longest step (about a fifth of an import).
 */
export async function sweepConcurrency(connection: DuckDBConnection, rows: string): Promise<void> {
	await setDeriveSettings(connection);
	await deriveConcurrency(connection, rows);
}

/**
 * Writes a dataset's conversations with the values `prepareRowValues` and `sweepConcurrency` computed for the same `rows`,
 * and its derived tables (calendar, concurrency segments, daily pieces and groups, hourly rollup, whole-dataset summary),
 * in one go: a settings change, an old file's first open, a derive a killed process left. Runs inside the caller's transaction.
 */
export async function writeDerived(connection: DuckDBConnection, datasetId: number, rows: string, settings: Settings, prepared: PreparedDerive): Promise<void> {
	await setDeriveSettings(connection);
	await deleteDerived(connection, datasetId);
	await storeSweep(connection, datasetId);
	await insertConversationRows(connection, datasetId, rows, settings, prepared.calendar, true);
	await storeRollups(connection, datasetId);
}

/**
 * An import's first half: its conversations with their per-row values (attributed time and cost still null: the sweep
 * follows), and the mark that its derive is still to come (`derive_pending`). Committed with the dataset, so the dataset
 * is queryable; `sweepConcurrency` and `writeStoredDerived` follow.
 */
export async function writeConversations(
	connection: DuckDBConnection,
	datasetId: number,
	rows: string,
	settings: Settings,
	prepared: PreparedDerive
): Promise<void> {
	await setDeriveSettings(connection);
	await insertConversationRows(connection, datasetId, rows, settings, prepared.calendar, false);
	await execute(connection, 'INSERT INTO derive_pending VALUES (?, now()::TIMESTAMP)', [datasetId]);
}

/**
 * An import's second half, in its own transaction after the first committed and `sweepConcurrency` ran on the same `rows`:
 * each conversation's attributed time and cost, the stored derived values, and the pending mark removed. A reader sees
 * none or all of them.
 */
export async function writeStoredDerived(connection: DuckDBConnection, datasetId: number, rows: string, settings: Settings): Promise<void> {
	await setDeriveSettings(connection);
	await deleteDerived(connection, datasetId);
	await writeAgentTime(connection, datasetId, rows, settings);
	await storeSweep(connection, datasetId);
	await storeRollups(connection, datasetId);
}

/** The calendar and the sweep's stored tables (segments, groups, daily pieces); the sweep's rows are freed after, before the wide writes that need the memory most. */
async function storeSweep(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await storeBusinessCalendar(connection, datasetId);
	await storeConcurrency(connection, datasetId);
	await storeDailyConcurrency(connection, datasetId);
	// two rows per assigned window
	await execute(connection, 'DROP TABLE IF EXISTS derive_sweep');
}

/** The rollups read from the written conversations (hourly rollup, whole summary); last, so a page computed meanwhile is dropped. */
async function storeRollups(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await deriveHourlyRollup(connection, datasetId);
	await storeWholeSummaries(connection, datasetId);
	await execute(connection, 'DELETE FROM derive_pending WHERE dataset_id = ?', [datasetId]);
	// a page computed while the derive ran must not be kept
	invalidateMetricsCache();
}

/** Drops what `prepareRowValues` and `sweepConcurrency` left and restores the settings it changed; safe to call at any point, or twice. */
export async function dropPrepared(connection: DuckDBConnection): Promise<void> {
	for (const table of DERIVE_TABLES) await execute(connection, `DROP TABLE IF EXISTS ${table}`);
	await resetDeriveSettings(connection);
}

/** `prepareRowValues`, `sweepConcurrency` then `writeDerived`, inside the caller's transaction (a settings change, an old file's first open). */
export async function insertDerived(connection: DuckDBConnection, datasetId: number, rows: string, settings: Settings): Promise<void> {
	try {
		const prepared = await prepareRowValues(connection, rows, settings);
		await sweepConcurrency(connection, rows);
		await writeDerived(connection, datasetId, rows, settings, prepared);
	} finally {
		invalidateMetricsCache();
		// refused inside a failed transaction; the rollback removes the temp tables, and staging sets its own order
		await dropPrepared(connection).catch(() => undefined);
	}
}

/**
 * The rows' count and time span, read once for the steps that need them (calendar bounds, the per-minute calendar,
 * the hourly offsets, the dataset's "now", the wide write's runs of `rid` and its written-rows check): temp table `derive_span`.
 */
async function deriveSpan(connection: DuckDBConnection, rows: string): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_span AS
		SELECT count(*) AS conversations, min(rid) AS first_rid, max(rid) AS last_rid, min(created_at) AS first_created, max(created_at) AS last_created,
			greatest(max(created_at), max(first_response_at)) AS last_answered,
			greatest(max(created_at), max(first_response_at), max(closed_at)) AS last_event
		FROM ${rows}`
	);
}

async function setDeriveSettings(connection: DuckDBConnection): Promise<void> {
	// a calendar built moments ago has no statistics yet, and DuckDB would then run the ASOF joins as a nested loop (12-18 s at 1 M)
	await execute(connection, 'SET asof_loop_join_threshold = 0');
	// derived rows need no particular order: lets DuckDB write them from every thread
	await execute(connection, 'SET preserve_insertion_order = false');
}

async function resetDeriveSettings(connection: DuckDBConnection): Promise<void> {
	await execute(connection, 'RESET preserve_insertion_order');
	await execute(connection, 'RESET asof_loop_join_threshold');
}

/** A dataset's canonical rows copied aside for a re-derive: its temp table's name. */
const copyOf = (datasetId: number) => `rederive_rows_${datasetId}`;

async function copyRows(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE ${copyOf(datasetId)} AS SELECT ${CANONICAL_COLUMNS.join(', ')} FROM conversations WHERE dataset_id = ?`,
		[datasetId]
	);
}

/** Every dataset's canonical rows copied aside by `copyRowsForRederive`, and their drop. */
export interface RederiveCopies {
	datasetIds: number[];
	drop(): Promise<void>;
}

/**
 * Copies every dataset's canonical rows aside for `refreshDerivedForSetting`, before its transaction: DuckDB scans a temp
 * table made inside a transaction on one thread (the wide write of a 1 M-row re-derive took 3.0 s instead of 1.4 s).
 * Run it in the same exclusive write as the transaction (db/writeQueue.ts), so no other write comes between.
 */
export async function copyRowsForRederive(connection: DuckDBConnection): Promise<RederiveCopies> {
	const datasetIds = (await queryRows<{ dataset_id: number }>(connection, 'SELECT dataset_id FROM datasets ORDER BY dataset_id')).map((d) => d.dataset_id);
	for (const datasetId of datasetIds) await copyRows(connection, datasetId);
	return {
		datasetIds,
		async drop() {
			for (const datasetId of datasetIds) await execute(connection, `DROP TABLE IF EXISTS ${copyOf(datasetId)}`);
		}
	};
}

/**
 * Derives a stored dataset again (a setting changed, an old file was migrated) from its canonical rows: those copied
 * aside by `copyRowsForRederive` (`copied`), else copied now. Its rows are removed and written back with fresh derived
 * values. Runs inside the caller's transaction.
 */
export async function deriveDataset(connection: DuckDBConnection, datasetId: number, settings: Settings, copied = false): Promise<void> {
	if (!copied) await copyRows(connection, datasetId);
	try {
		await execute(connection, 'DELETE FROM conversations WHERE dataset_id = ?', [datasetId]);
		await insertDerived(connection, datasetId, `(SELECT rowid AS rid, * FROM ${copyOf(datasetId)})`, settings);
	} finally {
		// a failed transaction refuses the drop; its rollback removes the copy anyway
		if (!copied) await execute(connection, `DROP TABLE IF EXISTS ${copyOf(datasetId)}`).catch(() => undefined);
	}
}

/** Applies `channel_modes` to the conversations whose file did not give the mode: in `table`, the stored ones or a copy. */
async function applyChannelModes(connection: DuckDBConnection, settings: Settings, table: string): Promise<void> {
	for (const [channel, mode] of Object.entries(settings.channel_modes)) {
		await execute(connection, `UPDATE ${table} SET mode = ? WHERE channel = ? AND NOT mode_from_source AND mode <> ?`, [mode, channel, mode]);
	}
}

/**
 * Recomputes what depends on `key` for every dataset, from `copies` when the caller made them before its transaction;
 * returns how many datasets were recomputed.
 */
export async function refreshDerivedForSetting(connection: DuckDBConnection, key: SettingKey, settings: Settings, copies?: RederiveCopies): Promise<number> {
	if (!DERIVED_FROM_SETTINGS.includes(key)) return 0;
	const datasetIds =
		copies?.datasetIds ?? (await queryRows<{ dataset_id: number }>(connection, 'SELECT dataset_id FROM datasets ORDER BY dataset_id')).map((d) => d.dataset_id);
	if (key === 'channel_modes') {
		for (const table of copies ? datasetIds.map(copyOf) : ['conversations']) await applyChannelModes(connection, settings, table);
	}
	for (const datasetId of datasetIds) await deriveDataset(connection, datasetId, settings, copies !== undefined);
	return datasetIds.length;
}

/**
 * Derives the datasets whose conversations lack derived values: those of a database file migrated from a schema before
 * the derived columns existed, and those whose import was killed after its conversations committed (`derive_pending`).
 * Each in its own transaction.
 */
export async function deriveMissing(connection: DuckDBConnection, settings: Settings): Promise<number[]> {
	const missing = await queryRows<{ dataset_id: number }>(
		connection,
		`SELECT d.dataset_id FROM datasets d
		 WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.dataset_id = d.dataset_id AND c.hour_of_week IS NULL)
			OR ${DERIVING_SQL}
		 ORDER BY d.dataset_id`
	);
	for (const { dataset_id } of missing) {
		await inTransaction(connection, () => deriveDataset(connection, dataset_id, settings));
	}
	return missing.map((m) => m.dataset_id);
}

/**
 * Stores what newer schema versions keep per dataset at ingest for the datasets derived before them: the whole-dataset
 * summary (migration 007; again when its field list changed, migration 010) and the daily concurrency pieces (008). Without them pages take the slower per-request path;
 * each is one scan, so an upgraded file is brought level at its first open. Returns the datasets completed.
 */
export async function storeMissingRollups(connection: DuckDBConnection): Promise<number[]> {
	const lacking = await queryRows<{ dataset_id: number; summaries: boolean; daily: boolean }>(
		connection,
		`SELECT d.dataset_id,
			NOT EXISTS (SELECT 1 FROM group_summaries g WHERE g.dataset_id = d.dataset_id AND g.fields_hash = ?) AS summaries,
			EXISTS (SELECT 1 FROM concurrency_segments s WHERE s.dataset_id = d.dataset_id)
				AND NOT EXISTS (SELECT 1 FROM concurrency_daily x WHERE x.dataset_id = d.dataset_id) AS daily
		 FROM datasets d ORDER BY d.dataset_id`,
		[SUMMARY_FIELDS_HASH]
	);
	const completed = lacking.filter((d) => d.summaries || d.daily);
	for (const { dataset_id, summaries, daily } of completed) {
		await inTransaction(connection, async () => {
			if (summaries) await storeWholeSummaries(connection, dataset_id);
			if (daily) await storeDailyConcurrency(connection, dataset_id);
		});
	}
	if (completed.length > 0) invalidateMetricsCache();
	return completed.map((d) => d.dataset_id);
}
