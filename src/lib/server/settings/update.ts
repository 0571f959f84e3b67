import type { Database } from '../db/database';
import { inTransaction } from '../db/sql';
import { exclusiveWrite } from '../db/writeQueue';
import { boundMemory } from '../db/memory';
import { readSettings, writeSetting } from './store';
import type { SettingKey, Settings } from '../../settings/defaults';
import { copyRowsForRederive, DERIVED_FROM_SETTINGS, refreshDerivedForSetting, type RederiveCopies } from '../derive/index';

/**
 * Saves several settings and, in the same transaction, recomputes every derived value that depends on
 * any of them (once), so no page ever shows numbers computed under other settings than the current ones.
 * Saved whole or not at all; queued behind a running import (db/writeQueue.ts).
 */
export function updateSettings(
	db: Database,
	values: Record<string, unknown>,
	updatedBy: string | null
): Promise<{ values: Partial<Settings>; recomputedDatasets: number }> {
	return exclusiveWrite(async () => {
		const connection = await db.connect();
		const cleanups: (() => Promise<void>)[] = [];
		let copies: RederiveCopies | undefined;
		try {
			if (Object.keys(values).some((k) => DERIVED_FROM_SETTINGS.includes(k as SettingKey))) {
				cleanups.push(await boundMemory(connection));
				// the rows to derive again are copied before the transaction, so the derive reads them on every thread
				copies = await copyRowsForRederive(connection);
				cleanups.push(copies.drop);
			}
			return await inTransaction(connection, async () => {
				const keys = Object.keys(values);
				for (const key of keys) await writeSetting(connection, key, values[key], updatedBy);
				const settings = await readSettings(connection);
				// channel_modes also rewrites conversations' modes; any other derived key re-derives the same way
				const derivedKeys = keys.filter((k) => DERIVED_FROM_SETTINGS.includes(k as SettingKey)) as SettingKey[];
				const trigger = derivedKeys.includes('channel_modes') ? 'channel_modes' : derivedKeys[0];
				const recomputedDatasets = trigger ? await refreshDerivedForSetting(connection, trigger, settings, copies) : 0;
				const saved = Object.fromEntries(keys.map((k) => [k, settings[k as SettingKey]])) as Partial<Settings>;
				return { values: saved, recomputedDatasets };
			});
		} finally {
			// the copies go with the connection anyway; the memory limit is a tuning knob: neither may hide the outcome
			for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
			connection.closeSync();
		}
	});
}

/** Saves one setting (see updateSettings). */
export async function updateSetting(
	db: Database,
	key: string,
	value: unknown,
	updatedBy: string | null
): Promise<{ value: Settings[SettingKey]; recomputedDatasets: number }> {
	const result = await updateSettings(db, { [key]: value }, updatedBy);
	return { value: result.values[key as SettingKey] as Settings[SettingKey], recomputedDatasets: result.recomputedDatasets };
}
