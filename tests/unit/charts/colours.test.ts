import { describe, expect, it } from 'vitest';
import { AGE_COLORS, MODE_COLORS, PALETTE, PART_COLORS } from '../../../src/lib/charts/theme';
import { buildHistogramOption } from '../../../src/lib/charts/histogram';
import { buildHourOfWeekOption } from '../../../src/lib/charts/hourOfWeekHeatmap';
import { buildFrontierOption } from '../../../src/lib/components/plan/planCharts';
import { buildPlan } from '../../../src/lib/planning/plan';
import { assumptions, planInputs, steadyChannel } from '../planning/planFixtures';
import { renderSvg } from './render';

const MODE_HUES = [MODE_COLORS.sync, MODE_COLORS.async];
const noModeHue = (colors: unknown[]) => colors.filter((c) => MODE_HUES.includes(String(c).toLowerCase()));

describe('blue means sync and orange async, on every chart', () => {
	it('keeps the mode colours out of every other palette', () => {
		expect(noModeHue([...PALETTE, ...AGE_COLORS, ...Object.values(PART_COLORS)])).toEqual([]);
	});

	it('colours channels of a histogram from the other palette, modes from theirs', () => {
		const bins = [{ lo: 0, hi: 60, counts: { voice: 3, chat: 1, sync: 4 } }];
		const option = buildHistogramOption({ keys: ['voice', 'chat', 'sync'], bins }) as { series: { color: string }[] };
		expect(option.series.map((s) => s.color)).toEqual([PALETTE[0], PALETTE[1], MODE_COLORS.sync]);
	});

	it('shades the arrivals heatmap (both modes) without the sync blue', () => {
		const option = buildHourOfWeekOption({ cells: [], openHours: Array.from({ length: 7 }, () => [[9, 17]]) }) as unknown as {
			visualMap: { inRange: { color: string[] } };
		};
		expect(option.visualMap.inRange.color).toEqual(['#f1f7f6', '#7cc4ba', '#1d6b62']);
	});
});

describe('the mix frontier chart', () => {
	// chat 40 per open half hour at AHT 600 s, messaging 40 at focus 300 s: costs differ by a few percent across shares
	const plan = buildPlan(planInputs([steadyChannel('chat', 'sync', 40, 600), steadyChannel('messaging', 'async', 40, 300)]), assumptions);

	it('starts the cost axis at zero and uses no mode colour for points that are not a mode', () => {
		const option = buildFrontierOption({ plan, currency: 'USD', selectedShare: 0.3 }) as {
			yAxis: { min: number; scale?: boolean };
			series: { name: string; color?: string; itemStyle?: { color?: string } }[];
		};
		expect(option.yAxis.min).toBe(0);
		expect(option.yAxis.scale).toBeUndefined();
		expect(noModeHue(option.series.flatMap((s) => [s.color, s.itemStyle?.color]))).toEqual([]);
	});

	it('draws the x-axis title inside the canvas, not cut at the bottom', () => {
		const height = 320;
		const svg = renderSvg(buildFrontierOption({ plan, currency: 'USD', selectedShare: null }), 600, height);
		const title = /<text[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>async share of movable volume<\/text>/.exec(svg);
		expect(title).not.toBeNull();
		// the text's baseline sits at least a line height above the bottom edge
		expect(Number(title![2])).toBeLessThan(height - 10);
		// and the money labels of the cost axis start inside the left edge
		const lefts = [...svg.matchAll(/<text[^>]*transform="translate\(([-\d.]+) [\d.]+\)"[^>]*>\$[\d,]+<\/text>/g)].map((m) => Number(m[1]));
		expect(lefts.length).toBeGreaterThan(2);
		expect(Math.min(...lefts)).toBeGreaterThanOrEqual(0);
	});
});
