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

function register(cli: CAC, command: CliCommand): void {
	const entry = cli.command(command.spec, command.description);
	for (const option of command.options ?? []) entry.option(option.flags, option.description, { default: option.default });
	for (const example of command.examples ?? []) entry.example(`npm run cli -- ${example}`);
	entry.action(async (...received: unknown[]) => {
		const options = received.pop() as CliOptions;
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
	for (const command of await loadCommands(name === null ? undefined : [name])) register(cli, command);
	cli.help();
	cli.parse(process.argv, { run: false });
	if (cli.matchedCommand) await cli.runMatchedCommand();
	else if (cli.args.length > 0) fail(new UserError(`Unknown command "${cli.args.join(' ')}"; run with --help to list the commands.`));
	else if (!cli.options.help) cli.outputHelp();
} catch (error) {
	fail(error);
}
