/** JSON answers of the upload endpoints: a user's mistake is 4xx with its one sentence; anything else is logged. */
import { json, type RequestEvent } from '@sveltejs/kit';
import { requireCapability } from '../auth/guard';
import { isUserError, UserError } from '../errors';
import { requireSameOrigin } from './origin';
import { findUpload, type UploadedFile } from './store';
import { isValidTimeZone } from '../ingest/timezone';
import type { DateOrder } from '../ingest/timestamps';

export function failure(error: unknown, status = 400): Response {
	if (isUserError(error)) return json({ error: error.message }, { status });
	throw error;
}

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new UserError('The request body is not JSON; reload the page and try again.');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw new UserError('The request body must be a JSON object; reload the page and try again.');
	return body as Record<string, unknown>;
}

export function textField(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `{field: header}` with string values only; "" unmaps a field. */
export function mapField(body: Record<string, unknown>): Record<string, string> {
	const value = body.map;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * A JSON post about one of the signed-in user's uploads (`{upload: id, ...}`): checks the role and the origin,
 * finds the upload and lets `answer` reply; a mistake the user can fix becomes 400 with its sentence.
 */
export async function answerUploadPost(
	event: Pick<RequestEvent, 'request' | 'locals' | 'url'>,
	answer: (upload: UploadedFile, body: Record<string, unknown>) => Promise<Response>
): Promise<Response> {
	const user = requireCapability(event.locals, 'manage_data');
	requireSameOrigin(event.request, event.url);
	try {
		const body = await readJsonObject(event.request);
		return await answer(findUpload(textField(body, 'upload') ?? '', user.username), body);
	} catch (error) {
		return failure(error);
	}
}

/** The zone of times without an offset and the day/month order the analyst chose (absent: the setting, and detect). */
export function zoneAndDateOrder(body: Record<string, unknown>): { timezone?: string; dateFormat?: DateOrder } {
	const dateFormat = textField(body, 'dateFormat');
	if (dateFormat !== undefined && dateFormat !== 'dmy' && dateFormat !== 'mdy') throw new UserError('The date format must be day/month or month/day.');
	const timezone = textField(body, 'timezone');
	if (timezone !== undefined && !isValidTimeZone(timezone))
		throw new UserError(`"${timezone.slice(0, 60)}" is not a time zone; choose one from the list, such as "Europe/Berlin".`);
	return { timezone, dateFormat };
}
