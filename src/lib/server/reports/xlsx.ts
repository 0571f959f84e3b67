/** XLSX staffing report: typed number cells, frozen header, a summary sheet with the recommendation. */
import ExcelJS from 'exceljs';
import type { Plan } from '../../planning/planTypes';
import { escapeFormula } from './csv';
import { STAFFING_COLUMNS, staffingRows, staffingSummary, type StaffingCell } from './staffingRows';

const safe = (v: StaffingCell) => (typeof v === 'string' ? escapeFormula(v) : v);

export async function writeStaffingXlsx(plan: Plan, currency: string, path: string): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Staffing', { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.addRow([...STAFFING_COLUMNS]).font = { bold: true };
	for (const row of staffingRows(plan)) sheet.addRow(row.map(safe));
	sheet.columns.forEach((column, i) => (column.width = i === 0 ? 18 : 14));
	for (const col of [9, 11]) sheet.getColumn(col).numFmt = '0.0%';
	const summary = workbook.addWorksheet('Summary');
	summary.addRow(['Staffing plan', '']).font = { bold: true };
	for (const [label, value] of staffingSummary(plan, currency)) summary.addRow([label, safe(value)]);
	summary.getColumn(1).width = 34;
	summary.getColumn(2).width = 120;
	await workbook.xlsx.writeFile(path);
}
