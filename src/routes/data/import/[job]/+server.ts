import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { findImportJob } from '$lib/server/uploads/jobs';

/** Progress of an import, then its summary (the first rejects only: the full list is the reject report). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireCapability(locals, 'manage_data');
	const job = findImportJob(params.job, user.username);
	if (!job) return json({ error: 'That import is not known here (the server may have restarted); check the dataset list.' }, { status: 404 });
	const result = job.result ? { ...job.result, rejects: job.result.rejects.slice(0, 20) } : null;
	return json({ state: job.state, progress: job.progress, seconds: ((job.endedAt ?? Date.now()) - job.startedAt) / 1000, result, error: job.error });
};
