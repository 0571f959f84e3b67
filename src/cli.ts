#!/usr/bin/env node
// Argument parsing only: every command lives in src/lib/server/cli/ and calls lib.
import { cac, type CAC } from 'cac';
import { commandToRun, loadCommands } from './lib/server/cli/index';
import { createContext, type CliCommand, type CliOptions } from './lib/server/cli/command';
import { isUserError, UserError } from './lib/server/errors';

function fail(error: unknown): never {
	const message = error instanceof Error ? error.message : String(error);
	const sentence = isUserError(error) ? message : `Something went wrong: ${message.split('\n')[0]}`;
	process.stderr.write(sentence + '\n');
	if (process.env.CHANNEL_MIX_DEBUG && error instanceof Error) process.stderr.write(String(error.stack) + '\n');
	process.exit(1);
}

function withGlobalOptions(cli: CAC): CAC {
	cli.option('--db <path>', 'Database file (default data/channel-mix.duckdb, or CHANNEL_MIX_DB)');
	cli.option('--json', 'Print one JSON document on stdout');
	return cli;
}

/** The names of the options that take a value (`--volume <n>` → "volume"), the global `--db` among them. */
function valueFlags(command: CliCommand): Set<string> {
	const flags = [...(command.options ?? []).map((o) => o.flags), '--db <path>'];
	return new Set(flags.flatMap((f) => /--([\w-]+)\s*[<[]/.exec(f)?.[1] ?? []));
}

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/** `--growth -0.1` as `--growth=-0.1`: the parser would read a value starting with "-" as another flag. */
function joinNegativeValues(argv: string[], flags: Set<string>): string[] {
	const joined: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i].startsWith('--') && !argv[i].includes('=') ? argv[i].slice(2) : null;
		if (name !== null && flags.has(name) && i + 1 < argv.length && NEGATIVE_NUMBER.test(argv[i + 1])) joined.push(`${argv[i]}=${argv[++i]}`);
		else joined.push(argv[i]);
	}
	return joined;
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Each value option as typed (the parser turns "0x10" into 16 and "" into 0, so commands check the text itself). */
function typedValues(argv: string[], flags: Set<string>): Record<string, string | string[]> {
	const typed: Record<string, string[]> = {};
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([\w-]+)(?:=(.*))?$/s.exec(argv[i]);
		if (!match || !flags.has(match[1])) continue;
		const value = match[2] ?? (i + 1 < argv.length && !argv[i + 1].startsWith('-') ? argv[++i] : undefined);
		if (value !== undefined) (typed[camel(match[1])] ??= []).push(value);
	}
	return Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

function register(cli: CAC, command: CliCommand, argv: string[]): void {
	const entry = cli.command(command.spec, command.description);
	for (const option of command.options ?? []) entry.option(option.flags, option.description, { default: option.default });
	for (const example of command.examples ?? []) entry.example(`npm run cli -- ${example}`);
	entry.action(async (...received: unknown[]) => {
		const options = { ...(received.pop() as CliOptions), ...typedValues(argv, valueFlags(command)) };
		const args = received.flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a.map(String) : [String(a)]));
		const context = createContext(options);
		await command.run(args, options, context);
		process.exitCode = process.exitCode ?? 0;
	});
}

/** Which command runs, from the global options alone: only its module is loaded (the whole list for --help). */
function commandNamed(argv: string[]): string | null {
	const scout = withGlobalOptions(cac('channel-mix'));
	scout.option('-h, --help', 'help');
	scout.parse(argv, { run: false });
	return commandToRun(scout.args, scout.options.help === true);
}

try {
	const name = commandNamed(process.argv);
	const cli = withGlobalOptions(cac('channel-mix'));
	const commands = await loadCommands(name === null ? undefined : [name]);
	const argv = joinNegativeValues(process.argv, new Set(commands.flatMap((c) => [...valueFlags(c)])));
	for (const command of commands) register(cli, command, argv);
	cli.help();
	cli.parse(argv, { run: false });
	if (cli.matchedCommand) await cli.runMatchedCommand();
	else if (cli.args.length > 0) fail(new UserError(`Unknown command "${cli.args.join(' ')}"; run with --help to list the commands.`));
	else if (!cli.options.help) cli.outputHelp();
} catch (error) {
	fail(error);
}
