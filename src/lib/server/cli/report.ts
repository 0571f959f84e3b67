import { UserError } from '../errors';
import type { CliCommand } from './command';
import { recordAudit } from '../audit/index';
import { staffedShareOption } from '../options';
import { PLAN_OPTIONS, planForDataset, planOverrides } from '../planning/run';
import { staffingReport } from '../reports/context';
import { REPORT_FORMATS, writeStaffingReport } from '../reports/index';

export const reportCommand: CliCommand = {
	spec: 'report <kind>',
	description: 'Write a report file; "report staffing --format csv|xlsx|pdf --out FILE" is the staffing report',
	options: [
		{ flags: '--format <format>', description: `One of ${REPORT_FORMATS.join(', ')}` },
		{ flags: '--out <file>', description: 'File to write' },
		{ flags: '--share <share>', description: 'Mix to staff: an async share 0..1, "today" or "recommended" (default)' },
		...PLAN_OPTIONS
	],
	examples: ['report staffing --format xlsx --out staffing.xlsx', 'report staffing --format pdf --out today.pdf --share today'],
	async run([kind], options, context) {
		if (kind !== 'staffing') throw new UserError(`Unknown report "${kind}"; the one report is "staffing".`);
		const format = String(options.format ?? '');
		if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UserError(`Give --format as one of ${REPORT_FORMATS.join(', ')}.`);
		if (typeof options.out !== 'string' || options.out === '') throw new UserError('Say where to write with --out FILE, for example --out staffing.xlsx.');
		const chosen = staffedShareOption(options);
		const db = await context.database();
		const { plan, inputs, assumptions } = await planForDataset(db.connection, planOverrides(options));
		const report = staffingReport({ plan, inputs, assumptions, factors: { ahtFactor: 1, concurrencyFactor: 1 }, chosen, generatedBy: 'cli' });
		await writeStaffingReport(report, format, options.out);
		const rows = report.rows.length;
		await recordAudit(db.connection, { actor: 'cli', action: 'export', target: 'staffing', detail: { format, rows, share: report.context.mix.staffedShare } });
		context.print(
			{ report: 'staffing', format, out: options.out, rows },
			`Wrote the staffing report (${rows} rows, ${report.context.mix.staffed} mix) to ${options.out}.`
		);
	}
};
