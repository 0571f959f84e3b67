import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/auth/roles';

/** `mayDrill`: the charts and tiles link to the conversations behind them (analyst and admin). */
export const load: LayoutServerLoad = async ({ locals }) => ({ user: locals.user, mayDrill: can(locals.user?.role, 'manage_data') });
