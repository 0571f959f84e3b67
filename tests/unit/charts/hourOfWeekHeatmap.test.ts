import { describe, expect, it } from 'vitest';
import { buildHourOfWeekOption, hourOf, hourOfWeekSummary, hourOfWeekTable, type HourOfWeekInput } from '../../../src/lib/charts/hourOfWeekHeatmap';
import { renderSvg } from './render';

// 168 cells: 10 arrivals in every hour, except Monday 10:00 with 250 (the busiest) and Sunday 03:00 with 0.
const cells = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, value: i === 10 ? 250 : i === 6 * 24 + 3 ? 0 : 10 }));
// Mon-Fri 09:00-17:00 open
const openHours: [number, number][][] = [[[9, 17]], [[9, 17]], [[9, 17]], [[9, 17]], [[9, 17]], [], []];
const input: HourOfWeekInput = { cells, openHours };

describe('hour-of-week heatmap', () => {
	it('draws 168 cells, the weekday axis and five business-hours outlines', () => {
		const svg = renderSvg(buildHourOfWeekOption(input), 800, 320);
		expect(svg).toContain('>Mon<');
		expect(svg).toContain('>Sun<');
		expect(svg).toContain('>23<');
		// legend top label is the largest count
		expect(svg).toContain('>250<');
		// the outline: one rectangle stroked 2 px per open weekday
		const outlines = svg.match(/<polygon points="([\d. ]+)"[^>]*stroke-width="2"/g) ?? [];
		expect(outlines).toHaveLength(5);
		// each outline has height: its corners' y values differ
		const ys = outlines[0]!
			.match(/points="([\d. ]+)"/)![1]
			.split(' ')
			.map(Number)
			.filter((_, i) => i % 2 === 1);
		expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(20);
		// 8 hours of a 24-hour-wide grid: a third of the width of the whole day row
		const xs = outlines[0]!
			.match(/points="([\d. ]+)"/)![1]
			.split(' ')
			.map(Number)
			.filter((_, i) => i % 2 === 0);
		const all = (svg.match(/<polygon points="([\d. ]+)"/g) ?? []).length;
		expect(all).toBeGreaterThanOrEqual(5);
		expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(200);
		const option = buildHourOfWeekOption(input) as { series: { data: unknown[]; markArea?: { data: unknown[] } }[] };
		expect(option.series[0].data).toHaveLength(168);
		// Mon..Fri: hours 9 to 17 on the hidden value axis, one weekday band high
		expect(option.series[1].markArea?.data).toEqual([0, 1, 2, 3, 4].map((d) => [{ coord: [9, d] }, { coord: [17, d + 1] }]));
	});

	it('summarises the busiest hour and the share outside the outline', () => {
		// total = 166 x 10 + 250 + 0 = 1,910; open cells = 5 days x 8 h = 40, of which Mon 10:00 = 250 -> 39 x 10 + 250 = 640 inside;
		// outside = 1,910 - 640 = 1,270 -> 66%
		expect(hourOfWeekSummary(input)).toBe(
			'Arrivals by weekday and hour: 1,910 conversations; the busiest hour is Mon 10:00 with 250; 66% arrive outside the outlined business hours.'
		);
	});

	it('tables the same numbers, a row per weekday', () => {
		const table = hourOfWeekTable(input);
		expect(table.rows).toHaveLength(7);
		expect(table.rows[0].h10).toBe(250);
		expect(table.rows[6].h03).toBe(0);
		expect(hourOf('09:30')).toBe(9.5);
		expect(hourOf('24:00')).toBe(24);
	});
});
