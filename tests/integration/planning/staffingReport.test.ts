import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';
import { TEST_OUTPUT } from '../../helpers/server';
import { buildPlan } from '../../../src/lib/planning/plan';
import type { PlanInputs } from '../../../src/lib/planning/planTypes';
import { csvCell, escapeFormula } from '../../../src/lib/server/reports/csv';
import { staffingReport, type ReportRequest } from '../../../src/lib/server/reports/context';
import { writeStaffingReport } from '../../../src/lib/server/reports/index';
import { assumptions, planInputs, steadyChannel } from '../../unit/planning/planFixtures';

// chat (sync) 40 an open interval at 600 s, messaging (async) 40 at 300 s: today 50% async, recommended 100%
const inputs = planInputs([steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)]);
const plan = buildPlan(inputs, assumptions);
const request = (chosen: ReportRequest['chosen'], over: Partial<ReportRequest> = {}): ReportRequest => ({
	plan,
	inputs,
	assumptions,
	factors: { ahtFactor: 1, concurrencyFactor: 1 },
	chosen,
	generatedBy: 'manager1',
	generatedAt: new Date('2026-11-27T15:04:00Z'),
	...over
});

async function written(chosen: ReportRequest['chosen'], format: string, over: Partial<ReportRequest> = {}): Promise<string> {
	const path = join(tempDir(), `staffing.${format}`);
	await writeStaffingReport(staffingReport(request(chosen, over)), format, path);
	return path;
}

async function workbookOf(path: string): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile(path);
	return workbook;
}

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

	it('builds one context: history and forecast weeks, the three shares, the what-ifs', () => {
		const { context } = staffingReport(request(0.3, { factors: { ahtFactor: 1.2, concurrencyFactor: 0.8 } }));
		// horizon Mon 30 Nov; the last (partial) data week is the one before it; 4 full weeks before that: 26 Oct - 22 Nov
		expect(context.history).toEqual({ from: '2026-10-26', to: '2026-11-22', weeks: 4 });
		expect(context.forecast).toEqual({ from: '2026-11-30', to: '2026-12-06', days: 7 });
		expect(context.mix).toEqual({ today: 0.5, recommended: 1, chosen: 0.3, staffed: 'chosen', staffedShare: 0.3 });
		expect(context.whatIf).toEqual({ growth: 0, ahtFactor: 1.2, concurrencyFactor: 0.8, shrinkage: 0.3 });
		expect(context.targets.map((t) => t.channel)).toEqual(['chat', 'messaging']);
	});

	it('writes a CSV with the context as "#" lines, then a header and one row per interval and channel of the staffed mix', async () => {
		const text = await readFile(await written('today', 'csv'), 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trimEnd().split('\r\n');
		const comments = lines.filter((l) => l.startsWith('#'));
		expect(comments).toContain('#   Dataset: test');
		expect(comments).toContain("#   Staffed mix: 50% async, today's mix");
		expect(comments).toContain('#   Shrinkage: 30%');
		expect(comments).toContain('#   Volume growth: 0%');
		expect(comments).toContain('#   Occupancy cap, sync: 85%');
		expect(comments).toContain('#   Target, chat: 80% answered within 1 min (calendar clock)');
		expect(comments).toContain('#   Generated at: 2026-11-27 15:04 UTC');
		const table = lines.slice(comments.length);
		expect(table).toHaveLength(1 + 336 * 2);
		expect(table[0]).toBe(
			'Interval start (local),Mode,Channel,Forecast,AHT (s),Concurrency,Required agents,Scheduled agents,Expected service level,ASA (s),Occupancy'
		);
		// Monday 09:00 UTC is interval 18: chat row first (channel order of the inputs), 17 agents, 25 scheduled
		expect(table[1 + 18 * 2]).toMatch(/^2026-11-30 09:00,sync,chat,40,600,1,17,25,0\.82\d*,[\d.]+,0\.78\d*$/);
	});

	it('staffs the share chosen: at 0% async all messaging moves to chat', async () => {
		const table = (await readFile(await written(0, 'csv'), 'utf8')).split('\r\n').filter((l) => !l.startsWith('#') && !l.startsWith('\uFEFF#'));
		// one channel left; Monday 09:00: 40 + 40 conversations, the moved ones at 300 s x (600 / 300) = 600 s, so AHT 600
		expect(table.filter((l) => l.includes(',messaging,'))).toEqual([]);
		expect(table[1 + 18]).toMatch(/^2026-11-30 09:00,sync,chat,80,600,1,/);
		// 50% (today's share) staffs exactly today's rows
		const atToday = staffingReport(request(0.5)).rows;
		expect(atToday).toEqual(plan.intervals);
	});

	it('writes an XLSX: Summary first, a sheet per channel with zone dates, formats, frozen header, autofilter and totals', async () => {
		// Berlin is UTC+1 in November: the horizon's 00:00 UTC is 01:00 on the wall clock
		const berlin: PlanInputs = { ...inputs, timezone: 'Europe/Berlin' };
		const path = await written(null, 'xlsx', { inputs: berlin, plan: buildPlan(berlin, assumptions), generatedBy: '=HYPERLINK("x")' });
		const workbook = await workbookOf(path);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'messaging']);
		const summary = workbook.worksheets[0];
		const cells = new Map<string, ExcelJS.Cell>();
		summary.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2)));
		expect(cells.get('Dataset')!.value).toBe('test');
		expect(cells.get('Time zone')!.value).toBe('Europe/Berlin');
		expect(cells.get('Staffed mix')!.value).toBe('100% async, the recommended mix');
		expect(cells.get('Shrinkage')!.value).toBe(0.3);
		expect(cells.get('Shrinkage')!.numFmt).toBe('0.0%');
		expect(cells.get('Async share today')!.value).toBe(0.5);
		expect(cells.get('Weekly cost')!.numFmt).toBe('#,##0.00 "USD"');
		expect(String(cells.get('Reason 1')!.value)).toContain('Move 3,200 conversations a week');
		// text a user controls cannot become a formula
		expect(cells.get('Generated by')!.value).toBe(`'=HYPERLINK("x")`);

		const sheet = workbook.getWorksheet('messaging')!;
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getCell('A1').value).toBe('Interval start (Europe/Berlin)');
		expect(sheet.autoFilter).toBe('A1:L337');
		const first = sheet.getCell('A2');
		expect(first.value).toBeInstanceOf(Date);
		expect((first.value as Date).toISOString()).toBe('2026-11-30T01:00:00.000Z');
		expect(first.numFmt).toBe('yyyy-mm-dd hh:mm');
		expect(sheet.getCell('I2').numFmt).toBe('0.0%');
		// totals row 338: forecast 80 an open interval (all moved), 16 open intervals x 5 days = 6,400 a week
		expect(sheet.getCell('A338').value).toBe('Total');
		const total = (address: string) => sheet.getCell(address).value as { formula: string; result: number };
		expect(total('B338')).toEqual({ formula: 'SUBTOTAL(109,B2:B337)', result: 6400 });
		let hours = 0;
		let cost = 0;
		for (let r = 2; r <= 337; r++) {
			hours += Number(sheet.getCell(`H${r}`).value);
			cost += Number(sheet.getCell(`L${r}`).value);
		}
		expect(total('H338').result).toBeCloseTo(hours, 9);
		expect(total('L338').result).toBeCloseTo(cost, 9);
		// USD 32 an agent-hour
		expect(cost).toBeCloseTo(hours * 32, 9);
		expect(hours).toBeGreaterThan(0);
	});

	it('writes a PDF a manager can forward: title block, recommendation, chart, weekly tables, page numbers', async () => {
		const path = await written(0.3, 'pdf');
		const bytes = await readFile(path);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
		expect(pages).toBe(2);
		const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
		for (const expected of [
			'Staffing plan',
			'Staffs 30% async, the async share chosen',
			'Mon 26 Oct 2026 – Sun 22 Nov',
			'Async share chosen',
			'Recommendation',
			'Move 3,200 conversations a week',
			'Required agents per day',
			'chat (sync): the week by day',
			'messaging (async): the week by day',
			'generated 2026-11-27 15:04 UTC by manager1',
			`Page ${pages} of ${pages}`
		])
			expect(text).toContain(expected);
		// looked at by a person: the pages as PNG under test-results/
		mkdirSync(TEST_OUTPUT, { recursive: true });
		execFileSync('pdftoppm', ['-png', '-r', '60', path, join(TEST_OUTPUT, 'staffing-report')]);
	});

	it('prints names as written in Polish, Greek and Russian (the font is embedded), and "?" for a script it has no glyphs for', async () => {
		const path = await written(0.3, 'pdf', { plan: { ...plan, dataset: 'Łódź Ελλάδα Поддержка 東京' }, generatedBy: 'Zoë Żak' });
		const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
		expect(text).toContain('Łódź Ελλάδα Поддержка ??');
		expect(text).toContain('by Zoë Żak');
		expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toMatch(/DejaVuSans-Bold[\s\S]*DejaVuSans|DejaVuSans[\s\S]*DejaVuSans-Bold/);
	});
});
