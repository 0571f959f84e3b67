import { ingestFile } from '../ingest/index';
import { UserError } from '../errors';
import type { DateOrder } from '../ingest/timestamps';
import type { PresetName } from '../ingest/presets';
import type { CliCommand } from './command';
import { listOption } from '../options';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { recordAudit } from '../audit/index';

export const ingestCommand: CliCommand = {
	spec: 'ingest <file>',
	description: 'Load a CSV (or .csv.gz) of conversation or message rows into a dataset, atomically',
	options: [
		{ flags: '--dataset <name>', description: 'Dataset name (default: from the file name)' },
		{ flags: '--preset <preset>', description: 'auto | generic | messages | zendesk | intercom | freshdesk', default: 'auto' },
		{ flags: '--tz <zone>', description: 'Time zone of timestamps without an offset (default: the timezone setting)' },
		{ flags: '--map <field=Header>', description: 'Map a canonical field to a header (repeatable)' },
		{ flags: '--date-format <order>', description: 'dmy or mdy, when day/month order is ambiguous' },
		{ flags: '--replace', description: 'Swap an existing dataset of the same name in one transaction' }
	],
	examples: ['ingest exports/tickets.csv --dataset q3 --tz Europe/Berlin', 'ingest chats.csv --map created_at="Opened At" --json'],
	async run([file], options, context) {
		if (!existsSync(file)) throw new UserError(`There is no file ${file}; check the path.`);
		const dateFormat = options.dateFormat as string | undefined;
		if (dateFormat !== undefined && dateFormat !== 'dmy' && dateFormat !== 'mdy') {
			throw new UserError(`--date-format takes dmy (31/12/2026) or mdy (12/31/2026), not "${dateFormat}".`);
		}
		const db = await context.database();
		const result = await ingestFile(db, file, {
			dataset: options.dataset as string | undefined,
			preset: String(options.preset ?? 'auto') as PresetName | 'auto',
			timezone: options.tz as string | undefined,
			map: listOption(options.map),
			replace: options.replace === true,
			dateFormat: dateFormat as DateOrder | undefined
		});
		await recordAudit(db.connection, {
			actor: 'cli',
			action: 'upload',
			target: result.dataset,
			detail: { file: basename(file), rows_loaded: result.rows_loaded, rows_rejected: result.rows_rejected }
		});
		const flags = Object.entries(result.flags).map(([flag, n]) => `${n} ${flag.replaceAll('_', ' ')}`);
		const lines = [
			`Loaded ${result.rows_loaded.toLocaleString('en-US')} of ${result.rows_read.toLocaleString('en-US')} rows into "${result.dataset}" (${result.preset}${result.kind === 'messages' ? `, ${result.conversations.toLocaleString('en-US')} conversations` : ''}) in ${result.seconds} s.`,
			...(result.rows_rejected > 0
				? [`${result.rows_rejected} rejected, for example:`, ...result.rejects.slice(0, 5).map((r) => `  line ${r.line}: ${r.reason}`)]
				: []),
			...(flags.length ? [`Flagged (kept): ${flags.join(', ')}.`] : []),
			...result.notes
		];
		context.print(result, lines.join('\n'));
	}
};
