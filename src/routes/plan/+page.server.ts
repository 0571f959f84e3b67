import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { can } from '$lib/server/auth/roles';
import { getDatabase } from '$lib/server/open';
import { isUserError } from '$lib/server/errors';
import { listDatasets } from '$lib/server/ingest/datasets';
import { readSettings } from '$lib/server/settings/store';
import { updateSetting } from '$lib/server/settings/update';
import { buildPlanOffThread } from '$lib/server/planning/run';
import { planSources, SIMULATION } from './planData.server';
import { numberProblem, parseDecimal, WHAT_IF_RANGES } from '$lib/bounds';

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

/** The save form's what-ifs, each checked against its slider's range: the values, or the first problem's sentence. */
function savedWhatIfs(form: FormData): { growth: number; shrinkage: number; concurrency: number } | string {
	const read = (name: string, range: (typeof WHAT_IF_RANGES)[keyof typeof WHAT_IF_RANGES]) => {
		const typed = String(form.get(name) ?? '');
		const value = parseDecimal(typed);
		return { value, problem: numberProblem(range, value, range.what, typed) };
	};
	const fields = {
		growth: read('growth', WHAT_IF_RANGES.growth),
		shrinkage: read('shrinkage', WHAT_IF_RANGES.shrinkage),
		concurrency: read('concurrency', WHAT_IF_RANGES.concurrencyFactor)
	};
	const problem = Object.values(fields).find((f) => f.problem !== null)?.problem;
	return problem ?? { growth: fields.growth.value, shrinkage: fields.shrinkage.value, concurrency: fields.concurrency.value };
}

export const actions: Actions = {
	/** Saves growth, shrinkage and the concurrency cap of the what-ifs as the planning defaults. */
	save: async (event) => {
		const { request, locals } = event;
		const user = requireCapability(locals, 'plan');
		const form = await request.formData();
		const db = await getDatabase();
		const { planning } = await readSettings(db.connection);
		const whatIfs = savedWhatIfs(form);
		if (typeof whatIfs === 'string') return fail(400, { message: whatIfs });
		const value = {
			...planning,
			growth: whatIfs.growth,
			shrinkage: whatIfs.shrinkage,
			max_concurrency: Math.round(planning.max_concurrency * whatIfs.concurrency * 100) / 100
		};
		try {
			await updateSetting(db, 'planning', value, user.username);
			await recordAudit(db.connection, {
				actor: user.username,
				action: 'setting_change',
				target: 'planning',
				detail: { value },
				address: clientAddress(event)
			});
			return { saved: true, message: 'Saved growth, shrinkage and the concurrency cap as the planning defaults.' };
		} catch (error) {
			if (isUserError(error)) return fail(400, { message: error.message });
			throw error;
		}
	}
};
