/** Staffing report writers (csv, xlsx, pdf). */
import { UserError } from '../errors';
import type { StaffingReport } from './context';
import { writeStaffingCsv } from './csv';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pdf: 'application/pdf'
};

export async function writeStaffingReport(report: StaffingReport, format: string, path: string): Promise<void> {
	if (format === 'csv') return writeStaffingCsv(report, path);
	// exceljs and pdfkit take ~0.6 s to load: only the command or request that writes one pays for it
	if (format === 'xlsx') return (await import('./xlsx')).writeStaffingXlsx(report, path);
	if (format === 'pdf') return (await import('./pdf')).writeStaffingPdf(report, path);
	throw new UserError(`Unknown report format "${format}"; use one of ${REPORT_FORMATS.join(', ')}.`);
}
