/** CSV that opens cleanly in Excel: UTF-8 BOM, CRLF, quoted cells, formula-looking text escaped. */
import { writeFile } from 'node:fs/promises';
import type { Plan } from '../../planning/planTypes';
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

export function staffingCsv(plan: Plan): string {
	const lines = [STAFFING_COLUMNS as readonly StaffingCell[], ...staffingRows(plan)].map((row) => row.map(csvCell).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function writeStaffingCsv(plan: Plan, path: string): Promise<void> {
	await writeFile(path, staffingCsv(plan), 'utf8');
}
