import { resolve } from 'node:path';
import { UserError } from '../errors';
import { benchTable, loadLine, runBench, runLoadOnly, type BenchOptions } from '../bench/run';
import type { CliCommand } from './command';
import { boundedOption } from '../options';

export const benchCommand: CliCommand = {
	spec: 'bench',
	description: 'Measure ingest against a bare read_csv, the dashboard loads, the metrics CLI and the planning maths (quality.md bars)',
	options: [
		{ flags: '--conversations <n>', description: 'Conversations to generate (default 1000000)' },
		{ flags: '--csv <file>', description: 'Use this conversation CSV instead of generating one' },
		{ flags: '--seed <n>', description: 'Simulator seed (default 7)' },
		{ flags: '--repeat <n>', description: 'Runs of raw load, ingest and metrics CLI; the median counts (default 2)' },
		{ flags: '--warm <n>', description: 'Warm runs per dashboard page (default 5)' },
		{ flags: '--load-seconds <s>', description: 'Also run the load test for this long (default 0: off)' },
		{ flags: '--load-clients <n>', description: 'Signed-in clients of the load test (default 50)' },
		{ flags: '--load-only', description: 'Only load the data and run the load test (npm run loadtest)' },
		{ flags: '--out <file>', description: 'Results file (default bench-results.json, or load-results.json with --load-only)' }
	],
	examples: [
		'bench --conversations 1000000',
		'bench --csv /tmp/c10m.csv --repeat 1 --out /tmp/bench-10m.json',
		'bench --conversations 100000 --load-seconds 60'
	],
	async run(_args, options, context) {
		const loadOnly = options.loadOnly === true;
		const benchOptions: BenchOptions = {
			conversations: boundedOption(options, 'conversations', 'conversations', 'conversations') ?? 1_000_000,
			csv: typeof options.csv === 'string' ? resolve(options.csv) : undefined,
			seed: boundedOption(options, 'seed', 'seed', 'seed') ?? 7,
			repeat: boundedOption(options, 'repeat', 'repeat', 'benchRepeat') ?? 2,
			warm: boundedOption(options, 'warm', 'warm', 'benchWarm') ?? 5,
			loadSeconds: boundedOption(options, 'loadSeconds', 'load-seconds', 'loadSeconds') ?? 0,
			loadClients: boundedOption(options, 'loadClients', 'load-clients', 'loadClients') ?? 50,
			out: resolve(typeof options.out === 'string' ? options.out : loadOnly ? 'load-results.json' : 'bench-results.json'),
			log: context.note
		};
		if (loadOnly) {
			if (benchOptions.loadSeconds === 0) throw new UserError('--load-only needs --load-seconds, for example --load-seconds 60.');
			const report = await runLoadOnly(benchOptions);
			context.print(report, loadLine(report));
			return;
		}
		const results = await runBench(benchOptions);
		context.print(results, benchTable(results));
	}
};
