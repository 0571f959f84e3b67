import { describe, expect, it } from 'vitest';
import { buildStackedBarsOption, stackedBarsSummary, stackedBarsTable, type StackedBarsInput } from '../../../src/lib/charts/stackedBars';
import { renderSvg } from './render';

const input: StackedBarsInput = {
	categories: ['voice', '<b>queue</b>'],
	parts: [
		{ name: 'Agent time', color: '#2f6fdb', values: [2.84, 9.5] },
		{ name: 'Bot', color: '#2a9d8f', values: [0.06, null] }
	],
	kind: 'money',
	currency: 'USD',
	showTotal: true
};

describe('stacked bars builder', () => {
	it('renders money totals at the bar ends', () => {
		const svg = renderSvg(buildStackedBarsOption(input));
		// 2.84 + 0.06 = 2.90; 9.50 + nothing = 9.50
		expect(svg).toContain('$2.90');
		expect(svg).toContain('$9.50');
		expect(svg).toContain('Agent time');
	});

	it('drops value-axis labels that would overlap on a phone instead of printing them over each other', () => {
		const wide = { ...input, parts: [{ ...input.parts[0], values: [4.39, 5.27] }], showTotal: false };
		const labels = (width: number) => (renderSvg(buildStackedBarsOption(wide), width, 300).match(/>\$\d\.00</g) ?? []).length;
		// at 600 px every tick of $0.00 to $6.00 has room; at 300 px (the chart on a 390 px screen) only every other one
		expect(labels(600)).toBe(7);
		expect(labels(300)).toBeLessThan(7);
	});

	it('escapes category names in the tooltip and tables the totals', () => {
		const option = buildStackedBarsOption(input) as { tooltip: { formatter: (p: unknown) => string } };
		const html = option.tooltip.formatter([{ dataIndex: 1, seriesName: 'Agent time', value: 9.5, marker: '' }]);
		expect(html).toBe('&lt;b&gt;queue&lt;/b&gt;<br/>Agent time: <b>$9.50</b><br/>Total: <b>$9.50</b>');
		expect(stackedBarsTable(input, 'Group').rows[0]).toEqual({ category: 'voice', p0: 2.84, p1: 0.06, total: 2.9 });
		expect(stackedBarsSummary(input, 'Cost')).toBe(
			'Cost. voice: Agent time $2.84, Bot $0.06, total $2.90; <b>queue</b>: Agent time $9.50, Bot no data, total $9.50.'
		);
	});
});
