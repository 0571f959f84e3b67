import { UserError } from '../errors';
import { dayProblem } from '../../bounds';
import { FORMATS, type GeneratedFormatName } from '../generate/format';
import { writeGenerated } from '../generate/writer';
import type { CliCommand } from './command';
import { boundedOption } from '../options';

function validTimeZone(zone: string): string {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone;
	} catch {
		throw new UserError(`"${zone}" is not a time zone; use an IANA name such as Europe/Berlin or UTC.`);
	}
}

export const generateCommand: CliCommand = {
	spec: 'generate',
	description: 'Write simulated contact-center data: conversation rows, message rows or a helpdesk-shaped export',
	options: [
		{ flags: '--conversations <n>', description: 'About how many conversations (within 2%)', default: 100000 },
		{ flags: '--seed <n>', description: 'Same seed, same bytes', default: 1 },
		{ flags: '--format <name>', description: `One of ${FORMATS.join(', ')}`, default: 'conversations' },
		{ flags: '--days <n>', description: 'Days simulated (default 90; more above 2 M conversations)' },
		{ flags: '--start <date>', description: 'First day, YYYY-MM-DD (UTC)', default: '2026-08-01' },
		{ flags: '--timezone <zone>', description: 'Zone of the simulated center (shapes the day; local times in zendesk/freshdesk)', default: 'UTC' },
		{ flags: '--out <file>', description: 'Output CSV (.csv.gz compresses)' }
	],
	examples: [
		'generate --conversations 100000 --seed 7 --out /tmp/demo.csv',
		'generate --format zendesk --timezone Europe/Berlin --conversations 5000 --out /tmp/zendesk.csv'
	],
	async run(_args, options, context) {
		if (typeof options.out !== 'string' || options.out === '') throw new UserError('Say where to write with --out FILE, for example --out /tmp/demo.csv.');
		const format = String(options.format) as GeneratedFormatName;
		if (!FORMATS.includes(format)) throw new UserError(`Unknown format "${format}"; use one of ${FORMATS.join(', ')}.`);
		const start = String(options.start);
		const startProblem = dayProblem(start, '--start day');
		if (startProblem) throw new UserError(startProblem);
		const result = await writeGenerated(options.out, format, {
			conversations: boundedOption(options, 'conversations', 'conversations', 'conversations')!,
			seed: boundedOption(options, 'seed', 'seed', 'seed')!,
			days: boundedOption(options, 'days', 'days', 'simulatedDays'),
			start,
			timezone: validTimeZone(String(options.timezone))
		});
		context.print(result, `Wrote ${result.rows} ${format} rows (${result.conversations} conversations) to ${result.out} in ${result.seconds} s.`);
	}
};
