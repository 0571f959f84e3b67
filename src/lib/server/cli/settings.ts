import { readSettings } from '../settings/store';
import { updateSetting } from '../settings/update';
import { UserError } from '../errors';
import type { CliCommand } from './command';
import { recordAudit } from '../audit/index';

export const settingsCommand: CliCommand = {
	spec: 'settings <action> [key] [value]',
	description: 'Read (get [KEY]) or write (set KEY JSON) settings; keys as in metrics.md',
	examples: ['settings get timezone', `settings set timezone '"Europe/Berlin"'`],
	async run([action, key, value], _options, context) {
		const db = await context.database();
		if (action === 'get') {
			const settings = await readSettings(db.connection);
			if (key === undefined) return context.print(settings, JSON.stringify(settings, null, 2));
			if (!(key in settings)) throw new UserError(`There is no setting "${key}"; known settings are ${Object.keys(settings).join(', ')}.`);
			const one = settings[key as keyof typeof settings];
			return context.print({ [key]: one }, JSON.stringify(one, null, 2));
		}
		if (action === 'set') {
			if (key === undefined || value === undefined) throw new UserError('Use: settings set KEY JSON, for example settings set timezone \'"Europe/Berlin"\'.');
			let parsed: unknown;
			try {
				parsed = JSON.parse(value);
			} catch {
				throw new UserError(`The value for ${key} is not JSON; quote text values, for example '"Europe/Berlin"'.`);
			}
			const result = await updateSetting(db, key, parsed, null);
			await recordAudit(db.connection, { actor: 'cli', action: 'setting_change', target: key, detail: { value: result.value } });
			return context.print(
				{ [key]: result.value, recomputed: result.recomputedDatasets },
				`${key} saved${result.recomputedDatasets > 0 ? `; derived values of ${result.recomputedDatasets} dataset(s) recomputed` : ''}.`
			);
		}
		throw new UserError(`Unknown settings action "${action}"; use "settings get [KEY]" or "settings set KEY JSON".`);
	}
};
