/** The security headers every response carries, static files included; pages replace the CSP with Kit's own (svelte.config.js). */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'"
};

/** Signed-in data must not linger in shared or browser caches: every answer of the app itself (not its hashed assets). */
export const NO_STORE = 'no-store';
