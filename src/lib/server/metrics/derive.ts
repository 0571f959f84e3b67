import type { DuckDBConnection } from '@duckdb/node-api';
import type { SettingKey, Settings } from '../../settings/defaults';
import { execute, inTransaction, queryRows } from '../db/sql';
import { buildBusinessCalendar } from './calendar';
import { deriveConcurrency, deriveGroupConcurrency } from './concurrency';
import { groupKeySql } from './filters';
import { deriveFacts } from './facts';
import { deriveHourlyRollup } from './backlog';
import { invalidateMetricsCache } from './cache';

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

/** Removes every derived row of a dataset; call it when deleting or replacing the dataset. */
export async function deleteDerived(connection: DuckDBConnection, datasetId: number): Promise<void> {
	invalidateMetricsCache();
	for (const table of ['conversation_facts', 'business_calendar', 'concurrency_segments', 'hourly_rollup', 'group_concurrency']) {
		await execute(connection, `DELETE FROM ${table} WHERE dataset_id = ?`, [datasetId]);
	}
}

/**
 * Derives the per-conversation and per-agent values of one dataset (metrics.md "Per conversation"):
 * calendar, concurrency sweep, facts, hourly rollup. Runs inside the caller's transaction.
 */
export async function deriveDataset(connection: DuckDBConnection, datasetId: number, settings: Settings): Promise<void> {
	// a calendar built in this transaction has no statistics yet, and DuckDB would then run the ASOF joins as a nested loop (12-18 s at 1 M)
	await execute(connection, 'SET asof_loop_join_threshold = 0');
	// derived rows need no particular order: lets DuckDB write them from every thread
	await execute(connection, 'SET preserve_insertion_order = false');
	try {
		await deleteDerived(connection, datasetId);
		await buildBusinessCalendar(connection, datasetId, settings);
		await deriveConcurrency(connection, datasetId);
		await deriveFacts(connection, datasetId, settings);
		await deriveHourlyRollup(connection, datasetId);
		await deriveGroupConcurrency(connection, datasetId, groupKeySql);
		await execute(connection, 'DROP TABLE IF EXISTS derive_attributed');
		await execute(connection, 'DROP TABLE IF EXISTS derive_agents');
	} finally {
		// again at the end: a page computed while this ran must not be kept
		invalidateMetricsCache();
		await execute(connection, 'RESET preserve_insertion_order');
		await execute(connection, 'RESET asof_loop_join_threshold');
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
 * Derives the datasets that have conversations but no derived rows: those of a database file
 * migrated from a schema before the derived tables existed. Each in its own transaction.
 */
export async function deriveMissing(connection: DuckDBConnection, settings: Settings): Promise<number[]> {
	const missing = await queryRows<{ dataset_id: number }>(
		connection,
		`SELECT d.dataset_id FROM datasets d
		 WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.dataset_id = d.dataset_id)
		   AND NOT EXISTS (SELECT 1 FROM conversation_facts f WHERE f.dataset_id = d.dataset_id)
		 ORDER BY d.dataset_id`
	);
	for (const { dataset_id } of missing) {
		await inTransaction(connection, () => deriveDataset(connection, dataset_id, settings));
	}
	return missing.map((m) => m.dataset_id);
}
