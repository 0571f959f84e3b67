/**
 * SQL of a relation (hour, shift): for each whole UTC hour from `from` to `to` (SQL expressions), the interval
 * that turns a UTC time in that hour into local wall-clock time in the zone bound to the first `?`.
 * DST-correct through ICU once per hour, so rows need only a join on their hour, never ICU per row.
 */
export function localShiftByHourSql(from: string, to: string): string {
	return `SELECT h AS hour, timezone(?, timezone('UTC', h)) - h AS shift FROM generate_series(${from}, ${to}, INTERVAL 1 HOUR) AS g(h)`;
}
