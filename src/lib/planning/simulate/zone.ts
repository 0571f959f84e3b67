/**
 * Local time in an IANA zone without a date library: the UTC offset is looked up once per UTC
 * hour through Intl and cached (every real zone changes offset on a UTC hour boundary or
 * half-hour; the cache key is the UTC half-hour to be safe).
 */
const HALF_HOUR_MS = 1_800_000;

export class ZoneClock {
	private readonly offsets = new Map<number, number>();
	private readonly format: Intl.DateTimeFormat | null;

	constructor(readonly timeZone: string) {
		this.format =
			timeZone === 'UTC'
				? null
				: new Intl.DateTimeFormat('en-US', {
						timeZone,
						hourCycle: 'h23',
						year: 'numeric',
						month: 'numeric',
						day: 'numeric',
						hour: 'numeric',
						minute: 'numeric',
						second: 'numeric'
					});
	}

	/** Offset of local time from UTC in milliseconds at the UTC instant `ms`. */
	offsetMs(ms: number): number {
		if (this.format === null) return 0;
		const key = Math.floor(ms / HALF_HOUR_MS);
		let offset = this.offsets.get(key);
		if (offset === undefined) {
			offset = this.computeOffset(key * HALF_HOUR_MS);
			this.offsets.set(key, offset);
		}
		return offset;
	}

	/** Local wall-clock time encoded as if it were UTC milliseconds (read with getUTC*). */
	localMs(ms: number): number {
		return ms + this.offsetMs(ms);
	}

	/** Local hour of the week: Monday 00:00-01:00 = 0 .. Sunday 23:00 = 167. */
	hourOfWeek(ms: number): number {
		const local = this.localMs(ms);
		const day = (Math.floor(local / 86_400_000) + 3) % 7; // 1970-01-01 was a Thursday
		return day * 24 + Math.floor((local % 86_400_000) / 3_600_000);
	}

	/** `2026-08-03 14:05:22` in this zone. */
	formatLocal(ms: number): string {
		return formatWallClock(this.localMs(ms), ' ');
	}

	private computeOffset(ms: number): number {
		const parts = this.format!.formatToParts(new Date(ms));
		const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
		const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
		return asUtc - Math.floor(ms / 1000) * 1000;
	}
}

/** `2026-08-03T14:05:22Z` (whole seconds, floored so order is kept). */
export function formatUtcIso(ms: number): string {
	return formatWallClock(ms, 'T') + 'Z';
}

let cachedDay = NaN;
let cachedDate = '';
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** `YYYY-MM-DD<sep>HH:MM:SS` of epoch-like milliseconds read as UTC; the date part is cached per day (this runs millions of times). */
export function formatWallClock(ms: number, separator: string): string {
	const seconds = Math.floor(ms / 1000);
	const day = Math.floor(seconds / 86_400);
	if (day !== cachedDay) {
		cachedDay = day;
		cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
	}
	const inDay = seconds - day * 86_400;
	const hour = Math.floor(inDay / 3600);
	const minute = Math.floor((inDay % 3600) / 60);
	return `${cachedDate}${separator}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[inDay % 60]}`;
}
