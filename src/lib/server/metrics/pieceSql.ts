/**
 * The SQL that cuts level segments into concurrency pieces (exact integer sums per key and bucket), and its rows:
 * shared by the per-request sweep (pieces.ts) and the daily pieces stored at ingest (daily.ts).
 */
import { joinSql, raw, sql, type Sql } from '../db/sql';
import { floorUsSql } from './buckets';

export interface ConcurrencyPiece {
	key: string;
	/** bucket start, epoch ms */
	t: number;
	/** sum of k x held microseconds (exact integer as text) */
	weighted: string;
	/** held microseconds with k > 0 (exact integer as text) */
	held: string;
	top: number;
}

/**
 * Pieces from a relation `cut(key, k, s, e)` (level k > 0 held over [s, e), epoch microseconds): segments inside
 * one bucket count as they are, the few that cross an edge are cut into one piece per bucket first, and one
 * aggregate sums both (two aggregates, one per kind, took ~1.4x as long over 10 M segments).
 * Sums are HUGEINT, as text unless `asText` is false.
 */
export function piecesSql(cut: string, stepUs: number, asText = true): string {
	const held = `least(e, b + ${stepUs}) - greatest(s, b)`;
	const bucketed = `(SELECT *, ${floorUsSql('s', stepUs)} AS b0, ${floorUsSql('e - 1', stepUs)} AS b1 FROM ${cut})`;
	const sum = (v: string) => (asText ? `sum(${v})::VARCHAR` : `sum(${v})`);
	return `SELECT key, make_timestamp(b) AS t, ${sum('w')} AS weighted, ${sum('held')} AS held, max(k) AS top FROM (
			SELECT key, k, b0 AS b, k * (e - s) AS w, e - s AS held FROM ${bucketed} WHERE b0 = b1
			UNION ALL
			SELECT key, k, b, k * (${held}), ${held} FROM (SELECT *, unnest(range(b0, b1 + 1, ${stepUs})) AS b FROM ${bucketed} WHERE b0 <> b1)
		) GROUP BY ALL ORDER BY key, t`;
}

export interface PieceRow extends Record<string, unknown> {
	key: string;
	t: Date;
	weighted: string;
	held: string;
	top: number;
}

export const toPieces = (rows: PieceRow[]): ConcurrencyPiece[] =>
	rows.map((r) => ({ key: r.key, t: r.t.getTime(), weighted: r.weighted, held: r.held, top: r.top }));

const MAX_BOUND_AGENTS = 2000;

/** SQL of a relation (agent_id, key) of the agents' groups: the map as bound values saves a scan of every conversation; a huge roster is looked up again instead. */
export function agentsRelation(datasetId: number, agentKeys: { agent: string; key: string }[], keySql: string): Sql {
	if (agentKeys.length <= MAX_BOUND_AGENTS)
		return sql`VALUES ${joinSql(
			agentKeys.map((a) => sql`(${a.agent}, ${a.key})`),
			', '
		)}`;
	return sql`SELECT agent_id, min(${raw(keySql)}) FROM conversation_facts WHERE dataset_id = ${datasetId} AND agent_id IS NOT NULL AND closed_at > first_response_at GROUP BY agent_id`;
}
