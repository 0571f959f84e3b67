import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { planForDataset, planOverrides } from '$lib/server/planning/run';
import { staffingReport } from '$lib/server/reports/context';
import { REPORT_CONTENT_TYPES, REPORT_FORMATS, writeStaffingReport, type ReportFormat } from '$lib/server/reports/index';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { UserError } from '$lib/server/errors';
import { staffedShareOption } from '$lib/server/options';
import { apiEndpoint, optionsFromQuery } from '../../handler';

/** `report staffing --format csv|xlsx|pdf [--share s]` as a download; plan query parameters as for /api/plan. */
export const GET: RequestHandler = apiEndpoint('plan', async (event, user) => {
	const options = optionsFromQuery(event.url.searchParams);
	const format = String(options.format ?? 'csv');
	if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UserError(`Give format as one of ${REPORT_FORMATS.join(', ')}.`);
	const chosen = staffedShareOption(options);
	const db = await getDatabase();
	const { plan, inputs, assumptions } = await planForDataset(db.connection, planOverrides(options));
	const report = staffingReport({ plan, inputs, assumptions, factors: { ahtFactor: 1, concurrencyFactor: 1 }, chosen, generatedBy: user.username });
	// the writers write files; a private temp folder keeps concurrent downloads apart
	const folder = await mkdtemp(join(tmpdir(), 'cm-report-'));
	try {
		const file = join(folder, `staffing.${format}`);
		await writeStaffingReport(report, format, file);
		const body = await readFile(file);
		await recordAudit(db.connection, {
			actor: user.username,
			action: 'export',
			target: 'staffing',
			address: clientAddress(event),
			detail: { format, rows: report.rows.length, share: report.context.mix.staffedShare, via: 'api' }
		});
		const day = new Date().toISOString().slice(0, 10);
		return new Response(body, {
			headers: {
				'content-type': REPORT_CONTENT_TYPES[format as ReportFormat],
				'content-disposition': `attachment; filename="staffing-${day}.${format}"`,
				'cache-control': 'no-store'
			}
		});
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
});
