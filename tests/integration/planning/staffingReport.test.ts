import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';
import { buildPlan } from '../../../src/lib/planning/plan';
import { csvCell, escapeFormula } from '../../../src/lib/server/reports/csv';
import { writeStaffingReport } from '../../../src/lib/server/reports/index';
import { assumptions, planInputs, steadyChannel } from '../../unit/planning/planFixtures';

const plan = buildPlan(planInputs([steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)]), assumptions);

describe('staffing report', () => {
	it('escapes cells that a spreadsheet would run as formulas', () => {
		expect(escapeFormula('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
		expect(escapeFormula('+1')).toBe("'+1");
		expect(escapeFormula('-2')).toBe("'-2");
		expect(escapeFormula('@cmd')).toBe("'@cmd");
		expect(escapeFormula('\tx')).toBe("'\tx");
		expect(escapeFormula('\rx')).toBe("'\rx");
		expect(escapeFormula('chat')).toBe('chat');
		expect(csvCell('=1+1')).toBe(`"'=1+1"`);
		expect(csvCell('a,"b"')).toBe('"a,""b"""');
		expect(csvCell(-3.5)).toBe('-3.5');
		expect(csvCell(null)).toBe('');
	});

	it('writes a CSV with a BOM, a header and one row per interval and channel', async () => {
		const path = join(tempDir(), 'staffing.csv');
		await writeStaffingReport(plan, 'USD', 'csv', path);
		const text = await readFile(path, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(1 + 336 * 2);
		expect(lines[0]).toBe(
			'Interval start (local),Mode,Channel,Forecast,AHT (s),Concurrency,Required agents,Scheduled agents,Expected service level,ASA (s),Occupancy'
		);
		// Monday 09:00 UTC is interval 18: chat row first (channel order of the inputs), 17 agents, 25 scheduled
		expect(lines[1 + 18 * 2]).toMatch(/^2026-11-30 09:00,sync,chat,40,600,1,17,25,0\.82\d*,[\d.]+,0\.78\d*$/);
	});

	it('writes an XLSX with typed numbers, a frozen header and a summary sheet', async () => {
		const path = join(tempDir(), 'staffing.xlsx');
		await writeStaffingReport(plan, 'USD', 'xlsx', path);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(path);
		const sheet = workbook.getWorksheet('Staffing')!;
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getRow(1).getCell(7).value).toBe('Required agents');
		expect(sheet.rowCount).toBe(1 + 336 * 2);
		const monday9 = sheet.getRow(2 + 18 * 2);
		expect(monday9.getCell(1).value).toBe('2026-11-30 09:00');
		expect(monday9.getCell(3).value).toBe('chat');
		expect(monday9.getCell(4).value).toBe(40);
		expect(monday9.getCell(7).value).toBe(17);
		expect(monday9.getCell(8).value).toBe(25);
		expect(typeof monday9.getCell(9).value).toBe('number');
		const summary = workbook.getWorksheet('Summary')!;
		const cells = new Map<string, unknown>();
		summary.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
		expect(cells.get('Recommended async share')).toBe(1);
		expect(cells.get('Async share today')).toBe(0.5);
		expect(String(cells.get('Reason 1'))).toContain('Move 3,200 conversations a week');
	});

	it('writes a one-page PDF', async () => {
		const path = join(tempDir(), 'staffing.pdf');
		await writeStaffingReport(plan, 'USD', 'pdf', path);
		const bytes = await readFile(path);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
	});
});
