import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requireCapability } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { getDatabase } from '$lib/server/open';
import { isUserError } from '$lib/server/errors';
import { REPORT_FORMATS, writeStaffingReport, type ReportFormat } from '$lib/server/reports/index';
import { datasetNameFromFile } from '$lib/server/ingest/datasets';
import { buildPlanOffThread } from '$lib/server/planning/run';
import { applyWhatIf, savedWhatIf, whatIfFromParams } from '$lib/components/plan/whatIf';
import { planSources, SIMULATION } from '../../planData.server';

const CONTENT_TYPES: Record<ReportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pdf: 'application/pdf'
};

/** The staffing report of the plan under the what-ifs in the query (growth, aht, concurrency, shrinkage). */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const user = requireCapability(locals, 'plan');
	const format = params.format as ReportFormat;
	if (!(REPORT_FORMATS as readonly string[]).includes(format)) error(404, `There is no "${params.format}" report; use ${REPORT_FORMATS.join(', ')}.`);
	const db = await getDatabase();
	let sources;
	try {
		sources = await planSources(db.connection, url.searchParams.get('dataset') ?? undefined);
	} catch (e) {
		if (isUserError(e)) error(400, e.message);
		throw e;
	}
	const whatIf = whatIfFromParams(url.searchParams, savedWhatIf(sources.assumptions));
	const changed = applyWhatIf(sources.inputs, sources.assumptions, whatIf);
	const plan = await buildPlanOffThread(changed.inputs, changed.assumptions, SIMULATION);
	const folder = join(dirname(db.path), 'tmp');
	mkdirSync(folder, { recursive: true });
	const path = join(folder, `report-${randomUUID()}.${format}`);
	try {
		await writeStaffingReport(plan, sources.assumptions.currency, format, path);
		const body = readFileSync(path);
		await recordAudit(db.connection, {
			actor: user.username,
			action: 'export',
			target: 'staffing',
			address: clientAddress(event),
			detail: { format, rows: plan.intervals.length }
		});
		const name = `staffing-${datasetNameFromFile(plan.dataset ?? 'plan')}-${plan.intervals[0]?.start.slice(0, 10) ?? 'week'}.${format}`;
		return new Response(body, {
			headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' }
		});
	} finally {
		rmSync(path, { force: true });
	}
};
