/** Facts about an HTTP request that depend on whether a reverse proxy is trusted (TRUST_PROXY=1). */
export interface RequestFacts {
	url: URL;
	request: Request;
	getClientAddress(): string;
}

const trustProxy = () => process.env.TRUST_PROXY === '1';

/** The first value of a comma-separated forwarding header, lower-case. */
function firstValue(header: string | null): string | null {
	const value = header?.split(',')[0]?.trim().toLowerCase();
	return value ? value : null;
}

/** https either directly, or (only when TRUST_PROXY=1) as told by the proxy's X-Forwarded-Proto. */
export function isHttps(event: RequestFacts): boolean {
	if (event.url.protocol === 'https:') return true;
	return trustProxy() && firstValue(event.request.headers.get('x-forwarded-proto')) === 'https';
}

/** The origin browsers see: the request URL's, with https when a trusted proxy terminates TLS. */
export function publicOrigin(event: RequestFacts): string {
	return isHttps(event) && event.url.protocol === 'http:' ? 'https://' + event.url.host : event.url.origin;
}

/** The client's address; behind a trusted proxy the last X-Forwarded-For entry (the one the proxy added). */
export function clientAddress(event: RequestFacts): string {
	if (trustProxy()) {
		const forwarded = event.request.headers
			.get('x-forwarded-for')
			?.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		if (forwarded && forwarded.length > 0) return forwarded[forwarded.length - 1];
	}
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
