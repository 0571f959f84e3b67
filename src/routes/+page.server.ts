import type { PageServerLoad } from './$types';
import { requireCapability } from '$lib/server/auth/guard';
import { getDatabase } from '$lib/server/open';
import { loadDashboardPage } from '$lib/server/dashboard/load';
import { loadOverview } from '$lib/server/dashboard/overview';
import { recommendationCard } from '$lib/server/planning/recommendation';
import type { RecommendationCard } from '$lib/planning/planTypes';

/** The plan behind the card on a connection of its own, streamed: the tiles do not wait for it. */
async function streamedCard(dataset: string): Promise<RecommendationCard> {
	const connection = await (await getDatabase()).connect();
	try {
		return await recommendationCard(connection, dataset);
	} finally {
		connection.closeSync();
	}
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, 'read');
	const page = await loadDashboardPage(url, loadOverview);
	return page.state === 'ready' ? { ...page, recommendation: streamedCard(page.filters.dataset) } : page;
};
