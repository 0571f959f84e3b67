import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { computeSeries } from '$lib/server/metrics/index';
import type { SeriesInterval } from '$lib/server/metrics/series';
import { queryFromOptions } from '$lib/server/options';
import { apiEndpoint, optionsFromQuery } from '../../handler';

/** The `series METRIC --json` contract; `interval` (15m, 30m, 1h, 1d; default 1h) plus the metrics filters. */
export const GET: RequestHandler = apiEndpoint('read', async ({ url, params }) => {
	const db = await getDatabase();
	const options = optionsFromQuery(url.searchParams);
	return computeSeries(db.connection, params.metric ?? '', { ...queryFromOptions(options), interval: String(options.interval ?? '1h') as SeriesInterval });
});
