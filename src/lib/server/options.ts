/** Options as a caller typed them: CLI flags (src/cli.ts keeps their text) and API query strings alike. */
import { parseDecimal, printable, RANGES, rangeProblem, type RangeName } from '../bounds';
import { UserError } from './errors';
import { parseStaffedShare } from '../planning/staffedMix';
import type { GroupBy, MetricsQuery } from './metrics/filters';

type Options = Record<string, unknown>;

/**
 * A number option checked against its range in $lib/bounds: undefined when not given, else the number, or a
 * UserError naming the flag and quoting what was typed.
 */
export function boundedOption(options: Options, key: string, flag: string, range: RangeName): number | undefined {
	const raw = options[key];
	if (raw === undefined || raw === null || raw === false) return undefined;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseDecimal(raw) : Number.NaN;
	const problem = rangeProblem(range, value, `--${flag} (${RANGES[range].what})`, raw);
	if (problem) throw new UserError(problem);
	return value;
}

/** Options given more than once arrive as arrays, once as a scalar: always a list. */
export function listOption(value: unknown): string[] {
	if (value === undefined || value === null || value === false) return [];
	return (Array.isArray(value) ? value : [value]).map(String);
}

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** The metrics filters (`metrics`, `series`, /api/metrics, /api/series) into a query; refuses an unknown --by. */
export function queryFromOptions(options: Options): MetricsQuery {
	const by = text(options.by);
	if (by !== undefined && !['mode', 'channel', 'queue'].includes(by))
		throw new UserError(`--by ${printable(by)} is not supported; use mode, channel or queue.`);
	return {
		dataset: text(options.dataset),
		from: text(options.from),
		to: text(options.to),
		channels: listOption(options.channel),
		queues: listOption(options.queue),
		agents: listOption(options.agent),
		by: by as GroupBy | undefined
	};
}

/** The mix a staffing report staffs (`--share`, `?share=`): null for the recommendation, 'today', or an async share. */
export function staffedShareOption(options: Options): number | 'today' | null {
	const raw = options.share;
	const parsed = parseStaffedShare(raw === undefined || raw === null || raw === false ? undefined : String(raw));
	if ('problem' in parsed) throw new UserError(`--share: ${parsed.problem}`);
	return parsed.share;
}
