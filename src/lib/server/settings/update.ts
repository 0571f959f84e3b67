import type { Database } from '../db/database';
import { inTransaction } from '../db/sql';
import { readSettings, writeSetting } from './store';
import type { SettingKey, Settings } from '../../settings/defaults';
import { refreshDerivedForSetting } from '../metrics/derive';

/**
 * Saves a setting and, in the same transaction, recomputes every derived value that depends on it,
 * so no page ever shows numbers computed under other settings than the current ones.
 */
export async function updateSetting(
	db: Database,
	key: string,
	value: unknown,
	updatedBy: string | null
): Promise<{ value: Settings[SettingKey]; recomputedDatasets: number }> {
	const connection = await db.connect();
	try {
		return await inTransaction(connection, async () => {
			await writeSetting(connection, key, value, updatedBy);
			const settings = await readSettings(connection);
			const recomputedDatasets = await refreshDerivedForSetting(connection, key as SettingKey, settings);
			return { value: settings[key as SettingKey], recomputedDatasets };
		});
	} finally {
		connection.closeSync();
	}
}
