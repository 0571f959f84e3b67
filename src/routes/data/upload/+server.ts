import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { getDatabase } from '$lib/server/open';
import { readSettings } from '$lib/server/settings/store';
import { discardUpload, receiveUpload, UploadTooLargeError } from '$lib/server/uploads/store';
import { previewUpload } from '$lib/server/uploads/preview';
import { requireSameOrigin } from '$lib/server/uploads/origin';
import { failure } from '$lib/server/uploads/http';

/** The file is the raw request body (not multipart), streamed to disk; the name comes in X-File-Name. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const user = requireCapability(locals, 'manage_data');
	requireSameOrigin(request, url);
	const db = await getDatabase();
	const settings = await readSettings(db.connection);
	const length = request.headers.get('content-length');
	let uploadId: string | null = null;
	try {
		const upload = await receiveUpload(db, request.body, {
			fileNameHeader: request.headers.get('x-file-name'),
			declaredBytes: length === null ? null : Number(length),
			maxBytes: settings.max_upload_bytes,
			uploadedBy: user.username
		});
		uploadId = upload.id;
		return json(await previewUpload(upload));
	} catch (error) {
		if (uploadId) discardUpload(uploadId);
		return failure(error, error instanceof UploadTooLargeError ? 413 : 400);
	}
};
