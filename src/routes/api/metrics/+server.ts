import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { computeMetrics } from '$lib/server/metrics/index';
import { queryFromOptions } from '$lib/server/options';
import { apiEndpoint, optionsFromQuery } from '../handler';

/** The `metrics --json` contract; query parameters as the CLI options (dataset, from, to, channel, queue, agent, by). */
export const GET: RequestHandler = apiEndpoint('read', async ({ url }) => {
	const db = await getDatabase();
	return computeMetrics(db.connection, queryFromOptions(optionsFromQuery(url.searchParams)));
});
