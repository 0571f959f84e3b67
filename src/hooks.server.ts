import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDatabase } from '$lib/server/db/database';
import { prepareFirstRun } from '$lib/server/firstRun';
import { SESSION_COOKIE, sessionUser } from '$lib/server/auth/sessions';

export const init: ServerInit = async () => {
	const db = await getDatabase();
	await prepareFirstRun(db);
};

const PUBLIC_PATHS = ['/login'];

/** Session cookie → locals.user; everything but the sign-in page needs a signed-in user. */
const authenticate: Handle = async ({ event, resolve }) => {
	const id = event.cookies.get(SESSION_COOKIE);
	const db = await getDatabase();
	event.locals.user = id ? await sessionUser(db.connection, id) : null;
	const isPublic = PUBLIC_PATHS.some((p) => event.url.pathname === p || event.url.pathname.startsWith(p + '/'));
	if (!event.locals.user && !isPublic) {
		if (event.url.pathname.startsWith('/api/')) {
			return new Response(JSON.stringify({ error: 'Sign in first: this endpoint needs a session or an API token.' }), {
				status: 401,
				headers: { 'content-type': 'application/json' }
			});
		}
		const next = event.url.pathname + event.url.search;
		return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(next)}` } });
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(securityHeaders, authenticate);
