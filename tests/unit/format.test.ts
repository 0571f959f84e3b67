import { describe, expect, it } from 'vitest';
import {
	columnDecimals,
	formatCount,
	formatDay,
	formatDayRange,
	formatDelta,
	formatDuration,
	formatDurationWords,
	formatFixed,
	formatInstant,
	formatMoney,
	formatNumber,
	formatPercent,
	formatValue,
	NO_DATA
} from '../../src/lib/format';
import { cellText, tableDecimals, type TableColumn } from '../../src/lib/components/table';

describe('format', () => {
	it('writes durations in their natural unit', () => {
		expect(formatDuration(38)).toBe('38 s');
		expect(formatDuration(4.24)).toBe('4.2 s');
		expect(formatDuration(150)).toBe('2.5 min');
		expect(formatDuration(720)).toBe('12 min');
		expect(formatDuration(11_520)).toBe('3.2 h');
		expect(formatDuration(120_960)).toBe('1.4 d');
		expect(formatDuration(59.7)).toBe('1 min');
		expect(formatDuration(null)).toBe(NO_DATA);
		expect(formatDurationWords(7800)).toBe('2 h 10 min');
		expect(formatDurationWords(40)).toBe('40 s');
		expect(formatDurationWords(0.2)).toBe('under a second');
		expect(formatDurationWords(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
	});

	it('writes shares, money, counts and plain numbers; null is "no data", never 0', () => {
		expect(formatPercent(0.8312)).toBe('83.1%');
		expect(formatPercent(0.19, 0)).toBe('19%');
		expect(formatPercent(undefined)).toBe('no data');
		expect(formatMoney(5.121)).toBe('$5.12');
		expect(formatMoney(1204.5, 'EUR')).toBe('€1,204.50');
		expect(formatMoney(0)).toBe('$0.00');
		expect(formatCount(52_000)).toBe('52,000');
		expect(formatCount(Number.NaN)).toBe('no data');
		expect(formatNumber(8.8708)).toBe('8.9');
		expect(formatNumber(1204)).toBe('1,204');
		expect(formatNumber(1)).toBe('1');
	});

	it('writes deltas: relative for amounts, percentage points for shares', () => {
		// (12.6 - 12) / 12 = +5.0%
		expect(formatDelta(12.6, 12, 'count')).toBe('+5%');
		// (90 - 100) / 100 = -10%
		expect(formatDelta(90, 100, 'duration')).toBe('\u221210%');
		// 0.645 - 0.623 = +2.2 pp
		expect(formatDelta(0.645, 0.623, 'percent')).toBe('+2.2 pp');
		expect(formatDelta(0.5, 0.52, 'percent')).toBe('\u22122.0 pp');
		expect(formatDelta(0, 0, 'duration')).toBe('±0%');
		expect(formatDelta(5, 0, 'count')).toBeNull();
		expect(formatDelta(null, 3, 'count')).toBeNull();
	});

	it('shows instants in the given zone, days as calendar days', () => {
		// 2026-03-29 00:30 UTC is 01:30 in Berlin (CET, before the 02:00 DST jump)
		expect(formatInstant('2026-03-29T00:30:00Z', 'Europe/Berlin', 'd MMM HH:mm')).toBe('29 Mar 01:30');
		expect(formatInstant('2026-03-29T00:30:00Z', 'America/New_York', 'd MMM HH:mm')).toBe('28 Mar 20:30');
		expect(formatDay('2026-09-01')).toBe('1 Sep 2026');
		// to is exclusive: [1 Sep, 1 Oct) ends on 30 Sep
		expect(formatDayRange('2026-09-01', '2026-10-01')).toBe('1 Sep – 30 Sep 2026');
		expect(formatDayRange('2025-12-15', '2026-01-15')).toBe('15 Dec 2025 – 14 Jan 2026');
	});

	it('fixes the decimals of durations and plain numbers when asked, keeping units and thousands', () => {
		// 360 s = 6 min exactly, 372 s = 6.2 min
		expect(formatDuration(360, 1)).toBe('6.0 min');
		expect(formatDuration(372, 1)).toBe('6.2 min');
		// 38 s stays in seconds; 4.24 s at no decimals is 4 s
		expect(formatDuration(38, 1)).toBe('38.0 s');
		expect(formatDuration(4.24, 0)).toBe('4 s');
		// 1500.4 days: the unit stays d and the whole part gets its separator
		expect(formatDuration(1500.4 * 86_400, 1)).toBe('1,500.4 d');
		expect(formatDuration(null, 1)).toBe(NO_DATA);
		expect(formatFixed(1, 1)).toBe('1.0');
		expect(formatFixed(110, 1)).toBe('110.0');
		expect(formatFixed(-1204.54, 1)).toBe('-1,204.5');
		expect(formatFixed(undefined, 1)).toBe(NO_DATA);
		expect(formatValue(3, 'number', 'USD', 1)).toBe('3.0');
		expect(formatValue(3, 'number')).toBe('3');
		// counts, shares and money keep their own decimals whatever is asked
		expect(formatValue(3.4, 'count', 'USD', 1)).toBe('3');
		expect(formatValue(0.5, 'percent', 'USD', 0)).toBe('50.0%');
	});
});

describe('column decimals', () => {
	it('shows one decimal on every row when any row shows a fraction alone, none otherwise', () => {
		// "6 min" and "6.2 min" alone → the column needs 1
		expect(columnDecimals([360, 372], 'duration')).toBe(1);
		// "6 min" and "12 min" (744 s = 12.4 min rounds whole above 10) → 0
		expect(columnDecimals([360, 744], 'duration')).toBe(0);
		expect(columnDecimals([38, null, 744], 'duration')).toBe(0);
		// concurrency "1" and "3.6" → 1
		expect(columnDecimals([1, 3.6], 'number')).toBe(1);
		// 1.04 is written "1" alone, so no row needs a decimal
		expect(columnDecimals([1.04, 2], 'number')).toBe(0);
		expect(columnDecimals([null, undefined, Number.NaN], 'number')).toBe(0);
		expect(columnDecimals([0.25, 0.5], 'percent')).toBeUndefined();
		expect(columnDecimals([3, 4], 'count')).toBeUndefined();
	});

	it('gives a table column the same decimals on every row (the per-agent workload table)', () => {
		const columns: TableColumn[] = [
			{ key: 'agent', label: 'Agent', kind: 'text' },
			{ key: 'handle_mean_s', label: 'Handle time, mean', kind: 'duration' },
			{ key: 'busy_hours', label: 'Busy hours', kind: 'number' },
			{ key: 'concurrency_mean', label: 'Concurrency, mean', kind: 'number' },
			{ key: 'concurrency_max', label: 'Concurrency, max', kind: 'count' }
		];
		const rows = [
			{ agent: 'ann', handle_mean_s: 360, busy_hours: 110, concurrency_mean: 1, concurrency_max: 2 },
			{ agent: 'bob', handle_mean_s: 372, busy_hours: 435.8, concurrency_mean: 3.6, concurrency_max: 5 },
			{ agent: 'cy', handle_mean_s: null, busy_hours: 12.04, concurrency_mean: null, concurrency_max: 1 }
		];
		const decimals = tableDecimals(columns, rows);
		expect(decimals).toEqual({ handle_mean_s: 1, busy_hours: 1, concurrency_mean: 1, concurrency_max: undefined });
		const text = rows.map((row) => columns.map((c) => cellText(c, row[c.key as keyof typeof row], decimals[c.key])));
		expect(text).toEqual([
			['ann', '6.0 min', '110.0', '1.0', '2'],
			['bob', '6.2 min', '435.8', '3.6', '5'],
			['cy', NO_DATA, '12.0', NO_DATA, '1']
		]);
	});
});
