import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { getDatabase } from '$lib/server/open';
import { findDatasetId, datasetNameFromFile } from '$lib/server/ingest/datasets';
import { rejectReportStream } from '$lib/server/uploads/rejectReport';

/** Every rejected row of a dataset as CSV: line, reason, raw text (masked at ingest); for analysts and admins. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireCapability(locals, 'manage_data');
	const db = await getDatabase();
	const id = await findDatasetId(db.connection, params.dataset);
	if (id === undefined) error(404, `There is no dataset "${params.dataset}"; it may have been deleted.`);
	const fileName = `${datasetNameFromFile(params.dataset)}-rejects.csv`;
	return new Response(rejectReportStream(db.connection, id), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' }
	});
};
