import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/database';
import { listDatasets } from '$lib/server/ingest/datasets';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	return { datasets: await listDatasets(db.connection) };
};
