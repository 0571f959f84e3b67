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
