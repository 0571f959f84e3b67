import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { deleteDataset } from '$lib/server/ingest/datasets';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { apiEndpoint } from '../../handler';

/** `datasets delete NAME` over HTTP: `{deleted: NAME}`. */
export const DELETE: RequestHandler = apiEndpoint('manage_data', async (event, user) => {
	const db = await getDatabase();
	const name = event.params.name ?? '';
	await deleteDataset(db, name);
	await recordAudit(db.connection, { actor: user.username, action: 'dataset_delete', target: name, address: clientAddress(event), detail: { via: 'api' } });
	return { deleted: name };
});
