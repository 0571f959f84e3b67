/**
 * XLSX staffing report: a Summary sheet first (the report context, per-channel totals, the recommendation and its
 * reasons), then a sheet per channel with interval starts as dates in the dataset's zone, number formats, a frozen
 * header, an autofilter and a totals row.
 */
import ExcelJS from 'exceljs';
import type { PlanInterval } from '../../planning/planTypes';
import { escapeFormula } from './csv';
import { channelTotals } from './channelTable';
import type { StaffingReport } from './context';
import { contextSections, staffedMixText, type LineKind } from './contextLines';
import { wallClockDate } from './staffingRows';

const safe = <T>(v: T): T | string => (typeof v === 'string' ? escapeFormula(v) : v);

/** Excel number formats; money shows the currency code (a symbol would need the locale's). */
function numberFormat(kind: LineKind | 'integer' | 'decimal' | 'percent1', currency: string): string | undefined {
	const formats: Record<string, string> = {
		percent: '0.0%',
		percent1: '0.0%',
		signedPercent: '+0%;-0%;0%',
		factor: '"×"0.00',
		money: `#,##0.00 "${currency.replace(/"/g, '')}"`,
		number: '#,##0.##',
		integer: '#,##0',
		decimal: '#,##0.0'
	};
	return formats[kind];
}

interface Column {
	header: string;
	width: number;
	format: Parameters<typeof numberFormat>[0];
	value: (r: PlanInterval) => number | null;
	/** the totals row: a sum of the rows, a mean weighted by another column, or nothing (agents per interval do not add up) */
	total?: 'sum' | { weightedBy: number };
}

/** indexes of the weights of the weighted means: service per conversation, occupancy per agent on duty */
const FORECAST = 0;
const REQUIRED = 3;

function channelColumns(report: StaffingReport): Column[] {
	const hours = report.context.intervalMin / 60;
	const hourly = report.context.settings.costs.hourly;
	return [
		{ header: 'Forecast', width: 11, format: 'decimal', value: (r) => r.forecast, total: 'sum' },
		{ header: 'AHT (s)', width: 10, format: 'integer', value: (r) => r.aht_s, total: { weightedBy: FORECAST } },
		{ header: 'Concurrency', width: 12, format: 'decimal', value: (r) => r.concurrency },
		{ header: 'Required agents', width: 10, format: 'integer', value: (r) => r.agents },
		{ header: 'Scheduled agents', width: 11, format: 'integer', value: (r) => r.agents_scheduled },
		{ header: 'Required agent-hours', width: 11, format: 'decimal', value: (r) => r.agents * hours, total: 'sum' },
		{ header: 'Scheduled agent-hours', width: 11, format: 'decimal', value: (r) => r.agents_scheduled * hours, total: 'sum' },
		{ header: 'Expected service level', width: 11, format: 'percent1', value: (r) => r.service_level, total: { weightedBy: FORECAST } },
		{ header: 'ASA (s)', width: 9, format: 'decimal', value: (r) => r.asa_s },
		{ header: 'Occupancy', width: 11, format: 'percent1', value: (r) => r.occupancy, total: { weightedBy: REQUIRED } },
		{
			header: `Cost (${report.context.settings.currency})`,
			width: 13,
			format: 'money',
			value: (r) => r.agents_scheduled * hours * hourly[r.mode],
			total: 'sum'
		}
	];
}

const letter = (index: number) => String.fromCharCode(65 + index);

function addChannelSheet(workbook: ExcelJS.Workbook, report: StaffingReport, channel: string, rows: PlanInterval[]): void {
	const { timezone, settings } = report.context;
	const sheet = workbook.addWorksheet(channel, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
	const columns = channelColumns(report);
	sheet.columns = [
		{ header: `Interval start (${timezone})`, width: 19, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
		...columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: numberFormat(c.format, settings.currency) } }))
	];
	const header = sheet.getRow(1);
	header.font = { bold: true };
	header.alignment = { wrapText: true, vertical: 'top' };
	header.height = 30;
	for (const r of rows) sheet.addRow([wallClockDate(r.start, timezone), ...columns.map((c) => c.value(r))]);
	const last = rows.length + 1;
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: columns.length + 1 } };
	// SUBTOTAL(109): the totals follow the autofilter (hidden rows drop out); the result is cached for readers that do not calculate
	const totals = sheet.addRow([
		'Total',
		...columns.map((c, i) => {
			const col = letter(i + 1);
			const values = rows.map((r) => c.value(r) ?? 0);
			if (!c.total) return null;
			if (c.total === 'sum') return { formula: `SUBTOTAL(109,${col}2:${col}${last})`, result: values.reduce((a, b) => a + b, 0) };
			const weightColumn = columns[c.total.weightedBy];
			const by = letter(c.total.weightedBy + 1);
			const weights = rows.map((r) => weightColumn.value(r) ?? 0);
			const weight = weights.reduce((a, b) => a + b, 0);
			const result = weight > 0 ? values.reduce((a, v, k) => a + v * weights[k], 0) / weight : 0;
			return { formula: `IFERROR(SUMPRODUCT(${col}2:${col}${last},${by}2:${by}${last})/SUM(${by}2:${by}${last}),0)`, result };
		})
	]);
	totals.font = { bold: true };
	totals.border = { top: { style: 'thin' } };
}

function addSummarySheet(workbook: ExcelJS.Workbook, report: StaffingReport): void {
	const { context } = report;
	const currency = context.settings.currency;
	const sheet = workbook.addWorksheet('Summary');
	sheet.getColumn(1).width = 38;
	for (let c = 2; c <= 10; c++) sheet.getColumn(c).width = 14;
	const title = sheet.addRow([`Staffing plan: ${safe(context.dataset)}`]);
	title.font = { bold: true, size: 14 };
	sheet.addRow([`Staffs ${staffedMixText(context)}`]).font = { italic: true };
	for (const section of contextSections(context)) {
		sheet.addRow([]);
		sheet.addRow([section.title]).font = { bold: true, size: 12 };
		for (const line of section.lines) {
			const row = sheet.addRow([line.label, safe(line.value)]);
			const fmt = typeof line.value === 'number' ? numberFormat(line.kind, currency) : undefined;
			if (fmt) row.getCell(2).numFmt = fmt;
			row.getCell(2).alignment = { horizontal: 'left' };
		}
	}
	sheet.addRow([]);
	sheet.addRow(['Per channel (the staffed mix)']).font = { bold: true, size: 12 };
	const head = sheet.addRow([
		'Channel',
		'Mode',
		'Forecast conversations',
		'Handle time (s)',
		'Peak required agents',
		'Peak scheduled agents',
		'Scheduled agent-hours',
		'Expected service level',
		'Occupancy',
		`Weekly cost (${currency})`
	]);
	head.font = { bold: true };
	head.alignment = { wrapText: true, vertical: 'top' };
	const formats = ['integer', 'integer', 'integer', 'integer', 'decimal', 'percent1', 'percent1', 'money'] as const;
	const table = channelTotals(report);
	const addFigures = (cells: (string | number | null)[]) => {
		const row = sheet.addRow(cells);
		formats.forEach((f, i) => (row.getCell(i + 3).numFmt = numberFormat(f, currency) ?? ''));
		return row;
	};
	for (const t of table) {
		addFigures([
			t.channel,
			t.totals.mode,
			t.totals.volume,
			t.handleS,
			t.totals.peakRequired,
			t.totals.peakScheduled,
			t.totals.scheduledHours,
			t.serviceLevel,
			t.occupancy,
			t.cost
		]);
	}
	addFigures(['Bots', null, null, null, null, null, null, null, null, context.botCostPerWeek]);
	const sum = (pick: (t: (typeof table)[number]) => number) => table.reduce((a, t) => a + pick(t), 0);
	const total = addFigures([
		'Total',
		null,
		sum((t) => t.totals.volume),
		null,
		null,
		null,
		sum((t) => t.totals.scheduledHours),
		null,
		null,
		sum((t) => t.cost) + context.botCostPerWeek
	]);
	total.font = { bold: true };
	total.border = { top: { style: 'thin' } };
}

export async function writeStaffingXlsx(report: StaffingReport, path: string): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = report.context.generatedBy;
	workbook.created = report.context.generatedAt;
	addSummarySheet(workbook, report);
	const byChannel = new Map<string, PlanInterval[]>();
	for (const r of report.rows) {
		const rows = byChannel.get(r.channel) ?? [];
		rows.push(r);
		byChannel.set(r.channel, rows);
	}
	for (const [channel, rows] of byChannel) addChannelSheet(workbook, report, channel, rows);
	await workbook.xlsx.writeFile(path);
}
