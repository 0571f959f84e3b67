import type { DuckDBConnection } from '@duckdb/node-api';
import type { SettingKey, Settings } from '../../settings/defaults';
import { execute, inTransaction, queryRows } from '../db/sql';
import { buildBusinessCalendar } from './calendar';
import { deriveConcurrency } from './sweep';
import { CANONICAL_COLUMNS, insertConversationRows } from './facts';
import { deriveHourlyRollup } from './backlog';
import { invalidateMetricsCache } from './cache';
import type { ProgressPhase } from '../ingest/progress';

/** The settings whose change invalidates derived values (metrics.md "Settings and defaults"). */
export const DERIVED_FROM_SETTINGS: readonly SettingKey[] = [
	'timezone',
	'business_hours',
	'holidays',
	'channel_modes',
	'sla',
	'costs',
	'repeat_window_days'
];

/** Removes every derived row of a dataset except those on `conversations`; call it when deleting or replacing the dataset. */
export async function deleteDerived(connection: DuckDBConnection, datasetId: number): Promise<void> {
	invalidateMetricsCache();
	for (const table of ['business_calendar', 'concurrency_segments', 'hourly_rollup', 'group_concurrency']) {
		await execute(connection, `DELETE FROM ${table} WHERE dataset_id = ?`, [datasetId]);
	}
}

/**
 * Writes a dataset's conversations with their derived values (metrics.md "Per conversation") and its
 * derived tables (calendar, concurrency segments and groups, hourly rollup) from `rows`: a relation with
 * the canonical columns (`CANONICAL_COLUMNS`) and a unique `rid`. Runs inside the caller's transaction.
 */
export async function insertDerived(
	connection: DuckDBConnection,
	datasetId: number,
	rows: string,
	settings: Settings,
	phase: ProgressPhase = () => {}
): Promise<void> {
	// a calendar built in this transaction has no statistics yet, and DuckDB would then run the ASOF joins as a nested loop (12-18 s at 1 M)
	await execute(connection, 'SET asof_loop_join_threshold = 0');
	// derived rows need no particular order: lets DuckDB write them from every thread
	await execute(connection, 'SET preserve_insertion_order = false');
	try {
		// the parts of the derive's share of the progress bar, from their time at 10 M rows
		phase(0, 0.03);
		await deleteDerived(connection, datasetId);
		await deriveSpan(connection, rows);
		await buildBusinessCalendar(connection, datasetId, settings);
		phase(0.03, 0.35);
		await deriveConcurrency(connection, datasetId, rows);
		await insertConversationRows(connection, datasetId, rows, settings, (from, to) => phase(0.35 + 0.6 * from, 0.35 + 0.6 * to));
		phase(0.95, 1);
		await deriveHourlyRollup(connection, datasetId);
		for (const table of ['derive_attributed', 'derive_agents', 'derive_span']) await execute(connection, `DROP TABLE IF EXISTS ${table}`);
	} finally {
		// again at the end: a page computed while this ran must not be kept
		invalidateMetricsCache();
		// refused inside a failed transaction; the error to report is the caller's, and staging sets its own order
		await resetDeriveSettings(connection).catch(() => undefined);
	}
}

/**
 * The rows' count and time span, read once for the steps that need them (calendar bounds, the per-minute calendar,
 * the hourly offsets, the dataset's "now", the written-rows check): temp table `derive_span`.
 */
async function deriveSpan(connection: DuckDBConnection, rows: string): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_span AS
		SELECT count(*) AS conversations, min(created_at) AS first_created, max(created_at) AS last_created,
			greatest(max(created_at), max(first_response_at)) AS last_answered,
			greatest(max(created_at), max(first_response_at), max(closed_at)) AS last_event
		FROM ${rows}`
	);
}

async function resetDeriveSettings(connection: DuckDBConnection): Promise<void> {
	await execute(connection, 'RESET preserve_insertion_order');
	await execute(connection, 'RESET asof_loop_join_threshold');
}

/**
 * Derives a stored dataset again (a setting changed, an old file was migrated): its canonical rows are
 * copied aside, removed and written back with fresh derived values. Runs inside the caller's transaction.
 */
export async function deriveDataset(connection: DuckDBConnection, datasetId: number, settings: Settings): Promise<void> {
	const copy = `rederive_rows_${datasetId}`;
	await execute(connection, `CREATE OR REPLACE TEMP TABLE ${copy} AS SELECT ${CANONICAL_COLUMNS.join(', ')} FROM conversations WHERE dataset_id = ?`, [datasetId]);
	try {
		await execute(connection, 'DELETE FROM conversations WHERE dataset_id = ?', [datasetId]);
		await insertDerived(connection, datasetId, `(SELECT rowid AS rid, * FROM ${copy})`, settings);
	} finally {
		// a failed transaction refuses the drop; its rollback removes the copy anyway
		await execute(connection, `DROP TABLE IF EXISTS ${copy}`).catch(() => undefined);
	}
}

/** Applies `channel_modes` to conversations whose file did not give the mode. */
async function applyChannelModes(connection: DuckDBConnection, settings: Settings): Promise<void> {
	for (const [channel, mode] of Object.entries(settings.channel_modes)) {
		await execute(connection, 'UPDATE conversations SET mode = ? WHERE channel = ? AND NOT mode_from_source AND mode <> ?', [
			mode,
			channel,
			mode
		]);
	}
}

/** Recomputes what depends on `key` for every dataset; returns how many datasets were recomputed. */
export async function refreshDerivedForSetting(connection: DuckDBConnection, key: SettingKey, settings: Settings): Promise<number> {
	if (!DERIVED_FROM_SETTINGS.includes(key)) return 0;
	if (key === 'channel_modes') await applyChannelModes(connection, settings);
	const datasets = await queryRows<{ dataset_id: number }>(connection, 'SELECT dataset_id FROM datasets ORDER BY dataset_id');
	for (const { dataset_id } of datasets) await deriveDataset(connection, dataset_id, settings);
	return datasets.length;
}

/**
 * Derives the datasets whose conversations lack derived values: those of a database file
 * migrated from a schema before the derived columns existed. Each in its own transaction.
 */
export async function deriveMissing(connection: DuckDBConnection, settings: Settings): Promise<number[]> {
	const missing = await queryRows<{ dataset_id: number }>(
		connection,
		`SELECT d.dataset_id FROM datasets d
		 WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.dataset_id = d.dataset_id AND c.hour_of_week IS NULL)
		 ORDER BY d.dataset_id`
	);
	for (const { dataset_id } of missing) {
		await inTransaction(connection, () => deriveDataset(connection, dataset_id, settings));
	}
	return missing.map((m) => m.dataset_id);
}
