import { UserError } from '../errors';
import type { CliCommand } from './command';
import { recordAudit } from '../audit/index';
import { PLAN_OPTIONS, planForDataset, planOverrides } from '../planning/run';
import { REPORT_FORMATS, writeStaffingReport } from '../reports/index';

export const reportCommand: CliCommand = {
	spec: 'report <kind>',
	description: 'Write a report file; "report staffing --format csv|xlsx|pdf --out FILE" is the staffing report',
	options: [
		{ flags: '--format <format>', description: `One of ${REPORT_FORMATS.join(', ')}` },
		{ flags: '--out <file>', description: 'File to write' },
		...PLAN_OPTIONS
	],
	examples: ['report staffing --format xlsx --out staffing.xlsx'],
	async run([kind], options, context) {
		if (kind !== 'staffing') throw new UserError(`Unknown report "${kind}"; the one report is "staffing".`);
		const format = String(options.format ?? '');
		if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UserError(`Give --format as one of ${REPORT_FORMATS.join(', ')}.`);
		if (typeof options.out !== 'string' || options.out === '') throw new UserError('Say where to write with --out FILE, for example --out staffing.xlsx.');
		const db = await context.database();
		const { plan, currency } = await planForDataset(db.connection, planOverrides(options));
		await writeStaffingReport(plan, currency, format, options.out);
		await recordAudit(db.connection, { actor: 'cli', action: 'export', target: 'staffing', detail: { format, rows: plan.intervals.length } });
		context.print(
			{ report: 'staffing', format, out: options.out, rows: plan.intervals.length },
			`Wrote the staffing report (${plan.intervals.length} rows) to ${options.out}.`
		);
	}
};
