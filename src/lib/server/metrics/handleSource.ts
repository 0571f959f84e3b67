/**
 * Whether a group's cost per conversation is measured or estimated: `cost` prices `handle_s`, which is an
 * export's or the sessionizer's focus time when the data has one and otherwise the attributed agent time
 * (metrics.md), an estimate from assignment windows that counts every idle minute a thread stays assigned.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, raw, sql } from '../db/sql';
import type { FilterSql } from './filters';

/** The counts `costIsEstimated` reads, as aggregates over `conversation_facts` (a query that scans the group anyway adds them). */
export const HANDLE_SOURCE_COUNTS_SQL = 'count(source_handle_s) AS timed, count(handle_s) AS handled';

/** True when most of a group's handled conversations have no handle-time value of their own. */
export function costIsEstimated(counts: { timed: number | bigint; handled: number | bigint }): boolean {
	// a group with no handle time at all prices only its bot cost: nothing estimated
	return Number(counts.handled) > 0 && Number(counts.timed) * 2 < Number(counts.handled);
}

/** Per group key: whether its cost per conversation is estimated (`costIsEstimated`). */
export async function costEstimatedByGroup(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<Record<string, boolean>> {
	const rows = await queryRows<{ key: string; timed: number; handled: number }>(
		connection,
		sql`SELECT ${raw(keySql)} AS key, ${raw(HANDLE_SOURCE_COUNTS_SQL)} FROM conversation_facts WHERE ${filter.where} GROUP BY ALL`
	);
	return Object.fromEntries(rows.map((r) => [r.key, costIsEstimated(r)]));
}
