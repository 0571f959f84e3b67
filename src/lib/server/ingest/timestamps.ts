import { UserError } from '../errors';

/** How one column writes its times, decided from its values. */
export type TimestampFormat =
	| { kind: 'iso'; offsets: 'none' | 'all' | 'mixed' }
	| { kind: 'dmy' }
	| { kind: 'mdy' }
	| { kind: 'epoch_s' }
	| { kind: 'epoch_ms' }
	| { kind: 'seconds_duration' };

export type DateOrder = 'dmy' | 'mdy';

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Decides a column's format from sample values; asks for the date order when day/month order cannot be told. */
export function detectTimestampFormat(values: string[], column: string, dateOrder?: DateOrder): TimestampFormat {
	const present = values.map((v) => v.trim()).filter((v) => v !== '');
	if (present.length === 0) return { kind: 'iso', offsets: 'none' };
	let iso = 0;
	let withOffset = 0;
	let slashed = 0;
	let firstOver12 = false;
	let secondOver12 = false;
	let epochS = 0;
	let epochMs = 0;
	let smallNumbers = 0;
	for (const value of present) {
		const isoMatch = ISO.exec(value);
		if (isoMatch) {
			iso++;
			if (isoMatch[1]) withOffset++;
			continue;
		}
		const slash = SLASHED.exec(value);
		if (slash) {
			slashed++;
			if (Number(slash[1]) > 12) firstOver12 = true;
			if (Number(slash[2]) > 12) secondOver12 = true;
			continue;
		}
		if (NUMBER.test(value)) {
			const n = Number(value);
			if (n >= 1e11 && n < 1e14) epochMs++;
			else if (n >= 1e8 && n < 1e11) epochS++;
			else smallNumbers++;
		}
	}
	const best = Math.max(iso, slashed, epochS, epochMs, smallNumbers);
	if (best === 0) return { kind: 'iso', offsets: 'none' };
	if (best === iso) return { kind: 'iso', offsets: withOffset === 0 ? 'none' : withOffset === iso ? 'all' : 'mixed' };
	if (best === slashed) {
		if (dateOrder) return { kind: dateOrder };
		if (firstOver12 && !secondOver12) return { kind: 'dmy' };
		if (secondOver12 && !firstOver12) return { kind: 'mdy' };
		throw new UserError(
			`The dates in column "${column}" could be day/month or month/day (for example ${present.find((v) => SLASHED.test(v))}); choose the date order (day/month or month/day) and import again.`
		);
	}
	if (best === epochMs) return { kind: 'epoch_ms' };
	if (best === epochS) return { kind: 'epoch_s' };
	return { kind: 'seconds_duration' };
}

/** Finds day/month order from the slashed values of a whole column, when the sample alone could not. */
export function dateOrderFromExtremes(maxFirst: number, maxSecond: number): DateOrder | null {
	if (maxFirst > 12 && maxSecond <= 12) return 'dmy';
	if (maxSecond > 12 && maxFirst <= 12) return 'mdy';
	return null;
}

const TIME_SUFFIXES = [' %H:%M:%S', ' %H:%M', '', ' %I:%M:%S %p', ' %I:%M %p', 'T%H:%M:%S', ', %H:%M:%S', ', %H:%M'];

function strptimeFormats(order: DateOrder): string {
	const dates = order === 'dmy' ? ['%d/%m/%Y', '%d.%m.%Y', '%d-%m-%Y'] : ['%m/%d/%Y', '%m.%d.%Y', '%m-%d-%Y'];
	const formats = dates.flatMap((d) => TIME_SUFFIXES.map((t) => `'${d}${t}'`));
	return `[${formats.join(', ')}]`;
}

/** An offset after the time part ("…14:05:22+02:00", "…14:05 UTC"); a date alone ("2026-03-01") has none. */
const HAS_OFFSET = (v: string) => `regexp_matches(${v}, '\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*([+-]\\d\\d(:?\\d\\d)?|UTC|GMT)$')`;

/**
 * SQL turning the text `v` into a UTC TIMESTAMP, in up to three steps so each part is computed once per row:
 * `flag` (ISO only: 1 = ends in Z, 2 = another offset, 0 = local time), then `parsedLocal(flag)` (NULL when
 * unparsable), then `utc(flag, local)` from that column (NULL in a DST gap). `localToUtc(x)` converts a
 * wall-clock time in the dataset's zone.
 */
export interface TimestampSql {
	flag: string | null;
	parsedLocal: (flag: string) => string;
	utc: (flag: string, local: string) => string;
}

export function timestampSql(v: string, format: TimestampFormat, localToUtc: (x: string) => string): TimestampSql {
	switch (format.kind) {
		case 'epoch_s':
		case 'epoch_ms': {
			const scale = format.kind === 'epoch_s' ? 1_000_000 : 1_000;
			return { flag: null, parsedLocal: () => `make_timestamp(CAST(round(TRY_CAST(${v} AS DOUBLE) * ${scale}) AS BIGINT))`, utc: (_, local) => local };
		}
		case 'dmy':
		case 'mdy':
			return { flag: null, parsedLocal: () => `TRY_STRPTIME(${v}, ${strptimeFormats(format.kind)})`, utc: (_, local) => localToUtc(local) };
		case 'seconds_duration':
			return { flag: null, parsedLocal: () => 'NULL::TIMESTAMP', utc: () => 'NULL::TIMESTAMP' };
		case 'iso': {
			const identity = localToUtc('x') === 'x';
			return {
				// decided per row, whatever the sample showed: a later "+02:00" or "Z" must never be read as local time;
				// CASE tries the cheap Z test first, so the regular expression runs only on rows without it
				flag: `CASE WHEN right(${v}, 1) IN ('Z', 'z') THEN 1 WHEN ${HAS_OFFSET(v)} THEN 2 ELSE 0 END`,
				// a trailing Z needs no time-zone arithmetic (the TIMESTAMP cast reads it as UTC); other offsets through the instant, without ICU
				parsedLocal: (flag) => `CASE WHEN ${flag} = 2 THEN make_timestamp(epoch_us(TRY_CAST(${v} AS TIMESTAMPTZ))) ELSE TRY_CAST(${v} AS TIMESTAMP) END`,
				utc: (flag, local) => (identity ? local : `CASE WHEN ${flag} > 0 THEN ${local} ELSE ${localToUtc(local)} END`)
			};
		}
	}
}
