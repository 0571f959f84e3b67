import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { listDatasets } from '$lib/server/ingest/datasets';
import { apiEndpoint } from '../handler';

/** The `datasets --json` contract: `{datasets: [...]}`, newest first. */
export const GET: RequestHandler = apiEndpoint('read', async () => {
	const db = await getDatabase();
	return { datasets: await listDatasets(db.connection) };
});
