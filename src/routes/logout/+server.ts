import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/database';
import { SESSION_COOKIE, endSession } from '$lib/server/auth/sessions';

export const POST: RequestHandler = async ({ cookies }) => {
	const id = cookies.get(SESSION_COOKIE);
	if (id) await endSession((await getDatabase()).connection, id);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
