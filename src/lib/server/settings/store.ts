import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_SETTINGS, SETTING_KEYS, type SettingKey, type Settings } from '../../settings/defaults';
import { settingProblem, withDefaults } from '../../settings/validate';
import { UserError } from '../errors';
import { execute, queryRows } from '../db/sql';

/** All settings: stored values over the defaults. A stored value outside today's bounds (saved by an older version) reads as the default. */
export async function readSettings(connection: DuckDBConnection): Promise<Settings> {
	const rows = await queryRows<{ key: string; value: string }>(connection, 'SELECT key, value FROM settings');
	const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
	for (const row of rows) {
		if (!(row.key in DEFAULT_SETTINGS)) continue;
		const value = withDefaults(row.key as SettingKey, JSON.parse(row.value));
		const problem = settingProblem(row.key, value);
		if (problem === null) settings[row.key] = value;
		else warnOnce(`The stored setting ${row.key} is not valid (${problem}); the default is used until it is saved again.`);
	}
	return settings as unknown as Settings;
}

const warned = new Set<string>();
function warnOnce(message: string): void {
	if (warned.has(message)) return;
	warned.add(message);
	console.warn(message);
}

export function assertSettingKey(key: string): asserts key is SettingKey {
	if (!(SETTING_KEYS as string[]).includes(key)) {
		throw new UserError(`There is no setting "${key}"; known settings are ${SETTING_KEYS.join(', ')}.`);
	}
}

/** Validates and stores one setting (no derived values are touched here; see updateSetting). */
export async function writeSetting(connection: DuckDBConnection, key: string, value: unknown, updatedBy: string | null = null): Promise<void> {
	assertSettingKey(key);
	const merged = withDefaults(key, value);
	const problem = settingProblem(key, merged);
	if (problem) throw new UserError(problem);
	await execute(connection, `INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, now()::TIMESTAMP, ?)`, [
		key,
		JSON.stringify(merged),
		updatedBy
	]);
}
