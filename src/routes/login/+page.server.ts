import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/open';
import { checkCredentials } from '$lib/server/auth/users';
import { SESSION_COOKIE, startSession } from '$lib/server/auth/sessions';
import { clearSignInFailures, recordSignInFailure, signInThrottle, throttleMessage } from '$lib/server/auth/throttle';
import { clientAddress, isHttps } from '$lib/server/auth/request';
import { recordAudit } from '$lib/server/audit/index';

/** Only a path of this origin is followed after sign-in; anything else (another origin, a script URL) goes to the front page. */
function safeNext(value: string | null, origin: string): string {
	if (!value) return '/';
	// parse as the browser will resolve the Location: tabs and newlines dropped, backslashes read as slashes
	let target: URL;
	try {
		target = new URL(value, origin);
	} catch {
		return '/';
	}
	// a path starting "//" would be read as another host
	if (target.origin !== origin || !target.pathname.startsWith('/') || target.pathname.startsWith('//')) return '/';
	return target.pathname + target.search + target.hash;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	// the address the server is set up for (ORIGIN): Kit refuses sign-in forms posted from any other
	return { origin: url.origin };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, message: 'Enter your user name and password.' });
		const db = await getDatabase();
		const address = clientAddress(event);
		const throttle = await signInThrottle(db.connection, username, address);
		if (throttle.blocked) {
			await recordAudit(db.connection, {
				actor: username,
				action: 'sign_in_throttled',
				target: username,
				address,
				detail: { wait_seconds: throttle.waitSeconds }
			});
			return fail(429, { username, message: throttleMessage(throttle) });
		}
		const user = await checkCredentials(db.connection, username, password);
		if (!user) {
			await recordSignInFailure(db.connection, username, address);
			await recordAudit(db.connection, { actor: username, action: 'sign_in_failed', target: username, address });
			return fail(400, { username, message: 'That user name and password do not match an active account.' });
		}
		await clearSignInFailures(db.connection, user.username, address);
		const session = await startSession(db.connection, user.username);
		await recordAudit(db.connection, { actor: user.username, action: 'sign_in', target: user.username, address });
		cookies.set(SESSION_COOKIE, session.id, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: isHttps(event),
			expires: session.expires
		});
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	}
};
