/**
 * CSV that opens cleanly in Excel: UTF-8 BOM, CRLF, quoted cells, formula-looking text escaped. The report context
 * comes first as "#" lines (pandas: comment='#'), then one header line and a row per interval and channel.
 */
import { writeFile } from 'node:fs/promises';
import type { StaffingReport } from './context';
import { contextSections, lineText } from './contextLines';
import { STAFFING_COLUMNS, staffingRows, type StaffingCell } from './staffingRows';

/** Text starting with = + - @ tab or CR would run as a formula in a spreadsheet: prefix a quote. */
export function escapeFormula(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: StaffingCell): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const text = escapeFormula(value);
	return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "# Label: value" lines; a line starts with "#", so no spreadsheet runs it, and breaks inside a value become spaces. */
export function contextComments(report: StaffingReport): string[] {
	const currency = report.context.settings.currency;
	const flat = (s: string) => s.replace(/[\r\n]+/g, ' ');
	return [
		'# Channel Mix staffing report',
		...contextSections(report.context).flatMap((section) => [
			`# ${section.title}`,
			...section.lines.map((line) => flat(`#   ${line.label}: ${lineText(line, currency)}`))
		])
	];
}

export function staffingCsv(report: StaffingReport): string {
	const table = [STAFFING_COLUMNS as readonly StaffingCell[], ...staffingRows(report.rows, report.context.timezone)].map((row) => row.map(csvCell).join(','));
	return '\uFEFF' + [...contextComments(report), ...table].join('\r\n') + '\r\n';
}

export async function writeStaffingCsv(report: StaffingReport, path: string): Promise<void> {
	await writeFile(path, staffingCsv(report), 'utf8');
}
