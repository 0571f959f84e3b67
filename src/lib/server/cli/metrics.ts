import { computeMetrics, type MetricsGroup } from '../metrics/index';
import { queryFromOptions } from '../options';
import { METRIC_FIELDS } from '../../metrics/fields';
import type { ValueKind } from '../../format';
import type { CliCommand } from './command';

/** The filter options shared by `metrics` and `series`. */
export const FILTER_OPTIONS: NonNullable<CliCommand['options']> = [
	{ flags: '--dataset <name>', description: 'Dataset (default: the most recently loaded)' },
	{ flags: '--from <date>', description: 'created_at on or after this UTC date/time' },
	{ flags: '--to <date>', description: 'created_at before this UTC date/time' },
	{ flags: '--channel <channel>', description: 'Only this channel (repeatable)' },
	{ flags: '--queue <queue>', description: 'Only this queue (repeatable)' },
	{ flags: '--agent <agent>', description: 'Only this agent (repeatable)' },
	{ flags: '--by <dimension>', description: 'Group by mode, channel or queue' }
];

/** A value for a table cell by its kind (the field table's): "-" for no data, percents with one decimal, other numbers to two decimals unless whole. */
export function cell(kind: ValueKind | 'text', value: unknown): string {
	if (value === null || value === undefined) return '-';
	if (typeof value !== 'number') return String(value);
	if (kind === 'percent') return `${(value * 100).toFixed(1)}%`;
	return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Rows = fields, columns = groups: readable however many groups there are. */
export function metricsTable(groups: MetricsGroup[]): string {
	if (groups.length === 0) return 'No conversations match these filters.';
	const rows = [['', ...groups.map((g) => g.key)], ...METRIC_FIELDS.map((f) => [f.name, ...groups.map((g) => cell(f.kind, g[f.name]))])];
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export const metricsCommand: CliCommand = {
	spec: 'metrics',
	description: 'The Overview numbers per group (metrics.md); --json prints the metrics contract',
	options: FILTER_OPTIONS,
	examples: ['metrics --by channel', 'metrics --dataset demo --from 2026-08-01 --to 2026-09-01 --channel email --json'],
	async run(_args, options, context) {
		const db = await context.database();
		const result = await computeMetrics(db.connection, queryFromOptions(options));
		const header = `${result.dataset}  ${result.from ?? ''} .. ${result.to ?? ''}  (${result.timezone})`;
		context.print(result, `${header}\n\n${metricsTable(result.groups)}`);
	}
};
