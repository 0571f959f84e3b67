/** Staffing report writers (csv, xlsx, pdf). */
import type { Plan } from '../../planning/planTypes';
import { UserError } from '../errors';
import { writeStaffingCsv } from './csv';
import { writeStaffingPdf } from './pdf';
import { writeStaffingXlsx } from './xlsx';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export async function writeStaffingReport(plan: Plan, currency: string, format: string, path: string): Promise<void> {
	if (format === 'csv') return writeStaffingCsv(plan, path);
	if (format === 'xlsx') return writeStaffingXlsx(plan, currency, path);
	if (format === 'pdf') return writeStaffingPdf(plan, currency, path);
	throw new UserError(`Unknown report format "${format}"; use one of ${REPORT_FORMATS.join(', ')}.`);
}
