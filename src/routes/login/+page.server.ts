import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/database';
import { checkCredentials } from '$lib/server/auth/users';
import { SESSION_COOKIE, startSession } from '$lib/server/auth/sessions';

/** Only same-site paths are followed after sign-in. */
function safeNext(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, message: 'Enter your user name and password.' });
		const db = await getDatabase();
		const user = await checkCredentials(db.connection, username, password);
		if (!user) return fail(400, { username, message: 'That user name and password do not match an active account.' });
		const session = await startSession(db.connection, user.username);
		cookies.set(SESSION_COOKIE, session.id, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			expires: session.expires
		});
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
