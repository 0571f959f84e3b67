import { tzOffset } from '@date-fns/tz';

/** A span of local wall-clock time with one UTC offset; `offsetSeconds: null` marks a DST gap (times that do not exist). */
interface LocalSpan {
	startLocalUs: bigint;
	offsetSeconds: number | null;
}

const DAY_MS = 86_400_000;
const FIRST_YEAR = 1990;
const LAST_YEAR = 2060;

function offsetSecondsAt(zone: string, utcMs: number): number {
	return tzOffset(zone, new Date(utcMs)) * 60;
}

/** The UTC instants (ms) at which the zone's offset changes between FIRST_YEAR and LAST_YEAR. */
function transitions(zone: string): { atMs: number; before: number; after: number }[] {
	const found: { atMs: number; before: number; after: number }[] = [];
	const end = Date.UTC(LAST_YEAR, 0, 1);
	let t = Date.UTC(FIRST_YEAR, 0, 1);
	let previous = offsetSecondsAt(zone, t);
	for (; t < end; t += DAY_MS) {
		const next = offsetSecondsAt(zone, t + DAY_MS);
		if (next === previous) continue;
		let lo = t;
		let hi = t + DAY_MS;
		while (hi - lo > 1) {
			const mid = Math.floor((lo + hi) / 2);
			if (offsetSecondsAt(zone, mid) === previous) lo = mid;
			else hi = mid;
		}
		found.push({ atMs: hi, before: previous, after: next });
		previous = next;
	}
	return found;
}

/** Local wall-clock spans: a gap when clocks jump forward; on fall-back the first occurrence keeps the old offset. */
function localSpans(zone: string): LocalSpan[] {
	const us = (ms: number) => BigInt(ms) * 1000n;
	const spans: LocalSpan[] = [{ startLocalUs: -(2n ** 62n), offsetSeconds: offsetSecondsAt(zone, Date.UTC(FIRST_YEAR, 0, 1)) }];
	for (const { atMs, before, after } of transitions(zone)) {
		const oldEndsLocal = atMs + before * 1000;
		if (after > before) {
			spans.push({ startLocalUs: us(oldEndsLocal), offsetSeconds: null });
			spans.push({ startLocalUs: us(atMs + after * 1000), offsetSeconds: after });
		} else {
			spans.push({ startLocalUs: us(oldEndsLocal), offsetSeconds: after });
		}
	}
	return spans;
}

function caseTree(spans: LocalSpan[], lo: number, hi: number, localUs: string): string {
	if (lo === hi) {
		const offset = spans[lo].offsetSeconds;
		return offset === null ? 'NULL' : String(BigInt(offset) * 1_000_000n);
	}
	const mid = (lo + hi + 1) >> 1;
	return `CASE WHEN ${localUs} < ${spans[mid].startLocalUs} THEN ${caseTree(spans, lo, mid - 1, localUs)} ELSE ${caseTree(spans, mid, hi, localUs)} END`;
}

const cache = new Map<string, string>();

/**
 * SQL for a DuckDB macro body turning a local wall-clock TIMESTAMP `x` in `zone` into UTC:
 * NULL when the local time does not exist (DST gap); the first occurrence when it is ambiguous.
 * Built as a binary CASE over the zone's transitions: pure integer arithmetic, no ICU per row.
 */
export function localToUtcSql(zone: string, x = 'x'): string {
	const key = `${zone}\u0000${x}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const spans = localSpans(zone);
	const localUs = `epoch_us(${x})`;
	const sql = spans.length === 1 && spans[0].offsetSeconds === 0 ? x : `make_timestamp(${localUs} - (${caseTree(spans, 0, spans.length - 1, localUs)}))`;
	cache.set(key, sql);
	return sql;
}

export function isValidTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
