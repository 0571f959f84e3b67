import { describe, expect, it } from 'vitest';
import {
	formatCount, formatDay, formatDayRange, formatDelta, formatDuration, formatDurationWords, formatInstant, formatMoney, formatNumber, formatPercent, NO_DATA
} from '../../src/lib/format';

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
});
