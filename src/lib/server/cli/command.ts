import { databasePath, type Database } from '../db/database';
import { openDatabase } from '../open';

export type CliOptions = Record<string, unknown> & { json?: boolean; db?: string };

/** What a command gets besides its arguments: where the database is and how to print. */
export interface CliContext {
	json: boolean;
	dbPath: string;
	/** Opens the database (once) and migrates it. */
	database(): Promise<Database>;
	/** Prints the command's result: `json` on stdout as one document with --json, else `text`. */
	print(json: unknown, text: string): void;
	/** Progress and notes for people: stderr, so stdout stays one JSON document. */
	note(text: string): void;
}

/** One CLI command; `src/lib/server/cli/index.ts` lists them. The command parses nothing itself beyond its options. */
export interface CliCommand {
	/** cac command spec, e.g. `ingest <file>` or `datasets [action] [name]` */
	spec: string;
	description: string;
	options?: { flags: string; description: string; default?: unknown }[];
	examples?: string[];
	run(args: string[], options: CliOptions, context: CliContext): Promise<void>;
}

export function createContext(options: CliOptions): CliContext {
	const dbPath = databasePath(typeof options.db === 'string' ? options.db : undefined);
	let opened: Promise<Database> | undefined;
	const json = options.json === true;
	return {
		json,
		dbPath,
		database: () => (opened ??= openDatabase(dbPath)),
		print(value, text) {
			process.stdout.write(json ? JSON.stringify(value) + '\n' : text.endsWith('\n') ? text : text + '\n');
		},
		note(text) {
			process.stderr.write(text + '\n');
		}
	};
}
