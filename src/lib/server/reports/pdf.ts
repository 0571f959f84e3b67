/** A printable one-page staffing summary: the recommendation, its reasons, scheduled agents per day and mode. */
import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Plan } from '../../planning/planTypes';
import { staffingRows, staffingSummary } from './staffingRows';

function agentHoursByDay(plan: Plan): [string, number, number][] {
	const days = new Map<string, [number, number]>();
	for (const row of staffingRows(plan)) {
		const day = String(row[0]).slice(0, 10);
		const entry = days.get(day) ?? [0, 0];
		entry[row[1] === 'sync' ? 0 : 1] += ((row[7] as number) * plan.interval_min) / 60;
		days.set(day, entry);
	}
	return [...days].map(([day, [sync, async]]) => [day, sync, async]);
}

export function writeStaffingPdf(plan: Plan, currency: string, path: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({ size: 'A4', margin: 48 });
		const out = createWriteStream(path);
		out.on('finish', () => resolve());
		out.on('error', reject);
		doc.pipe(out);
		doc.fontSize(16).text('Staffing plan', { continued: false });
		doc.moveDown(0.5).fontSize(9);
		for (const [label, value] of staffingSummary(plan, currency)) doc.text(`${label}: ${value ?? ''}`, { width: 500 });
		doc.moveDown().fontSize(11).text('Scheduled agent-hours per day');
		doc.fontSize(9);
		for (const [day, sync, async] of agentHoursByDay(plan)) doc.text(`${day}   sync ${Math.round(sync)}   async ${Math.round(async)}`);
		doc.end();
	});
}
