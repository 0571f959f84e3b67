import type { RequestHandler } from './$types';
import { requireCapability } from '$lib/server/auth/guard';
import { discardUpload, findUpload } from '$lib/server/uploads/store';
import { requireSameOrigin } from '$lib/server/uploads/origin';
import { failure } from '$lib/server/uploads/http';

/** Discards an upload the user decided not to import. */
export const DELETE: RequestHandler = async ({ request, locals, url, params }) => {
	const user = requireCapability(locals, 'manage_data');
	requireSameOrigin(request, url);
	try {
		discardUpload(findUpload(params.id, user.username).id);
		return new Response(null, { status: 204 });
	} catch (error) {
		return failure(error, 404);
	}
};
