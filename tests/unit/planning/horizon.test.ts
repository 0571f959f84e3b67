import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings/defaults';
import { businessOpenByInterval, closedWeekdays, holidayWeekdays, horizonIntervals } from '../../../src/lib/server/planning/horizon';

describe('planned week calendar', () => {
	it('marks business hours per interval of the week (Mon-Fri 09:00-17:00 by default)', () => {
		const open = businessOpenByInterval(DEFAULT_SETTINGS, 30);
		expect(open).toHaveLength(336);
		expect(open.filter(Boolean)).toHaveLength(5 * 16);
		expect(open[18]).toBe(true); // Monday 09:00
		expect(open[33]).toBe(true); // Monday 16:30
		expect(open[34]).toBe(false); // Monday 17:00
		expect(open[5 * 48 + 20]).toBe(false); // Saturday 10:00
		expect(closedWeekdays(DEFAULT_SETTINGS)).toEqual([5, 6]);
	});

	it('keeps local wall-clock intervals across the end of daylight saving time', () => {
		// Berlin leaves CEST (+2) for CET (+1) on Sunday 2026-10-25 at 03:00 local
		const week = horizonIntervals(new Date('2026-10-19T00:00:00Z'), 7, 60, 'Europe/Berlin');
		expect(week).toHaveLength(168);
		expect(week[0]).toEqual({ start: '2026-10-18T22:00:00Z', slot: 0 });
		// Sunday 04:00 local = slot 6 x 24 + 4 = 148, now at +1
		expect(week[148]).toEqual({ start: '2026-10-25T03:00:00Z', slot: 148 });
		expect(week[167].start).toBe('2026-10-25T22:00:00Z');
	});

	it('finds holidays in the planned week', () => {
		expect(holidayWeekdays(new Date('2026-12-21T00:00:00Z'), ['2026-12-25', '2026-12-26', '2027-01-01'])).toEqual([4, 5]);
	});
});
