/** Options as a caller typed them: CLI flags (src/cli.ts keeps their text) and API query strings alike. */
import { parseDecimal, RANGES, rangeProblem, type RangeName } from '../bounds';
import { UserError } from './errors';

/**
 * A number option checked against its range in $lib/bounds: undefined when not given, else the number, or a
 * UserError naming the flag and quoting what was typed.
 */
export function boundedOption(options: Record<string, unknown>, key: string, flag: string, range: RangeName): number | undefined {
	const raw = options[key];
	if (raw === undefined || raw === null || raw === false) return undefined;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseDecimal(raw) : Number.NaN;
	const problem = rangeProblem(range, value, `--${flag} (${RANGES[range].what})`, raw);
	if (problem) throw new UserError(problem);
	return value;
}
