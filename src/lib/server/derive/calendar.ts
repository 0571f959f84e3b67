import type { DuckDBConnection } from '@duckdb/node-api';
import { WEEKDAYS, type Settings } from '../../settings/defaults';
import { execute, joinSql, queryOne, raw, sql, type Sql, type SqlParam } from '../db/sql';

/** Minutes since local midnight of "HH:MM" ("24:00" = 1440). */
export function minutesOf(clock: string): number {
	const [h, m] = clock.split(':').map(Number);
	return h * 60 + m;
}

/** The weekly business hours as rows (ISO weekday 1..7, start minute, end minute). */
export function weeklySpans(settings: Settings): [number, number, number][] {
	return WEEKDAYS.flatMap((day, i) => settings.business_hours[day].map(([from, to]) => [i + 1, minutesOf(from), minutesOf(to)] as [number, number, number]));
}

/** A `VALUES` table of rows, with every value bound; an empty list becomes a typed empty table. */
function valuesTable(columns: string[], types: string[], rows: SqlParam[][]): Sql {
	if (rows.length === 0) return raw(`(SELECT ${columns.map((c, i) => `NULL::${types[i]} AS ${c}`).join(', ')} WHERE false)`);
	const tuples = rows.map(
		(row) =>
			sql`(${joinSql(
				row.map((value, i) => sql`${value}::${raw(types[i])}`),
				', '
			)})`
	);
	return sql`(SELECT * FROM (VALUES ${joinSql(tuples, ', ')}) AS v(${raw(columns.join(', '))}))`;
}

/**
 * Builds the rows' cumulative open-seconds calendar (business hours in the time zone,
 * DST-correct through ICU, holidays closed) from two days before the first conversation to
 * 400 days after the last event, so the next opening after any conversation is found: temp table
 * `derive_calendar(boundary_at, is_open, open_s, next_open_at)`. Reads the rows' span from `derive_span`.
 */
export async function buildBusinessCalendar(connection: DuckDBConnection, settings: Settings): Promise<void> {
	const spans = valuesTable(['dow', 'start_min', 'end_min'], ['INTEGER', 'INTEGER', 'INTEGER'], weeklySpans(settings));
	const holidays = valuesTable(
		['d'],
		['DATE'],
		settings.holidays.map((d) => [d])
	);
	await execute(
		connection,
		sql`CREATE OR REPLACE TEMP TABLE derive_calendar AS
		WITH bounds AS (
			SELECT (first_created - INTERVAL 2 DAY)::DATE AS lo, (last_event + INTERVAL 400 DAY)::DATE AS hi FROM derive_span
		),
		days AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 DAY))::DATE AS d FROM bounds WHERE lo IS NOT NULL),
		local_spans AS (
			SELECT d + s.start_min * INTERVAL 1 MINUTE AS ls, d + s.end_min * INTERVAL 1 MINUTE AS le
			FROM days JOIN ${spans} s ON isodow(days.d) = s.dow
			WHERE days.d NOT IN (SELECT d FROM ${holidays} h)
		),
		utc_spans AS (
			SELECT timezone('UTC', timezone(${settings.timezone}, ls)) AS s, timezone('UTC', timezone(${settings.timezone}, le)) AS e FROM local_spans
		),
		flagged AS (
			SELECT s, e, CASE WHEN s <= max(e) OVER (ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts_island
			FROM utc_spans WHERE e > s
		),
		islands AS (SELECT s, e, sum(starts_island) OVER (ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island FROM flagged),
		merged AS (SELECT min(s) AS s, max(e) AS e FROM islands GROUP BY island),
		cumulative AS (
			SELECT s, e, coalesce(sum(date_diff('microsecond', s, e)) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / 1e6 AS before_s,
				lead(s) OVER (ORDER BY s) AS next_s
			FROM merged
		)
		SELECT least(TIMESTAMP '1900-01-01', (SELECT lo FROM bounds)::TIMESTAMP) AS boundary_at, false AS is_open, 0::DOUBLE AS open_s,
			(SELECT min(s) FROM merged) AS next_open_at
		UNION ALL SELECT s, true, before_s, NULL FROM cumulative
		UNION ALL SELECT e, false, before_s + date_diff('microsecond', s, e) / 1e6, next_s FROM cumulative`
	);
}

/** Stores the calendar built by `buildBusinessCalendar` as the dataset's. */
export async function storeBusinessCalendar(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await execute(connection, sql`INSERT INTO business_calendar SELECT ${datasetId}, boundary_at, is_open, open_s, next_open_at FROM derive_calendar`);
}

/** C(t): open seconds from the calendar's start to `at` (a UTC instant), from `derive_calendar`. */
export async function openSecondsAt(connection: DuckDBConnection, at: Date): Promise<number> {
	const row = await queryOne<{ c: number }>(
		connection,
		sql`SELECT open_s + CASE WHEN is_open THEN date_diff('microsecond', boundary_at, ${at}::TIMESTAMP) / 1e6 ELSE 0 END AS c
		FROM derive_calendar WHERE boundary_at <= ${at}::TIMESTAMP ORDER BY boundary_at DESC LIMIT 1`
	);
	return row?.c ?? 0;
}

/** SQL for C(t) given the joined calendar row `k` (an ASOF join on t >= k.boundary_at). */
export function openSecondsSql(k: string, t: string): string {
	return `(${k}.open_s + CASE WHEN ${k}.is_open THEN date_diff('microsecond', ${k}.boundary_at, ${t}) / 1e6 ELSE 0 END)`;
}

/** Above this many minutes (about three years) the per-minute calendar gets too big; the ASOF join takes over. */
const MAX_CALENDAR_MINUTES = 1_600_000;

/** How rows find their calendar row: `join(alias, t, left)` gives the JOIN clause; then `openSecondsSql(alias, t)` is C(t). */
export interface CalendarLookup {
	join: (alias: string, t: string, left?: boolean) => string;
}

/**
 * The calendar's row (`derive_calendar`) at each UTC minute of the rows' span (`derive_span`), as `derive_minutes(boundary_at, is_open, open_s, next_open_at)`
 * with `boundary_at` = the minute: rows then find theirs with a hash join on their minute instead of an ASOF join
 * (which sorts every row: 8 s of CPU at 10 M against 2.6 s). Exact because every boundary falls on a whole minute
 * (business hours are HH:MM, offsets whole minutes), so C is linear or flat within each minute; checked, else ASOF.
 */
export async function calendarLookup(connection: DuckDBConnection): Promise<CalendarLookup> {
	const span = await queryOne<{ minutes: number | null; off_minute: number }>(
		connection,
		`SELECT (SELECT date_diff('minute', first_created, last_answered) FROM derive_span) AS minutes,
			(SELECT count(*) FROM derive_calendar WHERE boundary_at <> date_trunc('minute', boundary_at)) AS off_minute`
	);
	const asof: CalendarLookup = {
		join: (k, t, left) => `ASOF ${left ? 'LEFT ' : ''}JOIN derive_calendar ${k} ON ${t} >= ${k}.boundary_at`
	};
	if (!span || span.minutes === null || span.minutes > MAX_CALENDAR_MINUTES || span.off_minute > 0) return asof;
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_minutes AS
		SELECT g.m AS boundary_at, k.is_open, ${openSecondsSql('k', 'g.m')} AS open_s, k.next_open_at
		FROM (SELECT unnest(generate_series(date_trunc('minute', first_created), date_trunc('minute', last_answered), INTERVAL 1 MINUTE)) AS m FROM derive_span) g
		ASOF JOIN derive_calendar k ON g.m >= k.boundary_at`
	);
	return {
		join: (k, t, left) => `${left ? 'LEFT ' : ''}JOIN derive_minutes ${k} ON ${k}.boundary_at = date_trunc('minute', ${t})`
	};
}
