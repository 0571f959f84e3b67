import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { planForDataset, planOverrides } from '$lib/server/planning/run';
import { apiEndpoint, optionsFromQuery } from '../handler';

/** The `plan --json` contract; query parameters dataset, weeks-history, horizon-days, growth, quantile, replications. */
export const GET: RequestHandler = apiEndpoint('read', async ({ url }) => {
	const db = await getDatabase();
	const { plan } = await planForDataset(db.connection, planOverrides(optionsFromQuery(url.searchParams)));
	return plan;
});
