import type { Handle, RequestEvent, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDatabase } from '$lib/server/open';
import { prepareFirstRun } from '$lib/server/firstRun';
import { SESSION_COOKIE, sessionUser } from '$lib/server/auth/sessions';
import { tokenUser } from '$lib/server/auth/tokens';
import { requiredCapability } from '$lib/server/auth/access';
import { crossSiteRefusal } from '$lib/server/auth/csrf';
import { clientAddress, publicOrigin } from '$lib/server/auth/request';
import { recordDenial } from '$lib/server/audit/denials';
import { can, CAPABILITY_WORDS } from '$lib/server/auth/roles';
import { escapeHtml } from '$lib/charts/escape';
import { boundedRequest, REFUSAL_HEADERS, takesLargeBody } from '$lib/server/http/bodyLimit';
import { BASELINE_HEADERS, NO_STORE } from '$lib/server/http/headers';
import { THEME_COOKIE, THEME_PLACEHOLDER, themeAttribute } from '$lib/components/themeCookie';

export const init: ServerInit = async () => {
	const db = await getDatabase();
	await prepareFirstRun(db);
};

const isApi = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/** JSON callers (the API, fetches with JSON bodies such as /data/import) get `{error}` refusals, browsers a page. */
function wantsJson(event: RequestEvent): boolean {
	if (isApi(event.url.pathname)) return true;
	const type = event.request.headers.get('content-type') ?? '';
	const accept = event.request.headers.get('accept') ?? '';
	return type.includes('json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

function json(status: number, error: string): Response {
	return new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json' } });
}

/** A refusal page without script (not rendered by Kit: securityHeaders gives it the strict baseline CSP). */
function refusal(status: number, message: string): Response {
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} · Channel Mix</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:10vh auto;padding:0 1rem">
<h1>${status === 403 ? 'Not allowed' : 'Refused'}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the overview</a></p></body></html>`;
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** `Authorization: Bearer …` (API only), else the session cookie → locals.user. */
async function identify(event: RequestEvent): Promise<{ bearer: boolean }> {
	const db = await getDatabase();
	const authorization = event.request.headers.get('authorization');
	if (authorization && isApi(event.url.pathname)) {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization);
		event.locals.user = match ? await tokenUser(db.connection, match[1]) : null;
		return { bearer: true };
	}
	const id = event.cookies.get(SESSION_COOKIE);
	event.locals.user = id ? await sessionUser(db.connection, id) : null;
	return { bearer: false };
}

/** Records a role refusal (bounded in audit/denials.ts); a failure to record must not turn the 403 into a 500. */
async function auditDenial(event: RequestEvent, username: string): Promise<void> {
	const db = await getDatabase();
	const denial = { username, method: event.request.method, path: event.url.pathname, address: clientAddress(event) };
	await recordDenial(db.connection, denial).catch((e: unknown) => console.error('Audit failed:', e));
}

/**
 * Who is asking, whether the request is cross-site, and whether their role allows the route
 * (route table in $lib/server/auth/access.ts); loads, actions and endpoints check again with requireCapability.
 */
const authorize: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	const api = wantsJson(event);
	const { bearer } = await identify(event);
	const capability = requiredCapability(event.request.method, pathname);
	const crossSite = crossSiteRefusal(event.request, [event.url.origin, publicOrigin(event)], bearer);
	const crossSiteRefused = crossSite && (api ? json(403, crossSite) : refusal(403, crossSite));
	// sign-in and sign-out are public but still mutations: a sibling origin must not end someone's sessions
	if (capability === null) return crossSiteRefused || resolve(event);

	const user = event.locals.user;
	if (!user) {
		if (api) {
			if (!isApi(pathname)) return json(401, 'Sign in first.');
			return json(
				401,
				bearer ? 'That API token is not valid; create a new one under Settings → Users.' : 'Sign in first: this endpoint needs a session or an API token.'
			);
		}
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return refusal(401, 'Sign in first.');
		const next = pathname + event.url.search;
		return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(next)}` } });
	}

	if (crossSiteRefused) return crossSiteRefused;

	if (!capability.some((c) => can(user.role, c))) {
		const message = `Your role (${user.role}) may not ${capability.map((c) => CAPABILITY_WORDS[c]).join(' or ')}; ask an admin.`;
		await auditDenial(event, user.username);
		return api ? json(403, message) : refusal(403, message);
	}
	const response = await resolve(event);
	// a load, action or endpoint refused the role (requireCapability marks it)
	if (event.locals.denied) await auditDenial(event, user.username);
	return response;
};

/** Headers for every answer of the app (the server entry sets them on static files too); Kit adds the CSP (svelte.config.js) to the pages it renders. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	const set = (name: string, value: string) => {
		try {
			headers.set(name, value);
		} catch {
			// some responses (a fetch passed through) have immutable headers; they are not ours to mark
		}
	};
	for (const [name, value] of Object.entries(BASELINE_HEADERS)) if (!headers.has(name)) set(name, value);
	if (!headers.has('cache-control')) set('Cache-Control', NO_STORE);
	return response;
};

/** Bodies are read up to a small bound before anything else, the streamed upload aside (src/lib/server/http/bodyLimit.ts). */
const limitBody: Handle = async ({ event, resolve }) => {
	if (event.request.body === null || takesLargeBody(event.request.method, event.url.pathname)) return resolve(event);
	const bounded = await boundedRequest(event.request);
	if (typeof bounded === 'string') {
		const response = wantsJson(event) ? json(413, bounded) : refusal(413, bounded);
		for (const [name, value] of Object.entries(REFUSAL_HEADERS)) response.headers.set(name, value);
		return response;
	}
	event.request = bounded;
	return resolve(event);
};

/** <html data-theme> from the theme cookie, so the page is painted in the chosen theme from the start. */
const renderTheme: Handle = async ({ event, resolve }) => {
	const attribute = themeAttribute(event.cookies.get(THEME_COOKIE));
	return resolve(event, { transformPageChunk: ({ html }) => html.replace(THEME_PLACEHOLDER, attribute) });
};

export const handle = sequence(securityHeaders, limitBody, authorize, renderTheme);
