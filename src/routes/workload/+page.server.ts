import type { PageServerLoad } from './$types';
import { requireCapability } from '$lib/server/auth/guard';
import { loadDashboardPage } from '$lib/server/dashboard/load';
import { loadWorkload } from '$lib/server/dashboard/pages';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, 'read');
	return loadDashboardPage(url, loadWorkload);
};
