import { isReadMethod } from './access';

/**
 * Cross-site request refusal for every mutating request, sign-in and sign-out included: Kit's form check does not look
 * at JSON, raw or empty bodies (a body-less POST /logout?everywhere from a sibling origin carries the Lax cookie).
 * Returns a sentence when the request must be refused, else null.
 * `origins`: the origins this app is reached at (the request URL's, and https behind a trusted proxy).
 * Requests authenticated by a bearer token and carrying no cookie cannot be forged by a browser: allowed.
 */
export function crossSiteRefusal(request: Request, origins: readonly string[], bearer: boolean): string | null {
	if (isReadMethod(request.method)) return null;
	if (bearer && !request.headers.get('cookie')) return null;
	const sent = request.headers.get('origin');
	if (sent !== null) return origins.includes(sent) ? null : REFUSAL;
	// no Origin: only a same-origin fetch metadata header vouches for the request
	const site = request.headers.get('sec-fetch-site');
	return site === 'same-origin' ? null : REFUSAL;
}

const REFUSAL = 'Cross-site request refused: send it from this site, or call the API with an Authorization: Bearer token and no cookie.';
