/**
 * The staffing report a manager forwards: a title block with the report context, the recommendation with its reasons,
 * required agents per day per channel as a chart, a table of the week per channel, and on every page when it was
 * generated and its page number.
 */
import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatDay, formatNumber, formatPercent, wholeMoney } from '../../format';
import { meanOccupancy, meanServiceLevel, staffingTotals } from '../../planning/staffingTotals';
import { channelTotals } from './channelTable';
import type { StaffingReport } from './context';
import { contextSections, generatedAtText, lineText, staffedMixText, type ContextSection } from './contextLines';
import { barChart, contentWidth, ensureSpace, FONT, heading, INK, MUTED, pdfText, registerFonts, table, type TableColumn } from './pdfLayout';
import { localStart } from './staffingRows';

type Doc = InstanceType<typeof PDFDocument>;

function titleBlock(doc: Doc, report: StaffingReport): void {
	const { context } = report;
	doc.font(FONT.bold).fontSize(18).fillColor(INK).text('Staffing plan');
	doc
		.font(FONT.regular)
		.fontSize(10)
		.fillColor(MUTED)
		.text(
			pdfText(
				`${context.dataset} · ${formatDay(context.forecast.from, 'EEE d MMM')} – ${formatDay(context.forecast.to, 'EEE d MMM yyyy')} · ${context.timezone}`
			)
		);
	doc
		.moveDown(0.2)
		.font(FONT.bold)
		.fontSize(11)
		.fillColor(INK)
		.text(pdfText(`Staffs ${staffedMixText(context)}`));
	doc.moveDown(0.5);
}

/** The context's sections in two columns of label/value lines (the recommendation gets its own block). */
function contextColumns(doc: Doc, report: StaffingReport, sections: ContextSection[]): void {
	const currency = report.context.settings.currency;
	const left = doc.page.margins.left;
	const gap = 18;
	const columnWidth = (contentWidth(doc) - gap) / 2;
	const labelWidth = 112;
	const start = doc.y;
	const half = Math.ceil(sections.length / 2);
	let lowest = start;
	[sections.slice(0, half), sections.slice(half)].forEach((column, c) => {
		const x = left + c * (columnWidth + gap);
		let y = start;
		for (const section of column) {
			doc.font(FONT.bold).fontSize(9).fillColor(INK).text(pdfText(section.title), x, y, { width: columnWidth });
			y = doc.y + 2;
			for (const line of section.lines) {
				const value = pdfText(lineText(line, currency));
				doc
					.font(FONT.regular)
					.fontSize(7.5)
					.fillColor(MUTED)
					.text(pdfText(line.label), x, y, { width: labelWidth - 4 });
				const labelBottom = doc.y;
				doc
					.fontSize(8)
					.fillColor(INK)
					.text(value, x + labelWidth, y, { width: columnWidth - labelWidth });
				y = Math.max(doc.y, labelBottom) + 1.5;
			}
			y += 8;
		}
		lowest = Math.max(lowest, y);
	});
	doc.x = left;
	doc.y = lowest;
}

function recommendation(doc: Doc, report: StaffingReport): void {
	const { context } = report;
	const r = context.recommendation;
	const currency = context.settings.currency;
	heading(doc, 'Recommendation');
	doc
		.font(FONT.bold)
		.fontSize(10)
		.fillColor(INK)
		.text(
			pdfText(
				`${formatPercent(r.async_share, 0)} async (today ${formatPercent(context.mix.today, 0)}): ${wholeMoney(r.cost, currency)} a week for ${formatNumber(r.agent_hours, 0)} agent-hours, saving ${wholeMoney(r.saving_vs_current, currency)} a week.`
			)
		);
	doc.moveDown(0.3).font(FONT.regular).fontSize(9);
	ensureSpace(doc, 36);
	doc.list(r.reasons.map(pdfText), { width: contentWidth(doc), bulletRadius: 1.6, textIndent: 10, bulletIndent: 2, paragraphGap: 3 });
}

/** Local days of the forecast week: "2026-12-07" → label "Mon 7". */
function forecastDays(report: StaffingReport): { day: string; label: string }[] {
	const seen = new Set(report.rows.map((r) => localStart(r.start, report.context.timezone).slice(0, 10)));
	return [...seen].sort().map((day) => ({ day, label: formatDay(day, 'EEE d') }));
}

function requirementChart(doc: Doc, report: StaffingReport): void {
	const { timezone, intervalMin } = report.context;
	heading(doc, 'Required agents per day (peak on duty), the staffed mix');
	const byDay = staffingTotals(report.rows, intervalMin, (r) => `${localStart(r.start, timezone).slice(0, 10)}|${r.channel}`);
	const days = forecastDays(report);
	const channels = [...new Set(report.rows.map((r) => r.channel))];
	const series = channels.map((channel) => ({ name: channel, values: days.map(({ day }) => byDay.get(`${day}|${channel}`)?.peakRequired ?? 0) }));
	barChart(
		doc,
		days.map((d) => d.label),
		series,
		{ height: 150, yLabel: 'agents' }
	);
}

/** 507 points wide: A4 less the margins */
const DAY_COLUMNS: TableColumn[] = [
	{ header: 'Day', width: 82, align: 'left' },
	{ header: 'Forecast conversations', width: 56 },
	{ header: 'Peak required agents', width: 48 },
	{ header: 'Peak scheduled agents', width: 50 },
	{ header: 'Required agent-hours', width: 54 },
	{ header: 'Scheduled agent-hours', width: 56 },
	{ header: 'Expected service level', width: 54 },
	{ header: 'Occupancy', width: 50 },
	{ header: 'Cost', width: 57 }
];

function weeklyTables(doc: Doc, report: StaffingReport): void {
	const { timezone, intervalMin, settings } = report.context;
	const byDay = staffingTotals(report.rows, intervalMin, (r) => `${localStart(r.start, timezone).slice(0, 10)}|${r.channel}`);
	const days = forecastDays(report);
	const money = (v: number) => wholeMoney(v, settings.currency);
	const columns = DAY_COLUMNS.map((c) => (c.header === 'Cost' ? { ...c, header: `Cost (${settings.currency})` } : c));
	for (const t of channelTotals(report)) {
		// a week's table (8 rows) stays on one page: start a new one rather than split it
		ensureSpace(doc, 40 + (days.length + 2) * 13);
		heading(doc, `${t.channel} (${t.totals.mode}): the week by day`, 11);
		const hourly = settings.costs.hourly[t.totals.mode];
		const rows = days.flatMap(({ day }) => {
			const d = byDay.get(`${day}|${t.channel}`);
			if (!d) return [];
			const closed = d.volume === 0 && d.scheduledHours === 0;
			return [
				[
					closed ? `${formatDay(day, 'EEE d MMM')}, closed` : formatDay(day, 'EEE d MMM'),
					formatNumber(d.volume, 0),
					String(d.peakRequired),
					String(d.peakScheduled),
					formatNumber(d.requiredHours, 1),
					formatNumber(d.scheduledHours, 1),
					formatPercent(meanServiceLevel(d), 1),
					formatPercent(meanOccupancy(d), 1),
					money(d.scheduledHours * hourly)
				]
			];
		});
		rows.push([
			'Week',
			formatNumber(t.totals.volume, 0),
			String(t.totals.peakRequired),
			String(t.totals.peakScheduled),
			formatNumber(t.totals.requiredHours, 1),
			formatNumber(t.totals.scheduledHours, 1),
			formatPercent(t.serviceLevel, 1),
			formatPercent(t.occupancy, 1),
			money(t.cost)
		]);
		table(doc, columns, rows, { totalsRow: true });
	}
}

/** "Generated … by …" and "Page i of n" on every page, drawn once all pages exist. */
function footers(doc: Doc, report: StaffingReport): void {
	const range = doc.bufferedPageRange();
	const text = pdfText(
		`Channel Mix staffing report · ${report.context.dataset} · generated ${generatedAtText(report.context)} by ${report.context.generatedBy}`
	);
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const { left, right, bottom } = doc.page.margins;
		// below the bottom margin: lift it for the footer, or pdfkit would start a new page
		doc.page.margins.bottom = 0;
		const y = doc.page.height - bottom + 16;
		const width = doc.page.width - left - right;
		doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED);
		doc.text(text, left, y, { width: width - 70, lineBreak: false });
		doc.text(`Page ${i - range.start + 1} of ${range.count}`, left + width - 70, y, { width: 70, align: 'right', lineBreak: false });
		doc.page.margins.bottom = bottom;
	}
}

export function writeStaffingPdf(report: StaffingReport, path: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({
			size: 'A4',
			margin: 44,
			bufferPages: true,
			info: { Title: pdfText(`Staffing plan ${report.context.dataset}`), Author: pdfText(report.context.generatedBy), CreationDate: report.context.generatedAt }
		});
		registerFonts(doc);
		const out = createWriteStream(path);
		out.on('finish', () => resolve());
		out.on('error', reject);
		doc.pipe(out);
		const sections = contextSections(report.context);
		titleBlock(doc, report);
		contextColumns(
			doc,
			report,
			sections.filter((s) => s.title !== 'Recommendation')
		);
		recommendation(doc, report);
		requirementChart(doc, report);
		weeklyTables(doc, report);
		footers(doc, report);
		doc.end();
	});
}
