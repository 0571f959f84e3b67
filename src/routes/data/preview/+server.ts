import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { previewUpload } from '$lib/server/uploads/preview';
import { answerUploadPost, mapField, textField, zoneAndDateOrder } from '$lib/server/uploads/http';

/** The preview again, with the preset or mapping the analyst chose. */
export const POST: RequestHandler = (event) =>
	answerUploadPost(event, async (upload, body) =>
		json(await previewUpload(upload, { preset: textField(body, 'preset'), map: mapField(body), ...zoneAndDateOrder(body) }))
	);
