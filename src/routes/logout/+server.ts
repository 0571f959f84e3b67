import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { SESSION_COOKIE, endAllSessions, endSession } from '$lib/server/auth/sessions';
import { clientAddress } from '$lib/server/auth/request';
import { recordAudit } from '$lib/server/audit/index';

/** Signs out this browser; with `?everywhere` (or a form field `everywhere`) every session of the user ends. */
export const POST: RequestHandler = async (event) => {
	const { cookies, locals, url, request } = event;
	const db = await getDatabase();
	const form = request.headers.get('content-type')?.includes('form') ? await request.formData() : null;
	const everywhere = url.searchParams.has('everywhere') || form?.has('everywhere') === true;
	const id = cookies.get(SESSION_COOKIE);
	if (everywhere && locals.user) await endAllSessions(db.connection, locals.user.username);
	else if (id) await endSession(db.connection, id);
	if (locals.user) {
		await recordAudit(db.connection, {
			actor: locals.user.username,
			action: everywhere ? 'sign_out_everywhere' : 'sign_out',
			target: locals.user.username,
			address: clientAddress(event)
		});
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
