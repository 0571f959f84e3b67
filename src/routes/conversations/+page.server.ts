import type { PageServerLoad } from './$types';
import { requireCapability } from '$lib/server/auth/guard';
import { loadDashboardPage } from '$lib/server/dashboard/load';
import { drillPage, readDrillSlice, readPaging } from '$lib/server/dashboard/drill';

/** The conversations behind a chart, bar, heatmap cell or tile: for those who feed and check the data (analyst, admin). */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, 'manage_data');
	return loadDashboardPage(url, async (connection, scope) => {
		const slice = readDrillSlice(url.searchParams);
		return { slice, table: await drillPage(connection, scope, slice, readPaging(url.searchParams)) };
	});
};
