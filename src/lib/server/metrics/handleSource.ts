/**
 * Whether a group's cost per conversation is measured or estimated: `cost` prices `handle_s`, which is an
 * export's or the sessionizer's focus time when the data has one and otherwise the attributed agent time
 * (metrics.md), an estimate from assignment windows that counts every idle minute a thread stays assigned.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, raw, sql } from '../db/sql';
import type { FilterSql } from './filters';

/** Per group key: true when most of the group's handled conversations have no handle-time value of their own. */
export async function costEstimatedByGroup(connection: DuckDBConnection, filter: FilterSql, keySql: string): Promise<Record<string, boolean>> {
	const rows = await queryRows<{ key: string; timed: number; handled: number }>(
		connection,
		sql`SELECT ${raw(keySql)} AS key, count(source_handle_s) AS timed, count(handle_s) AS handled FROM conversation_facts WHERE ${filter.where} GROUP BY ALL`
	);
	// a group with no handle time at all prices only its bot cost: nothing estimated
	return Object.fromEntries(rows.map((r) => [r.key, Number(r.handled) > 0 && Number(r.timed) * 2 < Number(r.handled)]));
}
