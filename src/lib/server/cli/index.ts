import type { CliCommand } from './command';

/**
 * Every CLI command, one file each, by name (the first word of its spec). Loaded only when run:
 * a command's module pulls in its whole library (ingest, reports, planning), and start-up time
 * counts in `metrics --json` (quality.md: 3 s at 10 M rows).
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<CliCommand>>> = {
	ingest: async () => (await import('./ingest')).ingestCommand,
	datasets: async () => (await import('./datasets')).datasetsCommand,
	settings: async () => (await import('./settings')).settingsCommand,
	metrics: async () => (await import('./metrics')).metricsCommand,
	series: async () => (await import('./series')).seriesCommand,
	generate: async () => (await import('./generate')).generateCommand,
	erlang: async () => (await import('./erlang')).erlangCommand,
	plan: async () => (await import('./plan')).planCommand,
	report: async () => (await import('./report')).reportCommand,
	serve: async () => (await import('./serve')).serveCommand,
	users: async () => (await import('./users')).usersCommand,
	bench: async () => (await import('./bench')).benchCommand
};

/** The commands named (all of them when `names` is absent, e.g. for --help), in the listing's order. */
export function loadCommands(names: readonly string[] = Object.keys(COMMAND_LOADERS)): Promise<CliCommand[]> {
	return Promise.all(names.map((name) => COMMAND_LOADERS[name]()));
}

/**
 * The command an argument list runs: its first positional argument that names a command, or null
 * (no command, --help, or an unknown word: then every command is loaded so cac can list or refuse them).
 * `positionals` are the arguments left after the global options are taken out.
 */
export function commandToRun(positionals: readonly string[], helpAsked: boolean): string | null {
	if (helpAsked && positionals.length === 0) return null;
	return positionals.find((word) => Object.hasOwn(COMMAND_LOADERS, word)) ?? null;
}
