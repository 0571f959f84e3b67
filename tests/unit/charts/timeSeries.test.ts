import { describe, expect, it } from 'vitest';
import { buildTimeSeriesOption, timeSeriesSummary, timeSeriesTable, type TimeSeriesInput } from '../../../src/lib/charts/timeSeries';
import { renderSvg } from './render';

const points = (values: (number | null)[]) => values.map((value, i) => ({ t: new Date(Date.UTC(2026, 8, 1 + i)).toISOString(), value }));

// two modes over 3 days; sync is missing day 2
const input: TimeSeriesInput = {
	lines: [
		{ name: 'sync', points: points([0.8, null, 0.6]), color: '#2f6fdb' },
		{ name: 'async', points: points([0.9, 0.95, 1]), color: '#d9822b' }
	],
	kind: 'percent',
	interval: '1d',
	timezone: 'Europe/Berlin',
	target: { value: 0.8, label: 'target 80%' }
};

describe('time series builder', () => {
	it('renders day labels (UTC days), percent axis and the target line', () => {
		const svg = renderSvg(buildTimeSeriesOption(input));
		expect(svg).toContain('Tue 1 Sep');
		expect(svg).toContain('Thu 3 Sep');
		expect(svg).toContain('>100%<');
		expect(svg).toContain('target 80%');
		expect(svg).toContain('>sync<');
	});

	it('keeps a gap where a bucket has no value, and escapes names in the tooltip', () => {
		const option = buildTimeSeriesOption({ ...input, lines: [{ name: '<img src=x>', points: points([1, null, 2]) }], kind: 'count' }) as {
			series: { data: (number | null)[] }[];
			tooltip: { formatter: (p: unknown) => string };
		};
		expect(option.series[0].data).toEqual([1, null, 2]);
		const html = option.tooltip.formatter([{ axisValueLabel: 'Tue 1 Sep', seriesName: '<img src=x>', value: 1200, marker: '' }]);
		expect(html).toBe('Tue 1 Sep<br/>&lt;img src=x&gt;: <b>1,200</b>');
	});

	it('samples lines above 5,000 points and tables the same numbers', () => {
		const many = {
			...input,
			interval: '15m' as const,
			kind: 'count' as const,
			target: undefined,
			lines: [{ name: 'all', points: Array.from({ length: 6000 }, (_, i) => ({ t: new Date(Date.UTC(2026, 0, 1) + i * 900_000).toISOString(), value: i })) }]
		};
		const option = buildTimeSeriesOption(many) as { series: { sampling?: string }[] };
		expect(option.series[0].sampling).toBe('lttb');
		const table = timeSeriesTable(input);
		expect(table.columns.map((c) => c.label)).toEqual(['Day (UTC)', 'sync', 'async']);
		expect(table.rows[1]).toEqual({ bucket: 'Wed 2 Sep', s0: null, s1: 0.95 });
	});

	it('summarises mean and peak per line', () => {
		// sync mean (0.8 + 0.6) / 2 = 70.0%, peak 80.0%; async mean (0.9 + 0.95 + 1) / 3 = 95.0%, peak 100.0%
		expect(timeSeriesSummary(input, 'SLA attainment')).toBe(
			'SLA attainment from Tue 1 Sep to Thu 3 Sep, 3 intervals: sync averages 70.0% with a peak of 80.0%; async averages 95.0% with a peak of 100.0%.'
		);
	});
});
