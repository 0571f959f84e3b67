import type { DuckDBConnection } from '@duckdb/node-api';
import type { SettingKey, Settings } from '../../settings/defaults';

/**
 * Derives the per-conversation and per-agent values of one dataset (metrics.md "Per conversation").
 * Runs inside the import's transaction. Placeholder until the metric engine lands.
 */
export async function deriveDataset(_connection: DuckDBConnection, _datasetId: number, _settings: Settings): Promise<void> {}

/** Recomputes what depends on `key` for every dataset; returns how many datasets were recomputed. */
export async function refreshDerivedForSetting(
	_connection: DuckDBConnection,
	_key: SettingKey,
	_settings: Settings
): Promise<number> {
	return 0;
}
