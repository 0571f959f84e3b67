/**
 * The conversations behind a dashboard view: the dashboard's own filter (metrics/filters.ts buildFilter, so the rows are
 * exactly those the chart counted) narrowed by the clicked slice, as a page of rows or the whole selection as CSV.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { joinSql, queryOne, queryRows, raw, sql, type Sql } from '../db/sql';
import { UserError } from '../errors';
import { buildFilter } from '../metrics/filters';
import { INTERVAL_MS } from '../metrics/buckets';
import { csvCell } from '../reports/csv';
import { printable, rangeProblem, YEARS, type RangeName } from '../../bounds';
import { DRILL_COVERAGE, DRILL_INTERVALS, DRILL_POPULATIONS, type DrillCoverage, type DrillInterval, type DrillPopulation, type DrillSlice } from '../../drill';
import { DRILL_COLUMNS, type DrillRow } from '../../drillColumns';
import type { DashboardScope } from './filters';

/** The rows a page shows unless the address asks for another size. */
export const DEFAULT_PAGE_SIZE = 50;

const POPULATION_SQL: Record<DrillPopulation, string> = {
	sla_missed: 'sla_eligible AND NOT sla_met',
	sla_met: 'sla_met',
	answered: 'first_response_at IS NOT NULL',
	resolved: "status = 'resolved'",
	abandoned: "status = 'abandoned'",
	open: "status = 'open'",
	after_hours: 'after_hours',
	in_hours: 'NOT after_hours',
	bot_involved: 'bot_involved',
	rated: 'csat_satisfied IS NOT NULL',
	repeated: 'repeated AND customer_hash IS NOT NULL',
	with_customer: 'customer_hash IS NOT NULL'
};

/** The stored value of each canonical field (customer_id is stored hashed: the hash is what there is to show). */
const COLUMN_SQL: Record<keyof DrillRow, string> = {
	conversation_id: 'conversation_id',
	created_at: 'created_at',
	first_response_at: 'first_response_at',
	closed_at: 'closed_at',
	status: 'status::VARCHAR',
	channel: 'channel::VARCHAR',
	channel_raw: 'channel_raw',
	mode: 'mode::VARCHAR',
	queue: 'queue',
	agent_id: 'agent_id',
	customer_id: 'customer_hash::VARCHAR',
	handle_s: 'coalesce(source_handle_s, attributed_agent_s)',
	bot_involved: 'bot_involved',
	bot_resolved: 'bot_resolved',
	reopens: 'reopens',
	csat: 'csat_raw',
	priority: 'priority::VARCHAR',
	category: 'category',
	sentiment: 'sentiment',
	messages_in: 'messages_in',
	messages_out: 'messages_out'
};
const SELECT_LIST = DRILL_COLUMNS.map((c) => `${COLUMN_SQL[c.key]} AS ${c.key}`).join(', ');

/** A whole number from the address checked against its range in $lib/bounds; undefined when absent. */
function wholeParam(params: URLSearchParams, key: string, range: RangeName, label: string): number | undefined {
	const raw = params.get(key);
	if (raw === null || raw === '') return undefined;
	const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
	const problem = rangeProblem(range, value, label, raw);
	if (problem) throw new UserError(`${problem.slice(0, -1)} in the address; go back to the chart and click again.`);
	return value;
}

function oneOf<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[], what: string): T | undefined {
	const raw = params.get(key);
	if (raw === null || raw === '') return undefined;
	if (!(allowed as readonly string[]).includes(raw)) throw new UserError(`"${printable(raw)}" is not ${what}; use ${allowed.join(', ')}.`);
	return raw as T;
}

/** The clicked slice in the address; a wrong value is one sentence. */
export function readDrillSlice(params: URLSearchParams): DrillSlice {
	const slice: DrillSlice = {
		mode: oneOf(params, 'mode', ['sync', 'async'] as const, 'a mode'),
		population: oneOf(params, 'population', Object.keys(DRILL_POPULATIONS) as DrillPopulation[], 'a population'),
		coverage: oneOf(params, 'coverage', Object.keys(DRILL_COVERAGE) as DrillCoverage[], 'a coverage outcome')
	};
	const at = params.get('at');
	if (at) {
		const time = Date.parse(at);
		const year = Number.isNaN(time) ? 0 : new Date(time).getUTCFullYear();
		if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || year < YEARS.min || year > YEARS.max)
			throw new UserError(`The interval start "${printable(at)}" in the address is not a time; go back to the chart and click again.`);
		slice.at = new Date(time).toISOString();
		slice.interval = oneOf(params, 'interval', DRILL_INTERVALS, 'an interval') ?? '1d';
	}
	const weekday = wholeParam(params, 'weekday', 'weekday', 'the weekday (0 = Monday to 6 = Sunday)');
	const hour = wholeParam(params, 'hour', 'hourOfDay', 'the hour of the day');
	if ((weekday === undefined) !== (hour === undefined)) throw new UserError('A heatmap cell needs both its weekday and its hour; click the cell again.');
	if (weekday !== undefined && hour !== undefined) Object.assign(slice, { weekday, hour });
	return slice;
}

/** The page and its size from the address (`page`, `size`), bounded in $lib/bounds. */
export function readPaging(params: URLSearchParams): { page: number; size: number } {
	return {
		page: wholeParam(params, 'page', 'drillPage', 'the page number') ?? 1,
		size: wholeParam(params, 'size', 'drillPageSize', 'the rows per page') ?? DEFAULT_PAGE_SIZE
	};
}

/** The dashboard's filter and the slice as one WHERE clause over `conversations`, every value bound. */
export function drillWhere(scope: DashboardScope, slice: DrillSlice): Sql {
	const clauses: Sql[] = [buildFilter(scope.datasetId, scope.query).where];
	if (slice.mode) clauses.push(sql`mode = ${slice.mode}`);
	if (slice.at && slice.interval) {
		const start = Date.parse(slice.at);
		clauses.push(
			sql`created_at >= ${new Date(start)}::TIMESTAMP AND created_at < ${new Date(start + INTERVAL_MS[slice.interval as DrillInterval])}::TIMESTAMP`
		);
	}
	// hour_of_week is local: Monday 00:00 = 0 (as the heatmap counts)
	if (slice.weekday !== undefined && slice.hour !== undefined) clauses.push(sql`hour_of_week = ${slice.weekday * 24 + slice.hour}`);
	if (slice.population) clauses.push(raw(POPULATION_SQL[slice.population]));
	if (slice.coverage) clauses.push(sql`coverage = ${slice.coverage}`);
	return joinSql(clauses, ' AND ');
}

/** JSON-safe row: timestamps as ISO text. */
function plainRow(row: Record<string, unknown>): DrillRow {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? value.toISOString() : value;
	return out as unknown as DrillRow;
}

export interface DrillPage {
	total: number;
	page: number;
	size: number;
	pages: number;
	rows: DrillRow[];
}

/** One page of the selection in arrival order; a page past the end shows the last one. */
export async function drillPage(
	connection: DuckDBConnection,
	scope: DashboardScope,
	slice: DrillSlice,
	paging: { page: number; size: number }
): Promise<DrillPage> {
	const where = drillWhere(scope, slice);
	const total = (await queryOne<{ n: number }>(connection, sql`SELECT count(*) AS n FROM conversations WHERE ${where}`))?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / paging.size));
	const page = Math.min(paging.page, pages);
	const rows = await queryRows(
		connection,
		sql`SELECT ${raw(SELECT_LIST)} FROM conversations WHERE ${where} ORDER BY created_at, conversation_id LIMIT ${paging.size} OFFSET ${(page - 1) * paging.size}`
	);
	return { total, page, size: paging.size, pages, rows: rows.map(plainRow) };
}

/** How many conversations the selection holds (for the export's audit entry). */
export async function drillCount(connection: DuckDBConnection, scope: DashboardScope, slice: DrillSlice): Promise<number> {
	return (await queryOne<{ n: number }>(connection, sql`SELECT count(*) AS n FROM conversations WHERE ${drillWhere(scope, slice)}`))?.n ?? 0;
}

const CSV_PAGE_ROWS = 20_000;
const encoder = new TextEncoder();

/**
 * The whole selection as CSV (BOM, CRLF, formula-looking text escaped), streamed a block at a time so a large one is
 * never one string. Blocks are keyed on (created_at, conversation_id), not OFFSET, so each costs the same.
 */
export function drillCsvStream(connection: DuckDBConnection, scope: DashboardScope, slice: DrillSlice, onDone: () => void): ReadableStream<Uint8Array> {
	const where = drillWhere(scope, slice);
	let after: { created_at: Date; conversation_id: string } | null = null;
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode('\uFEFF' + DRILL_COLUMNS.map((c) => csvCell(c.key)).join(',') + '\r\n'));
				return;
			}
			const keyset = after ? sql` AND (created_at, conversation_id) > (${after.created_at}::TIMESTAMP, ${after.conversation_id})` : raw('');
			const rows = await queryRows(
				connection,
				sql`SELECT ${raw(SELECT_LIST)} FROM conversations WHERE ${where}${keyset} ORDER BY created_at, conversation_id LIMIT ${CSV_PAGE_ROWS}`
			);
			if (rows.length > 0) {
				const last = rows[rows.length - 1];
				after = { created_at: last.created_at as Date, conversation_id: last.conversation_id as string };
				controller.enqueue(encoder.encode(rows.map((r) => DRILL_COLUMNS.map((c) => csvValue(r[c.key])).join(',') + '\r\n').join('')));
			}
			if (rows.length < CSV_PAGE_ROWS) {
				controller.close();
				onDone();
			}
		},
		cancel() {
			onDone();
		}
	});
}

function csvValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'number') return String(value);
	return csvCell(String(value));
}
