import { computeSeries, type SeriesResult } from '../metrics/index';
import { SERIES_METRICS, type SeriesInterval } from '../metrics/series';
import type { CliCommand } from './command';
import { cell, FILTER_OPTIONS } from './metrics';
import { queryFromOptions } from '../options';

/** One line per bucket, one column per group; the heatmap as a 7 x 24 grid per group. */
function seriesText(result: SeriesResult): string {
	if (result.series.length === 0) return 'No conversations match these filters.';
	if (result.metric === 'heatmap') {
		const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
		return result.series
			.map((s) => {
				const lines = days.map(
					(d, w) =>
						`${d} ${(s.cells ?? [])
							.filter((c) => c.weekday === w)
							.map((c) => String(c.value).padStart(5))
							.join('')}`
				);
				return `${s.key} (arrivals by local weekday x hour 0..23)\n${lines.join('\n')}`;
			})
			.join('\n\n');
	}
	const times = [...new Set(result.series.flatMap((s) => s.points.map((p) => p.t)))].sort();
	const lookup = new Map(result.series.map((s) => [s.key, new Map(s.points.map((p) => [p.t, p]))]));
	const header = ['t (UTC)', ...result.series.map((s) => s.key)];
	const rows = times.map((t) => [
		t.replace('.000Z', 'Z'),
		...result.series.map((s) => {
			const p = lookup.get(s.key)!.get(t);
			const value = cell(result.metric === 'sla' ? 'percent' : 'number', p?.value);
			return result.metric === 'concurrency' ? `${value} (max ${cell('number', p?.max)})` : value;
		})
	]);
	const all = [header, ...rows];
	const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
	return all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export const seriesCommand: CliCommand = {
	spec: 'series <metric>',
	description: `A time series: ${SERIES_METRICS.join(', ')} (buckets in UTC)`,
	options: [{ flags: '--interval <interval>', description: '15m, 30m, 1h or 1d', default: '1h' }, ...FILTER_OPTIONS],
	examples: ['series arrivals --interval 1d --by mode', 'series heatmap --channel chat --json'],
	async run([metric], options, context) {
		const db = await context.database();
		const result = await computeSeries(db.connection, metric, { ...queryFromOptions(options), interval: String(options.interval ?? '1h') as SeriesInterval });
		context.print(result, seriesText(result));
	}
};
