import { quoteIdent, quoteLiteral } from '../db/sql';
import { maskedValueSql } from './mask';
import type { Sniffed } from './sniff';

/** The name our read_csv gives the column at `index` (headers are never used as SQL names). */
export const columnName = (index: number) => `c${index}`;

/** The text of a column, NULL when empty. Not trimmed (trim costs ~0.1 s per column per million rows): casts skip spaces, labels trim. */
export const rawValue = (index: number) => `nullif(${quoteIdent(columnName(index))}, '')`;

/** The longest row read: DuckDB needs a buffer larger than a row, and its 64 MB buffer keeps a 10 M-row import within memory. */
export const MAX_ROW_BYTES = 32 * 1024 ** 2;
const READ_BUFFER_BYTES = 2 * MAX_ROW_BYTES;
export const LONG_ROW_REASON = `the row is longer than the ${MAX_ROW_BYTES / 1024 ** 2} MB a row may have`;

export interface CsvSource {
	/** a read_csv(...) table expression */
	sql: string;
	/** the name of the table DuckDB fills with structurally broken rows */
	rejectsTable: string;
	rejectsScanTable: string;
}

/**
 * read_csv of a plain UTF-8 file (gzip and other encodings are copied to one first, transcode.ts) with everything decided (no auto-detection): every column VARCHAR, broken rows
 * (wrong column count, bad quoting, bad UTF-8) go to a rejects table with their line and text.
 * buffer_size is set because DuckDB's default (16 x max_line_size = 512 MB per buffer) ran a 10 M-row import out of memory.
 */
export function csvSource(path: string, sniffed: Sniffed, tag: string): CsvSource {
	const columns = sniffed.headers.map((_, i) => `${quoteLiteral(columnName(i))}: 'VARCHAR'`).join(', ');
	const rejectsTable = `cm_rejects_${tag}`;
	const rejectsScanTable = `cm_rejects_scan_${tag}`;
	const sql = `read_csv(${quoteLiteral(path)},
		header = true, auto_detect = false, columns = {${columns}},
		delim = ${quoteLiteral(sniffed.delimiter)}, quote = '"', escape = '"',
		compression = 'none', encoding = 'utf-8',
		strict_mode = true, null_padding = false, max_line_size = ${MAX_ROW_BYTES}, buffer_size = ${READ_BUFFER_BYTES},
		store_rejects = true, rejects_table = ${quoteLiteral(rejectsTable)}, rejects_scan = ${quoteLiteral(rejectsScanTable)})`;
	return { sql, rejectsTable, rejectsScanTable };
}

/** The whole row as text, for the reject report: fields masked (mask.ts), joined with the delimiter, quoted where needed. */
export function rawLineSql(sniffed: Sniffed, masked: Set<number>): string {
	const delimiter = quoteLiteral(sniffed.delimiter);
	const fields = sniffed.headers.map((_, i) => {
		const c = maskedValueSql(quoteIdent(columnName(i)), i, masked);
		return `CASE WHEN ${c} IS NULL THEN '' WHEN contains(${c}, ${delimiter}) OR contains(${c}, '"') OR contains(${c}, chr(10)) THEN '"' || replace(${c}, '"', '""') || '"' ELSE ${c} END`;
	});
	return `array_to_string([${fields.join(', ')}], ${delimiter})`;
}

/** What DuckDB's error types mean, in words. */
export function structuralReasonSql(errorType: string, message: string): string {
	return `CASE ${errorType}
		WHEN 'TOO MANY COLUMNS' THEN 'the row has more columns than the header (' || ${message} || ')'
		WHEN 'MISSING COLUMNS' THEN 'the row has fewer columns than the header (' || ${message} || ')'
		WHEN 'UNQUOTED VALUE' THEN 'the row has a quote that is not closed or a stray quote'
		WHEN 'INVALID ENCODING' THEN 'the row has bytes that are not valid text in the file''s encoding'
		WHEN 'LINE SIZE OVER MAXIMUM' THEN ${quoteLiteral(LONG_ROW_REASON)}
		ELSE lower(${errorType}) || ': ' || ${message} END`;
}
