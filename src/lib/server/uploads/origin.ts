import { error } from '@sveltejs/kit';

/**
 * Kit checks the Origin of form posts only; uploads and JSON posts carry other content types,
 * so every mutating endpoint here checks it explicitly (CSRF).
 */
export function requireSameOrigin(request: Request, url: URL): void {
	const origin = request.headers.get('origin');
	if (origin !== url.origin) error(403, 'This request did not come from a Channel Mix page; reload the page and try again.');
}
