/**
 * The +1/-1 sweep of k_g per group and agent as SQL CTEs over a `windows(key, agent_no, s, e)` CTE the caller defines.
 * Group and agent are packed into one BIGINT and the running sum is ordered by (packed, ts, delta): one integer
 * sort key instead of PARTITION BY key, about 1.6x faster at 10 M rows with the same levels (each agent's deltas sum to zero).
 * Yields `segments(key, ts, next_ts, k)`: every level k > 0 held for a positive time.
 */
export const SEGMENTS_CTES = `keys AS (SELECT key, row_number() OVER (ORDER BY key)::BIGINT AS key_no FROM (SELECT DISTINCT key FROM windows)),
		width AS (SELECT coalesce(max(agent_no), 0)::BIGINT + 1 AS w FROM windows),
		events AS (
			SELECT k.key_no * width.w + agent_no AS ga, s AS ts, 1 AS delta FROM windows JOIN keys k USING (key), width
			UNION ALL SELECT k.key_no * width.w + agent_no, e, -1 FROM windows JOIN keys k USING (key), width
		),
		levels AS (
			SELECT ga, ts, sum(delta) OVER sweep AS k, lead(ts) OVER sweep AS next_ts, lead(ga) OVER sweep AS next_ga
			FROM events WINDOW sweep AS (ORDER BY ga, ts, delta ROWS UNBOUNDED PRECEDING)
		),
		segments AS (
			SELECT k.key, l.ts, l.next_ts, l.k FROM levels l CROSS JOIN width JOIN keys k ON k.key_no = l.ga // width.w
			WHERE l.k > 0 AND l.next_ga = l.ga AND l.next_ts > l.ts
		)`;
