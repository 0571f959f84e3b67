import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { findImportJob, importStatus } from '$lib/server/uploads/jobs';

/** Progress of an import, then its summary. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireCapability(locals, 'manage_data');
	const job = findImportJob(params.job, user.username);
	if (!job) return json({ error: 'That import is not known here (the server may have restarted); check the dataset list.' }, { status: 404 });
	return json(importStatus(job));
};
