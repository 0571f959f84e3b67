import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { can } from '$lib/server/auth/roles';
import { getDatabase } from '$lib/server/db/database';
import { isUserError } from '$lib/server/errors';
import { listDatasets } from '$lib/server/ingest/datasets';
import { readSettings } from '$lib/server/settings/store';
import { updateSetting } from '$lib/server/settings/update';
import { buildPlanOffThread } from '$lib/server/planning/run';
import { planSources, SIMULATION } from './planData.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireCapability(locals, 'read');
	const db = await getDatabase();
	const dataset = url.searchParams.get('dataset') ?? undefined;
	const datasets = (await listDatasets(db.connection)).map((d) => d.name);
	const canPlan = can(user.role, 'plan');
	try {
		const { inputs, assumptions } = await planSources(db.connection, dataset);
		// the simulation takes a few hundred ms: run once here for the saved assumptions, not on every slider move
		const saved = await buildPlanOffThread(inputs, assumptions, SIMULATION);
		return { ready: true as const, inputs, assumptions, simulation: saved.mix.simulation, savedRecommended: saved.mix.recommended, datasets, canPlan };
	} catch (error) {
		if (isUserError(error)) return { ready: false as const, problem: error.message, datasets, canPlan };
		throw error;
	}
};

const share = (form: FormData, name: string) => Number(String(form.get(name) ?? ''));

export const actions: Actions = {
	/** Saves growth, shrinkage and the concurrency cap of the what-ifs as the planning defaults. */
	save: async (event) => {
		const { request, locals } = event;
		const user = requireCapability(locals, 'plan');
		const form = await request.formData();
		const db = await getDatabase();
		const { planning } = await readSettings(db.connection);
		const factor = share(form, 'concurrency');
		const value = { ...planning, growth: share(form, 'growth'), shrinkage: share(form, 'shrinkage'), max_concurrency: Math.round(planning.max_concurrency * (Number.isFinite(factor) && factor > 0 ? factor : 1) * 100) / 100 };
		try {
			await updateSetting(db, 'planning', value, user.username);
			await recordAudit(db.connection, { actor: user.username, action: 'setting_change', target: 'planning', detail: { value }, address: clientAddress(event) });
			return { saved: true, message: 'Saved growth, shrinkage and the concurrency cap as the planning defaults.' };
		} catch (error) {
			if (isUserError(error)) return fail(400, { message: error.message });
			throw error;
		}
	}
};
