/** What the staging SELECT needs besides the file: each timestamp column's format, the CSAT scale, the zone (shared by the import and its preview). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from '../db/sql';
import type { Settings } from '../../settings/defaults';
import { durationUnitOf, type ResolvedMapping } from './mapping';
import { csatScaleMax } from './normalize';
import type { Sniffed } from './sniff';
import type { CsvSource } from './source';
import type { StageInputs } from './stageConversations';
import { dateOrderFromExtremes, detectTimestampFormat, type DateOrder, type TimestampFormat } from './timestamps';
import { localToUtcSql } from './timezone';

const TIMESTAMP_FIELDS = ['created_at', 'first_response_at', 'closed_at', 'ts'];

/** Decides each timestamp column's format from the sample, checking the whole column when day/month order is unclear. */
async function timestampFormats(
	connection: DuckDBConnection,
	source: CsvSource,
	sniffed: Sniffed,
	mapping: ResolvedMapping,
	dateOrder: DateOrder | undefined
): Promise<Record<string, TimestampFormat[]>> {
	const formats: Record<string, TimestampFormat[]> = {};
	for (const field of TIMESTAMP_FIELDS) {
		const s = mapping.sources[field];
		if (!s || s.kind === 'duration') continue;
		formats[field] = [];
		for (const [k, index] of s.indexes.entries()) {
			if (durationUnitOf(s, k) !== null) {
				formats[field].push({ kind: 'seconds_duration' });
				continue;
			}
			const header = sniffed.headers[index];
			const values = sniffed.sampleRows.map((row) => row[index] ?? '');
			let order = dateOrder;
			if (!order) {
				try {
					detectTimestampFormat(values, header);
				} catch (error) {
					order = (await wholeColumnDateOrder(connection, source, index)) ?? undefined;
					if (!order) throw error;
				}
			}
			formats[field].push(detectTimestampFormat(values, header, order));
		}
	}
	return formats;
}

async function wholeColumnDateOrder(connection: DuckDBConnection, source: CsvSource, index: number): Promise<DateOrder | null> {
	const row = await queryOne<{ a: number | null; b: number | null }>(
		connection,
		`SELECT max(TRY_CAST(regexp_extract(v, '^(\\d{1,2})[/.-]', 1) AS INTEGER)) AS a,
		        max(TRY_CAST(regexp_extract(v, '^\\d{1,2}[/.-](\\d{1,2})[/.-]', 1) AS INTEGER)) AS b
		 FROM (SELECT trim(c${index}) AS v FROM ${source.sql})`
	);
	return dateOrderFromExtremes(row?.a ?? 0, row?.b ?? 0);
}

/** The inputs of stageConversationsSql / stageMessagesSql for a file; a date column of unclear day/month order is a UserError. */
export async function stageInputsFor(
	connection: DuckDBConnection,
	source: CsvSource,
	sniffed: Sniffed,
	mapping: ResolvedMapping,
	settings: Settings,
	timezone: string,
	dateOrder: DateOrder | undefined
): Promise<StageInputs> {
	const formats = await timestampFormats(connection, source, sniffed, mapping, dateOrder);
	const csatIndex = mapping.sources.csat?.indexes[0];
	return {
		sniffed,
		mapping,
		settings,
		timezone,
		formats,
		csatScale: csatScaleMax(csatIndex === undefined ? [] : sniffed.sampleRows.map((r) => r[csatIndex] ?? '')),
		localToUtc: (x) => localToUtcSql(timezone, x)
	};
}
