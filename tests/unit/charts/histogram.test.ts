import { describe, expect, it } from 'vitest';
import { binLabel, buildHistogramOption, histogramSummary, histogramTable, type HistogramInput } from '../../../src/lib/charts/histogram';
import { renderSvg } from './render';

// sync: 30 + 10 = 40 conversations; async: 5 + 15 = 20
const input: HistogramInput = {
	keys: ['sync', 'async'],
	bins: [
		{ lo: 0, hi: 60, counts: { sync: 30, async: 0 } },
		{ lo: 60, hi: 3600, counts: { sync: 10, async: 5 } },
		{ lo: 3600, hi: null, counts: { sync: 0, async: 15 } }
	]
};

describe('histogram builder', () => {
	it('draws each group as the share of its own conversations per bin', () => {
		const option = buildHistogramOption(input) as { series: { name: string; data: (number | null)[] }[] };
		// sync 30/40, 10/40, 0/40; async 0/20, 5/20, 15/20
		expect(option.series.map((s) => s.data)).toEqual([
			[0.75, 0.25, 0],
			[0, 0.25, 0.75]
		]);
		const svg = renderSvg(buildHistogramOption(input));
		expect(svg).toContain('0 s – 1 min');
		expect(svg).toContain('≥ 1 h');
		expect(svg).toContain('>80%<');
	});

	it('labels bins, tables counts and shares, names the most common bin', () => {
		expect(binLabel(input.bins[1])).toBe('1 min – 1 h');
		const table = histogramTable(input);
		expect(table.rows[2]).toEqual({ bin: '≥ 1 h', sync_n: 0, sync_share: 0, async_n: 15, async_share: 0.75 });
		expect(histogramSummary(input, 'First response')).toBe(
			'First response distribution. sync: 40 conversations, most often 0 s – 1 min (75.0%); async: 20 conversations, most often ≥ 1 h (75.0%).'
		);
	});
});
