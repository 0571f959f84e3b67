/** Staffing report writers (csv, xlsx, pdf). */
import type { Plan } from '../../planning/planTypes';
import { UserError } from '../errors';
import { writeStaffingCsv } from './csv';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export async function writeStaffingReport(plan: Plan, currency: string, format: string, path: string): Promise<void> {
	if (format === 'csv') return writeStaffingCsv(plan, path);
	// exceljs and pdfkit take ~0.6 s to load: only the command or request that writes one pays for it
	if (format === 'xlsx') return (await import('./xlsx')).writeStaffingXlsx(plan, currency, path);
	if (format === 'pdf') return (await import('./pdf')).writeStaffingPdf(plan, currency, path);
	throw new UserError(`Unknown report format "${format}"; use one of ${REPORT_FORMATS.join(', ')}.`);
}
