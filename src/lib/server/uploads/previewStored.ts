/**
 * The preview's rows as they will be stored: the import's own staging SELECT (stageConversationsSql / stageMessagesSql)
 * run over the sniffed first rows, so channel and mode are normalised, timestamps parsed in the chosen zone, and each
 * row carries the reason it would be rejected. Nothing is written to the database.
 */
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { workFolder } from '../db/database';
import { queryRows } from '../db/sql';
import { isUserError } from '../errors';
import { readSettings } from '../settings/store';
import type { ResolvedMapping } from '../ingest/mapping';
import type { Sniffed } from '../ingest/sniff';
import { csvSource } from '../ingest/source';
import { stageConversationsSql } from '../ingest/stageConversations';
import { stageMessagesSql } from '../ingest/stageMessages';
import { stageInputsFor } from '../ingest/stageInputs';
import type { DateOrder } from '../ingest/timestamps';

/** The rows checked for failures: enough to see a pattern, few enough to answer at once. */
export const CHECKED_ROWS = 1000;

/** The stored columns the preview shows, per kind, in the order of the table; `from` is the field whose column feeds it. */
const STORED = {
	conversations: [
		['conversation_id', 'conversation_id'],
		['created_at', 'created_at'],
		['first_response_at', 'first_response_at'],
		['closed_at', 'closed_at'],
		['status', 'status'],
		['channel', 'channel'],
		['mode', 'mode'],
		['queue', 'queue'],
		['agent_id', 'agent_id'],
		['source_handle_s', 'handle_s'],
		['bot_involved', 'bot_involved'],
		['bot_resolved', 'bot_resolved'],
		['csat_raw', 'csat'],
		['priority', 'priority'],
		['category', 'category']
	],
	messages: [
		['thread_id', 'thread_id'],
		['ts', 'ts'],
		['role', 'role'],
		['agent_id', 'agent_id'],
		['channel', 'channel'],
		['queue', 'queue']
	]
} as const;

/** Always shown: derived when the file has no column for them. */
const DERIVED = new Set(['status', 'mode', 'channel', 'bot_involved', 'bot_resolved']);

export interface StoredPreview {
	/** canonical field of each column (handle_s for source_handle_s) */
	fields: string[];
	/** per row, one value per field: timestamps as ISO UTC, the rest as stored; and why the row would be rejected */
	rows: { values: (string | number | boolean | null)[]; reason: string | null }[];
	/** per canonical field, the checked rows its column would get rejected */
	failures: Record<string, number>;
	/** channels no synonym knows, stored as "other" (kept, flagged) */
	unknownChannels: number;
	checked: number;
	/** why the file cannot be loaded as mapped, in one sentence; null when it can */
	problem: string | null;
}

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : (v as string | number | boolean | null));

/** "a,b" with every cell quoted: the sample rows as a small file the import's read_csv reads exactly as the upload. */
function sampleCsv(headers: string[], rows: string[][]): string {
	const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
	return [headers, ...rows].map((r) => headers.map((_, i) => cell(r[i] ?? '')).join(',')).join('\n') + '\n';
}

/** Which field a reject reason blames: reasons start with the user's column, "Created = x is not a date and time". */
function blamedField(reason: string, mapping: ResolvedMapping): string | null {
	let best: { field: string; length: number } | null = null;
	for (const [field, source] of Object.entries(mapping.sources)) {
		for (const header of source.headers) {
			if (reason.startsWith(`${header} `) && (!best || header.length > best.length)) best = { field, length: header.length };
		}
	}
	return best?.field ?? null;
}

export async function storedPreview(
	db: Database,
	sniffed: Sniffed,
	mapping: ResolvedMapping,
	choices: { timezone?: string; dateFormat?: DateOrder },
	shownRows: number
): Promise<StoredPreview> {
	const rows = sniffed.sampleRows.slice(0, CHECKED_ROWS);
	const path = join(workFolder(db), `preview-${randomUUID()}.csv`);
	writeFileSync(path, sampleCsv(sniffed.headers, rows));
	const connection = await db.connect();
	try {
		const settings = await readSettings(connection);
		const timezone = choices.timezone ?? settings.timezone;
		const sample: Sniffed = { ...sniffed, delimiter: ',', encoding: 'utf-8', gzip: false, bom: false, sampleRows: rows };
		const source = csvSource(path, sample, randomUUID().replaceAll('-', '').slice(0, 12));
		const inputs = await stageInputsFor(connection, source, sample, mapping, settings, timezone, choices.dateFormat);
		const staged = mapping.kind === 'messages' ? stageMessagesSql(source.sql, inputs) : stageConversationsSql(source.sql, inputs);
		const columns = STORED[mapping.kind].filter(([, field]) => field in mapping.sources || DERIVED.has(field));
		const all = await queryRows(connection, `SELECT ${columns.map(([c]) => c).join(', ')}, reason FROM (${staged})`);
		const failures: Record<string, number> = {};
		for (const row of all) {
			const field = typeof row.reason === 'string' ? blamedField(row.reason, mapping) : null;
			if (field) failures[field] = (failures[field] ?? 0) + 1;
		}
		const unknownChannels =
			mapping.kind === 'conversations' && 'channel' in mapping.sources
				? unknownChannelCount(
						rows,
						mapping,
						all.map((r) => r.channel as string)
					)
				: 0;
		return {
			fields: columns.map(([, field]) => field),
			rows: all.slice(0, shownRows).map((row) => ({ values: columns.map(([c]) => plain(row[c])), reason: (row.reason as string | null) ?? null })),
			failures,
			unknownChannels,
			checked: all.length,
			problem: problemOf(all.length, all, failures, mapping)
		};
	} catch (error) {
		if (!isUserError(error)) throw error;
		return { fields: [], rows: [], failures: {}, unknownChannels: 0, checked: 0, problem: error.message };
	} finally {
		connection.closeSync();
		rmSync(path, { force: true });
	}
}

function unknownChannelCount(rows: string[][], mapping: ResolvedMapping, stored: string[]): number {
	const index = mapping.sources.channel.indexes[0];
	return stored.filter((channel, i) => channel === 'other' && (rows[i]?.[index] ?? '').trim() !== '' && rows[i][index].trim().toLowerCase() !== 'other').length;
}

/** The file stops at the preview when its start times all fail (nothing could load), or when no checked row would load. */
function problemOf(checked: number, all: Record<string, unknown>[], failures: Record<string, number>, mapping: ResolvedMapping): string | null {
	if (checked === 0) return null;
	const start = mapping.kind === 'messages' ? 'ts' : 'created_at';
	const header = mapping.sources[start]?.headers.join(' / ');
	if (header && failures[start] === checked) {
		const example = all.find((r) => typeof r.reason === 'string')?.reason as string;
		return `None of the first ${checked} rows has a time the importer can read in "${header}" (${example}); choose the column that holds when each ${mapping.kind === 'messages' ? 'message was sent' : 'conversation started'}, or the date format.`;
	}
	if (all.every((r) => typeof r.reason === 'string')) {
		return `None of the first ${checked} rows would load (the first: ${all[0].reason as string}); check the columns chosen above.`;
	}
	return null;
}
