/** The reject report of a dataset as CSV (line, reason, raw), streamed page by page so a large one is never one string. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/sql';
import { csvCell } from '../reports/csv';

const PAGE_ROWS = 20_000;
const encoder = new TextEncoder();

export function rejectReportLines(rows: { line: number | null; reason: string; raw: string | null }[]): string {
	return rows.map((r) => [csvCell(r.line), csvCell(r.reason), csvCell(r.raw)].join(',') + '\r\n').join('');
}

/** A stream of the CSV: a BOM and header, then every reject in line order (cells that look like formulas are escaped). */
export function rejectReportStream(connection: DuckDBConnection, datasetId: number): ReadableStream<Uint8Array> {
	let offset = 0;
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode('\uFEFFline,reason,raw\r\n'));
				return;
			}
			const rows = await queryRows<{ line: number | null; reason: string; raw: string | null }>(
				connection,
				'SELECT line, reason, raw FROM rejects WHERE dataset_id = ? ORDER BY line NULLS LAST, reason LIMIT ? OFFSET ?',
				[datasetId, PAGE_ROWS, offset]
			);
			offset += rows.length;
			if (rows.length > 0) controller.enqueue(encoder.encode(rejectReportLines(rows)));
			if (rows.length < PAGE_ROWS) controller.close();
		}
	});
}
