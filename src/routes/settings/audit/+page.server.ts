import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/open';
import { requireCapability } from '$lib/server/auth/guard';
import { AUDIT_ACTIONS, listAudit } from '$lib/server/audit/index';

/** The audit log, newest first, 50 a page; filters `action` and `actor` in the URL. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, 'admin');
	const db = await getDatabase();
	const page = Number(url.searchParams.get('page') ?? '1');
	const action = url.searchParams.get('action') || undefined;
	const actor = url.searchParams.get('actor') || undefined;
	const result = await listAudit(db.connection, { page: Number.isFinite(page) ? page : 1, action, actor });
	return { ...result, action: action ?? '', actor: actor ?? '', actions: [...AUDIT_ACTIONS] };
};
