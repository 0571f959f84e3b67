import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { can } from '$lib/server/auth/roles';
import { getDatabase } from '$lib/server/open';
import { isUserError } from '$lib/server/errors';
import { deleteDataset, listDatasets } from '$lib/server/ingest/datasets';
import { PRESET_NAMES } from '$lib/server/ingest/presets';
import { readSettings } from '$lib/server/settings/store';
import { formatBytes } from '$lib/server/uploads/store';
import { currentDefault, markDefaultDataset } from '$lib/server/dashboard/defaultDataset';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'read');
	const db = await getDatabase();
	const settings = await readSettings(db.connection);
	return {
		datasets: await listDatasets(db.connection),
		defaultDataset: await currentDefault(db.connection),
		canManage: can(user.role, 'manage_data'),
		timezone: settings.timezone,
		presets: PRESET_NAMES,
		maxUpload: { bytes: settings.max_upload_bytes, text: formatBytes(settings.max_upload_bytes) }
	};
};

export const actions: Actions = {
	makeDefault: async (event) => {
		const { request, locals } = event;
		const user = requireCapability(locals, 'manage_data');
		const name = String((await request.formData()).get('name') ?? '');
		const db = await getDatabase();
		try {
			await markDefaultDataset(db.connection, name, user.username);
			await recordAudit(db.connection, { actor: user.username, action: 'dataset_default', target: name, address: clientAddress(event) });
			return { madeDefault: name };
		} catch (error) {
			if (isUserError(error)) return fail(400, { name, message: error.message });
			throw error;
		}
	},
	delete: async (event) => {
		const { request, locals } = event;
		const user = requireCapability(locals, 'manage_data');
		const name = String((await request.formData()).get('name') ?? '');
		const db = await getDatabase();
		try {
			await deleteDataset(db, name);
			await recordAudit(db.connection, { actor: user.username, action: 'dataset_delete', target: name, address: clientAddress(event) });
			return { deleted: name };
		} catch (error) {
			if (isUserError(error)) return fail(400, { name, message: error.message });
			throw error;
		}
	}
};
