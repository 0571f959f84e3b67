import type { PageServerLoad } from './$types';
import { requireCapability } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/roles';
import { loadDashboardPage } from '$lib/server/dashboard/load';
import { loadCost } from '$lib/server/dashboard/pages';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireCapability(locals, 'read');
	const page = await loadDashboardPage(url, loadCost);
	return { ...page, canEditCosts: can(user.role, 'manage_data') };
};
