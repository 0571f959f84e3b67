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
import { REPORT_CONTENT_TYPES, REPORT_FORMATS, writeStaffingReport, type ReportFormat } from '$lib/server/reports/index';
import { staffingReport } from '$lib/server/reports/context';
import { datasetNameFromFile } from '$lib/server/ingest/datasets';
import { buildPlanOffThread } from '$lib/server/planning/run';
import { applyWhatIf, savedWhatIf, whatIfFromParams } from '$lib/components/plan/whatIf';
import { planSources, SIMULATION } from '../../planData.server';

/**
 * The staffing report of the plan under the Plan page's what-ifs in the query (growth, aht, concurrency, shrinkage),
 * staffing the share chosen on its slider (`share`), the recommendation when none, or today's mix (`share=today`).
 */
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
	const chosen = url.searchParams.get('share') === 'today' ? 'today' : whatIf.asyncShare;
	const report = staffingReport({ plan, ...changed, factors: whatIf, chosen, generatedBy: user.username });
	const folder = join(dirname(db.path), 'tmp');
	mkdirSync(folder, { recursive: true });
	const path = join(folder, `report-${randomUUID()}.${format}`);
	try {
		await writeStaffingReport(report, format, path);
		const body = readFileSync(path);
		await recordAudit(db.connection, {
			actor: user.username,
			action: 'export',
			target: 'staffing',
			address: clientAddress(event),
			detail: { format, rows: report.rows.length, share: report.context.mix.staffedShare }
		});
		const name = `staffing-${datasetNameFromFile(plan.dataset ?? 'plan')}-${plan.intervals[0]?.start.slice(0, 10) ?? 'week'}.${format}`;
		return new Response(body, {
			headers: { 'content-type': REPORT_CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' }
		});
	} finally {
		rmSync(path, { force: true });
	}
};
