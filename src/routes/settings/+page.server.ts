import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { can } from '$lib/server/auth/roles';
import { getDatabase } from '$lib/server/open';
import { isUserError } from '$lib/server/errors';
import { readSettings } from '$lib/server/settings/store';
import { updateSettings } from '$lib/server/settings/update';
import { settingProblem, withDefaults } from '$lib/settings/validate';
import type { SettingKey } from '$lib/settings/defaults';
import { FieldProblem, isSection, sectionValues } from './settingsForm';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'read');
	const db = await getDatabase();
	return {
		settings: await readSettings(db.connection),
		canEditMetrics: can(user.role, 'manage_data'),
		canEditPlanning: can(user.role, 'plan'),
		isAdmin: can(user.role, 'admin')
	};
};

function savedSentence(recomputed: number, changedKeys: string[]): string {
	const saved =
		recomputed === 0
			? 'Saved; no stored values depend on this, so nothing needed recomputing.'
			: `Saved; derived values of ${recomputed} dataset${recomputed === 1 ? '' : 's'} recomputed.`;
	// message logs are not kept after sessionization, so changed timeouts apply to the next import
	const timeouts = changedKeys.some((k) => k === 'close_after_s' || k === 'focus_cap_s');
	return timeouts ? `${saved} The sessionization timeouts apply to message logs imported from now on.` : saved;
}

export const actions: Actions = {
	save: async (event) => {
		const { request, locals } = event;
		const form = await request.formData();
		const section = String(form.get('section') ?? '');
		if (!isSection(section)) return fail(400, { section, message: 'That settings section is unknown; reload the page and try again.' });
		const user = requireCapability(locals, section === 'planning' ? 'plan' : 'manage_data');
		let values: Record<string, unknown>;
		try {
			values = sectionValues(section, form);
		} catch (error) {
			if (error instanceof FieldProblem) return fail(400, { section, message: error.message });
			throw error;
		}
		// check every key before saving any, so a section is saved whole or not at all
		for (const [key, value] of Object.entries(values)) {
			const problem = settingProblem(key, withDefaults(key as SettingKey, value));
			if (problem) return fail(400, { section, key, message: problem });
		}
		const db = await getDatabase();
		let recomputed = 0;
		const before = await readSettings(db.connection);
		let changed: string[] = [];
		try {
			const outcome = await updateSettings(db, values, user.username);
			changed = Object.keys(outcome.values).filter((k) => JSON.stringify(outcome.values[k as SettingKey]) !== JSON.stringify(before[k as SettingKey]));
			recomputed = outcome.recomputedDatasets;
			for (const [key, value] of Object.entries(outcome.values)) {
				await recordAudit(db.connection, { actor: user.username, action: 'setting_change', target: key, detail: { value }, address: clientAddress(event) });
			}
		} catch (error) {
			if (isUserError(error)) return fail(400, { section, message: error.message });
			throw error;
		}
		return { section, saved: true, message: savedSentence(recomputed, changed) };
	}
};
