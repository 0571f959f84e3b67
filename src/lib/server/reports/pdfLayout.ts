/** Drawing pieces of the PDF report on pdfkit: its fonts, page space, safe text, a table that breaks across pages, a bar chart. */
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export const INK = '#1f2933';
export const MUTED = '#6b7785';
export const RULE = '#d5dbe1';
export const CHANNEL_COLORS = ['#2f6fde', '#e07b24', '#2e9e6b', '#9b4fd1', '#d1435b', '#6b8e23', '#00838f', '#8d6e63'];

/** The report's two fonts: DejaVu Sans, embedded, so a dataset, queue or user name in Polish, Greek or Russian prints as written. */
export const FONT = { regular: 'report', bold: 'report-bold' } as const;

const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);

/** Registers FONT on a new document and starts it in the regular face. */
export function registerFonts(doc: Doc): void {
	doc.registerFont(FONT.regular, fontFile('DejaVuSans.ttf'));
	doc.registerFont(FONT.bold, fontFile('DejaVuSans-Bold.ttf'));
	doc.font(FONT.regular);
}

// the scripts DejaVu Sans draws; Han, kana, Hangul, Thai, Indic scripts and emoji it has no glyphs for
const DRAWN =
	/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Common}\p{Script=Inherited}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Text the report's font can show: a character it has no glyph for becomes "?" rather than an empty box. */
export function pdfText(text: string): string {
	return [...text].map((ch) => (DRAWN.test(ch) && !PICTOGRAPH.test(ch) ? ch : '?')).join('');
}

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** A new page when `height` points do not fit below the cursor; true when it broke. */
export function ensureSpace(doc: Doc, height: number): boolean {
	if (doc.y + height <= bottom(doc)) return false;
	doc.addPage();
	return true;
}

export function heading(doc: Doc, text: string, size = 12): void {
	ensureSpace(doc, size * 3);
	doc.moveDown(0.6).font(FONT.bold).fontSize(size).fillColor(INK).text(pdfText(text), doc.page.margins.left, doc.y);
	doc.moveDown(0.25);
}

export interface TableColumn {
	header: string;
	width: number;
	align?: 'left' | 'right';
}

/** A table whose header repeats on each page it runs onto; the last row may be a bold totals row. */
export function table(doc: Doc, columns: TableColumn[], rows: string[][], options: { totalsRow?: boolean } = {}): void {
	const left = doc.page.margins.left;
	const rowHeight = 13;
	const drawHeader = () => {
		doc.font(FONT.bold).fontSize(7.5).fillColor(MUTED);
		const top = doc.y;
		let x = left;
		for (const c of columns) {
			doc.text(pdfText(c.header), x + 2, top, { width: c.width - 4, align: c.align ?? 'right' });
			x += c.width;
		}
		const height = Math.max(...columns.map((c) => doc.heightOfString(pdfText(c.header), { width: c.width - 4 })));
		doc.y = top + height + 2;
		doc
			.moveTo(left, doc.y)
			.lineTo(left + columns.reduce((a, c) => a + c.width, 0), doc.y)
			.lineWidth(0.6)
			.strokeColor(RULE)
			.stroke();
		doc.y += 3;
	};
	ensureSpace(doc, rowHeight * 4);
	drawHeader();
	rows.forEach((row, i) => {
		if (ensureSpace(doc, rowHeight)) drawHeader();
		const total = options.totalsRow && i === rows.length - 1;
		doc
			.font(total ? FONT.bold : FONT.regular)
			.fontSize(8)
			.fillColor(INK);
		const top = doc.y;
		let x = left;
		row.forEach((cell, k) => {
			doc.text(pdfText(cell), x + 2, top, { width: columns[k].width - 4, align: columns[k].align ?? 'right', lineBreak: false });
			x += columns[k].width;
		});
		doc.y = top + rowHeight;
	});
	doc.x = left;
}

export interface BarSeries {
	name: string;
	values: number[];
}

/** "Nice" axis steps (1, 2, 5 x 10^k) so the labels read as round numbers. */
export function niceStep(max: number, ticks: number): number {
	const raw = Math.max(max, 1) / ticks;
	const power = 10 ** Math.floor(Math.log10(raw));
	return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/** Grouped bars: one group per category (day), one bar per series (channel), a y axis with round ticks, a legend. */
export function barChart(doc: Doc, categories: string[], series: BarSeries[], options: { height: number; yLabel: string }): void {
	const left = doc.page.margins.left;
	const width = contentWidth(doc);
	ensureSpace(doc, options.height + 40);
	const top = doc.y + 4;
	const axisLeft = left + 34;
	const plotWidth = width - 34;
	const plotBottom = top + options.height;
	const max = Math.max(1, ...series.flatMap((s) => s.values));
	const step = niceStep(max, 4);
	const yMax = Math.ceil(max / step) * step;
	const yOf = (v: number) => plotBottom - (v / yMax) * options.height;
	doc.font(FONT.regular).fontSize(7).fillColor(MUTED);
	for (let v = 0; v <= yMax + 1e-9; v += step) {
		doc
			.moveTo(axisLeft, yOf(v))
			.lineTo(axisLeft + plotWidth, yOf(v))
			.lineWidth(0.4)
			.strokeColor(RULE)
			.stroke();
		doc.text(String(Math.round(v)), left, yOf(v) - 3.5, { width: 30, align: 'right', lineBreak: false });
	}
	doc.save().rotate(-90, { origin: [left - 10, top + options.height / 2] });
	doc.text(pdfText(options.yLabel), left - 10 - options.height / 2, top + options.height / 2 - 4, { width: options.height, align: 'center', lineBreak: false });
	doc.restore();
	const groupWidth = plotWidth / Math.max(1, categories.length);
	const barWidth = Math.max(2, (groupWidth * 0.75) / Math.max(1, series.length));
	categories.forEach((category, g) => {
		const groupLeft = axisLeft + g * groupWidth + groupWidth * 0.125;
		series.forEach((s, k) => {
			const v = s.values[g] ?? 0;
			if (v > 0)
				doc
					.rect(groupLeft + k * barWidth, yOf(v), barWidth - 0.8, plotBottom - yOf(v))
					.fillColor(CHANNEL_COLORS[k % CHANNEL_COLORS.length])
					.fill();
		});
		doc.fillColor(MUTED).text(pdfText(category), axisLeft + g * groupWidth, plotBottom + 4, { width: groupWidth, align: 'center', lineBreak: false });
	});
	doc
		.moveTo(axisLeft, plotBottom)
		.lineTo(axisLeft + plotWidth, plotBottom)
		.lineWidth(0.8)
		.strokeColor(MUTED)
		.stroke();
	let x = axisLeft;
	const legendY = plotBottom + 18;
	series.forEach((s, k) => {
		doc
			.rect(x, legendY + 1, 8, 8)
			.fillColor(CHANNEL_COLORS[k % CHANNEL_COLORS.length])
			.fill();
		doc
			.fillColor(INK)
			.fontSize(8)
			.text(pdfText(s.name), x + 11, legendY, { lineBreak: false });
		x += 16 + doc.widthOfString(pdfText(s.name)) + 10;
	});
	doc.x = left;
	doc.y = legendY + 16;
}
