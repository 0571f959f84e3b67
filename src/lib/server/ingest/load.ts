import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne, queryRows, quoteIdent } from '../db/sql';
import { CANONICAL_COLUMNS } from '../derive/facts';
import type { Kind } from './fields';
import { LONG_ROW_REASON, structuralReasonSql, type CsvSource } from './source';

export interface LoadCounts {
	read: number;
	loaded: number;
	rejected: number;
	conversations: number;
	/** the first 100, by line */
	rejects: { line: number | null; reason: string }[];
}

interface LoadPlan {
	datasetId: number;
	tag: string;
	/** the attached scratch database to stage in (`ingest/scratch.ts`), or null for a temp table */
	scratch: string | null;
	stageSql: string;
	source: CsvSource;
	kind: Kind;
	salt: string;
	sessionize: (stagedTable: string) => string;
	/** a broken record's text as the reject report keeps it (mask.ts) */
	maskBrokenLine: (line: string) => string;
}

/** A customer id as stored: the first 128 bits of its salted SHA-256, never the id itself (data.md); a UUID holds them in 16 bytes. */
const hashCustomer = (raw: string) => `CASE WHEN ${raw} IS NULL THEN NULL ELSE left(sha256($salt || ${raw}), 32)::UUID END`;

const q = quoteIdent;
/** The import's tables and views, quoted: all connection-local but the staged rows when they go to a scratch database. */
const tables = ({ tag, scratch }: Pick<LoadPlan, 'tag' | 'scratch'>) => ({
	staged: scratch ? `${q(scratch)}.staged` : q(`cm_staged_${tag}`),
	lines: q(`cm_lines_${tag}`),
	shift: q(`cm_shift_${tag}`),
	withLines: q(`cm_staged_lines_${tag}`),
	dups: q(`cm_dups_${tag}`),
	kept: q(`cm_kept_${tag}`)
});

/**
 * Reads the file once into a staging table (typed values and a reject reason per row, each with its line number):
 * a temp table, or a table of the import's scratch database. Runs before the import's transaction: it writes nothing the database keeps.
 */
export async function stageFile(
	connection: DuckDBConnection,
	plan: Omit<LoadPlan, 'datasetId'>,
	longRows: Promise<number[]>
): Promise<{ brokenCount: number }> {
	const { staged, lines, shift, withLines } = tables(plan);
	// ordinals come from rowids in file order; a derive cut short by an error may have left the order off (a global setting)
	await execute(connection, 'SET preserve_insertion_order = true');
	// a scratch database's table is compressed as it is written; a temp table past the memory limit spills uncompressed
	const create = plan.scratch ? 'CREATE TABLE' : 'CREATE TEMP TABLE';
	if (plan.kind === 'conversations') {
		// hashed once here: the derive reads the kept rows several times
		await execute(
			connection,
			`${create} ${staged} AS SELECT * EXCLUDE (customer_raw), ${hashCustomer('customer_raw')} AS customer_hash FROM (${plan.stageSql})`,
			{ salt: plan.salt }
		);
	} else {
		await execute(connection, `${create} ${staged} AS ${plan.stageSql}`);
	}

	// Structurally broken records never reach the staging table; DuckDB lists them with their record number.
	await execute(
		connection,
		`CREATE TEMP TABLE ${lines} AS
		 SELECT line, first(${plan.maskBrokenLine('csv_line')}) AS raw, first(${structuralReasonSql('error_type', 'error_message')}) AS reason
		 FROM ${q(plan.source.rejectsTable)} GROUP BY line`
	);
	// rows past the line size DuckDB may drop without a reject (longRows.ts): each is a broken record, kept once
	for (const line of await longRows) {
		await execute(connection, `INSERT INTO ${lines} SELECT $line, NULL, $reason WHERE NOT EXISTS (SELECT 1 FROM ${lines} WHERE line = $line)`, {
			line,
			reason: LONG_ROW_REASON
		});
	}
	// A staged row's line: its ordinal + 1 (header) + the broken records before it (an ASOF on the shifted ordinals).
	await execute(
		connection,
		`CREATE TEMP TABLE ${shift} AS SELECT max(j) AS before, b FROM (
			SELECT row_number() OVER (ORDER BY line) AS j, line - 1 - row_number() OVER (ORDER BY line) AS b FROM ${lines}
		 ) GROUP BY b`
	);
	const brokenCount = (await queryOne<{ n: number }>(connection, `SELECT count(*) AS n FROM ${lines}`))!.n;
	// rowids of a table are consecutive in insertion order, but start from a large base inside a transaction
	const base = (await queryOne<{ base: bigint | number | string | null }>(connection, `SELECT min(rowid) AS base FROM ${staged}`))!.base ?? 0;
	const ordinal = `(s.rowid - ${BigInt(base)} + 1)`;
	const lineExpr = brokenCount === 0 ? `${ordinal} + 1` : `${ordinal} + 1 + coalesce(sh.before, 0)`;
	const shiftJoin = brokenCount === 0 ? '' : `ASOF LEFT JOIN ${shift} sh ON ${ordinal} > sh.b`;
	await execute(connection, `CREATE TEMP VIEW ${withLines} AS SELECT s.*, ${ordinal} AS ordinal, ${lineExpr} AS line FROM ${staged} s ${shiftJoin}`);
	return { brokenCount };
}

/** Drops the staging tables of an import, whatever its outcome. */
export async function dropStaging(connection: DuckDBConnection, plan: Pick<LoadPlan, 'tag' | 'scratch' | 'source' | 'kind'>): Promise<void> {
	const { staged, lines, shift, withLines, dups, kept } = tables(plan);
	await execute(connection, `DROP ${plan.kind === 'conversations' ? 'VIEW' : 'TABLE'} IF EXISTS ${kept}`);
	await execute(connection, `DROP VIEW IF EXISTS ${withLines}`);
	for (const table of [staged, lines, shift, dups, q(plan.source.rejectsTable), q(plan.source.rejectsScanTable)]) {
		await execute(connection, `DROP TABLE IF EXISTS ${table}`);
	}
}

/** A staged conversation row has every canonical column under its own name but the line, which is its `line`. */
const KEPT_CONVERSATION_COLUMNS = CANONICAL_COLUMNS.filter((c) => c !== 'source_line').join(', ');

/** What a sessionized conversation gives for the canonical columns message logs do not have, and its hashed customer. */
const SESSIONIZED_VALUES: Partial<Record<(typeof CANONICAL_COLUMNS)[number], string>> = {
	customer_hash: hashCustomer('customer_raw'),
	reopens: 'NULL::INTEGER',
	csat_raw: 'NULL::VARCHAR',
	csat_satisfied: 'NULL::BOOLEAN',
	priority: 'NULL::VARCHAR',
	category: 'NULL::VARCHAR',
	sentiment: 'NULL::DOUBLE'
};
const SESSIONIZED_COLUMNS = CANONICAL_COLUMNS.map((c) => (SESSIONIZED_VALUES[c] ? `${SESSIONIZED_VALUES[c]} AS ${c}` : c)).join(', ');

/**
 * The relation of kept rows (canonical columns and a unique `rid`), to be derived and written as the dataset's
 * conversations: conversation rows minus rejects and repeated ids (a view), or message rows sessionized (a table).
 * Writes nothing the database keeps: call it before the import's transaction, so the derive scans it on every thread.
 */
export async function keptRelation(connection: DuckDBConnection, plan: Omit<LoadPlan, 'datasetId'>): Promise<string> {
	const { withLines, dups, kept } = tables(plan);
	if (plan.kind === 'conversations') {
		await execute(
			connection,
			`CREATE TEMP TABLE ${dups} AS SELECT conversation_id, min(line) AS first_line FROM ${withLines}
			 WHERE reason IS NULL GROUP BY conversation_id HAVING count(*) > 1`
		);
		const dupCount = (await queryOne<{ n: number }>(connection, `SELECT count(*) AS n FROM ${dups}`))!.n;
		// the anti-join only when some id repeats: most files have none
		const withoutRepeats =
			dupCount === 0 ? `${withLines} s` : `${withLines} s ANTI JOIN ${dups} d ON s.conversation_id = d.conversation_id AND s.line > d.first_line`;
		await execute(
			connection,
			`CREATE TEMP VIEW ${kept} AS SELECT s.ordinal AS rid, ${KEPT_CONVERSATION_COLUMNS}, s.line AS source_line FROM ${withoutRepeats} WHERE s.reason IS NULL`
		);
	} else {
		await execute(
			connection,
			`CREATE TEMP TABLE ${kept} AS
			 SELECT row_number() OVER () AS rid, ${SESSIONIZED_COLUMNS} FROM (${plan.sessionize(withLines)})`,
			{ salt: plan.salt }
		);
	}
	return kept;
}

/**
 * Files the rejects (broken records, rows with a reason, repeated conversation ids) and writes the kept rows
 * (`keptRelation`) as the dataset's conversations with their derived values (`writeDerived`). Runs inside the import's transaction.
 */
export async function loadRows(
	connection: DuckDBConnection,
	plan: LoadPlan,
	brokenCount: number,
	writeDerived: (rows: string) => Promise<void>
): Promise<LoadCounts> {
	const { staged, lines, withLines, dups, kept } = tables(plan);

	await execute(connection, `INSERT INTO rejects SELECT $id, line, reason, raw FROM ${lines}`, { id: plan.datasetId });
	await execute(connection, `INSERT INTO rejects SELECT $id, line, reason, raw_line FROM ${withLines} WHERE reason IS NOT NULL`, {
		id: plan.datasetId
	});
	if (plan.kind === 'conversations') {
		await execute(
			connection,
			`INSERT INTO rejects SELECT $id, s.line, 'conversation_id "' || left(s.conversation_id, 60) || '" repeats (the first, on line ' || d.first_line || ', is kept)',
			        concat_ws(' ', 'conversation_id=' || s.conversation_id, 'created_at=' || strftime(s.created_at, '%Y-%m-%dT%H:%M:%SZ'), 'channel=' || s.channel_raw, 'agent_id=' || s.agent_id)
			 FROM ${withLines} s JOIN ${dups} d USING (conversation_id) WHERE s.reason IS NULL AND s.line > d.first_line`,
			{ id: plan.datasetId }
		);
	}
	await writeDerived(kept);

	const totals = (await queryOne<{ staged: number; kept: number; rejected: number; conversations: number }>(
		connection,
		`SELECT (SELECT count(*) FROM ${staged}) AS staged,
		        (SELECT count(*) FROM ${staged} WHERE reason IS NULL) AS kept,
		        (SELECT count(*) FROM rejects WHERE dataset_id = $id) AS rejected,
		        (SELECT count(*) FROM conversations WHERE dataset_id = $id) AS conversations`,
		{ id: plan.datasetId }
	))!;
	const rejects = await queryRows<{ line: number | null; reason: string }>(
		connection,
		'SELECT line, reason FROM rejects WHERE dataset_id = ? ORDER BY line NULLS LAST LIMIT 100',
		[plan.datasetId]
	);
	const read = totals.staged + brokenCount;
	const loaded = plan.kind === 'conversations' ? totals.conversations : totals.kept;
	return { read, loaded, rejected: totals.rejected, conversations: totals.conversations, rejects };
}

/** Kept values worth a second look (data.md "A value is flagged"): future times, durations over a year, unknown channels; `rows` = `keptRelation`. */
export async function countFlags(connection: DuckDBConnection, rows: string, hasChannel: boolean): Promise<Record<string, number>> {
	const row = (await queryOne<Record<string, number>>(
		connection,
		`SELECT
			count(*) FILTER (WHERE greatest(created_at, first_response_at, closed_at) > now()::TIMESTAMP + INTERVAL 5 MINUTE) AS future_timestamp,
			count(*) FILTER (WHERE closed_at - created_at > INTERVAL 365 DAY OR first_response_at - created_at > INTERVAL 365 DAY OR source_handle_s > 365 * 86400) AS duration_over_365_days,
			count(*) FILTER (WHERE ${hasChannel ? "channel = 'other' AND channel_raw IS NOT NULL AND lower(channel_raw) <> 'other'" : 'false'}) AS unknown_channel
		 FROM ${rows}`
	))!;
	return Object.fromEntries(Object.entries(row).filter(([, n]) => n > 0));
}

/**
 * The import note for first responses read from a rounded duration column (whole minutes, hours with two decimals) that lay
 * after the close by less than the rounding and were moved back to it (stageConversations.ts); none when there were none.
 */
export async function movedFirstResponsesNotes(connection: DuckDBConnection, plan: Pick<LoadPlan, 'tag' | 'scratch'>, headers: string[]): Promise<string[]> {
	const row = (await queryOne<{ n: number; max_s: number | null }>(
		connection,
		`SELECT count(*) AS n, max(first_response_moved_s) AS max_s FROM ${tables(plan).staged} WHERE reason IS NULL AND first_response_moved_s IS NOT NULL`
	))!;
	if (row.n === 0) return [];
	const columns = headers.map((h) => `"${h}"`).join(' or ');
	return [
		`${row.n.toLocaleString('en-US')} first ${row.n === 1 ? 'response' : 'responses'} from the rounded column ${columns} ${row.n === 1 ? 'was' : 'were'} moved back to the close, by at most ${Math.round(row.max_s ?? 0)} s.`
	];
}
