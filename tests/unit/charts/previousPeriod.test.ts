import { describe, expect, it } from 'vitest';
import { buildTimeSeriesOption, previousPeriodLines, type TimeSeriesLine } from '../../../src/lib/charts/timeSeries';

const DAY = 86_400_000;
const day = (d: string) => `${d}T00:00:00.000Z`;

describe('the previous-period overlay', () => {
	// current: 8-10 Sep; previous equal period: 5-7 Sep, moved forward 3 days
	const current: TimeSeriesLine[] = [
		{ name: 'sync', color: '#2f6fdb', points: [day('2026-09-08'), day('2026-09-09'), day('2026-09-10')].map((t, i) => ({ t, value: 10 + i })) }
	];
	const before = [
		{
			key: 'sync',
			points: [
				{ t: day('2026-09-04'), value: 99 },
				{ t: day('2026-09-05'), value: 7 },
				{ t: day('2026-09-06'), value: null },
				{ t: day('2026-09-07'), value: 9 }
			]
		}
	];

	it('moves the previous period under the current days, dashed in the same colour', () => {
		const lines = previousPeriodLines(current, before, 3 * DAY);
		expect(lines).toEqual([
			{
				name: 'sync (previous period)',
				color: '#2f6fdb',
				dashed: true,
				// 4 Sep would land on 7 Sep, before the range: dropped
				points: [
					{ t: day('2026-09-08'), value: 7 },
					{ t: day('2026-09-09'), value: null },
					{ t: day('2026-09-10'), value: 9 }
				]
			}
		]);
		const option = buildTimeSeriesOption({ lines: [...current, ...lines], kind: 'count', interval: '1d', timezone: 'UTC' }) as {
			series: { data: (number | null)[]; lineStyle: { type: string } }[];
		};
		expect(option.series[1].data).toEqual([7, null, 9]);
		expect(option.series[1].lineStyle.type).toBe('dashed');
	});

	it('lists the previous lines in the order of the current ones (the legend reads sync, async, then the same before)', () => {
		const both: TimeSeriesLine[] = [...current, { name: 'async', points: current[0].points }];
		const lines = previousPeriodLines(
			both,
			[
				{ key: 'async', points: [] },
				{ key: 'sync', points: [] }
			],
			3 * DAY
		);
		expect(lines.map((l) => l.name)).toEqual(['sync (previous period)', 'async (previous period)']);
	});
});
