import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import type { Capability } from '$lib/server/auth/roles';
import { isUserError } from '$lib/server/errors';
import type { SignedIn } from '$lib/server/auth/guard';

/** A JSON error body: `{error: "one sentence"}`. */
export function jsonError(status: number, error: string): Response {
	return new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Query parameters read like the CLI options: `?channel=chat&channel=email&weeks-history=4`
 * → `{channel: ['chat','email'], weeksHistory: '4'}`, so the same option readers apply.
 */
export function optionsFromQuery(params: URLSearchParams): Record<string, unknown> {
	const options: Record<string, unknown> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		options[camel(key)] = values.length === 1 ? values[0] : values;
	}
	return options;
}

/**
 * Wraps an /api endpoint: checks the capability (again after hooks.server.ts), turns a UserError into 400
 * and Kit's 401/403 into `{error}` JSON; anything else is a 500 with a generic sentence (details stay in the log).
 */
export function apiEndpoint(capability: Capability, work: (event: RequestEvent, user: SignedIn) => Promise<Response | unknown>) {
	return async (event: RequestEvent): Promise<Response> => {
		try {
			const user = requireCapability(event.locals, capability);
			const result = await work(event, user);
			return result instanceof Response
				? result
				: new Response(JSON.stringify(result), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
		} catch (error) {
			if (isUserError(error)) return jsonError(400, error.message);
			if (isHttpError(error)) return jsonError(error.status, error.body.message);
			console.error(error);
			return jsonError(500, 'The server could not answer this request; see the server log for details.');
		}
	};
}
