import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { findUpload } from '$lib/server/uploads/store';
import { previewUpload } from '$lib/server/uploads/preview';
import { requireSameOrigin } from '$lib/server/uploads/origin';
import { failure, mapField, readJsonObject, textField } from '$lib/server/uploads/http';

/** The preview again, with the preset or mapping the analyst chose. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const user = requireCapability(locals, 'manage_data');
	requireSameOrigin(request, url);
	try {
		const body = await readJsonObject(request);
		const upload = findUpload(textField(body, 'upload') ?? '', user.username);
		return json(await previewUpload(upload, { preset: textField(body, 'preset'), map: mapField(body) }));
	} catch (error) {
		return failure(error);
	}
};
