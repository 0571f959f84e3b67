import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import { queryRows } from '../../../src/lib/server/db/sql';
import { writeGenerated } from '../../../src/lib/server/generate/writer';

/**
 * The dataset that must survive everything: three conversations on Monday 3 August 2026 (UTC).
 * By mode (chat and voice are sync, email async):
 *   sync  = a1 (chat, resolved, first reply after 30 s) + a2 (voice, abandoned, no reply): 2 conversations, 1 resolved, 1 abandoned, frt p50 30 s
 *   async = a3 (email, open, first reply after 3600 s): 1 conversation, 1 open, frt p50 3600 s
 */
export const BEFORE_CSV = [
	'conversation_id,created_at,first_response_at,closed_at,status,channel,agent_id',
	'a1,2026-08-03T09:00:00Z,2026-08-03T09:00:30Z,2026-08-03T09:10:00Z,resolved,chat,ag1',
	'a2,2026-08-03T10:00:00Z,,2026-08-03T10:01:00Z,abandoned,voice,',
	'a3,2026-08-03T11:00:00Z,2026-08-03T12:00:00Z,,open,email,ag2'
].join('\n');

export function writeBeforeCsv(folder: string): string {
	const path = join(folder, 'before.csv');
	writeFileSync(path, BEFORE_CSV + '\n');
	return path;
}

/** A simulated conversation CSV large enough that importing it takes seconds. */
export async function writeBigCsv(folder: string, conversations: number): Promise<string> {
	const path = join(folder, 'big.csv');
	await writeGenerated(path, 'conversations', { conversations, seed: 11, start: '2026-08-01', timezone: 'UTC' });
	return path;
}

/** The hand-worked numbers of the "before" dataset, by mode. */
export function expectBeforeNumbers(
	groups: { key: string; conversations: number; resolved: number; abandoned: number; open: number; frt_p50_s: number | null }[]
): void {
	expect(groups.map((g) => [g.key, g.conversations, g.resolved, g.abandoned, g.open, g.frt_p50_s])).toEqual([
		['async', 1, 0, 0, 1, 3600],
		['sync', 2, 1, 1, 0, 30]
	]);
}

export const DATASET_TABLES = [
	'conversations',
	'rejects',
	'conversation_facts',
	'business_calendar',
	'concurrency_segments',
	'hourly_rollup',
	'group_concurrency',
	'group_summaries',
	'concurrency_daily',
	'derive_pending'
];

/** Rows of any dataset table whose dataset is not in `datasets` (left by an import that did not finish). */
export async function orphanRows(connection: DuckDBConnection): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of DATASET_TABLES) {
		const [row] = await queryRows<{ n: number }>(connection, `SELECT count(*) AS n FROM ${table} WHERE dataset_id NOT IN (SELECT dataset_id FROM datasets)`);
		counts[table] = row.n;
	}
	return counts;
}

export const NO_ORPHANS = Object.fromEntries(DATASET_TABLES.map((t) => [t, 0]));
