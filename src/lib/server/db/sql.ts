import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** A value that can be bound to a `?` or `$name` parameter. */
export type SqlParam = string | number | bigint | boolean | null | Date;
export type SqlParams = SqlParam[] | Record<string, SqlParam>;

/** Quotes an identifier (a mapped CSV header, a column name) for DuckDB: the only place identifiers enter SQL. */
export function quoteIdent(name: string): string {
	return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes a string literal; only for places DuckDB cannot bind (table-function arguments such as file paths). */
export function quoteLiteral(value: string): string {
	return "'" + value.replaceAll("'", "''") + "'";
}

/** SQL text with its `?` parameters in order: what the `sql` template builds, and what the query functions run. */
export interface Sql {
	readonly text: string;
	readonly params: readonly SqlParam[];
}

class Fragment implements Sql {
	constructor(
		readonly text: string,
		readonly params: readonly SqlParam[]
	) {}
}

/** Whether a value is a fragment (nested as SQL) rather than a parameter. */
const isFragment = (value: unknown): value is Sql => value instanceof Fragment;

/**
 * SQL with its parameters: each interpolated value becomes a `?` bound to it, each nested fragment (another `sql`,
 * `raw`, `joinSql`) is spliced in with its own parameters in place, so texts and parameter lists never drift apart.
 * Values are never written into the text; SQL that comes from our own code (a column expression) goes through `raw`.
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlParam | Sql)[]): Sql {
	let text = strings[0];
	const params: SqlParam[] = [];
	values.forEach((value, i) => {
		if (isFragment(value)) {
			text += value.text;
			params.push(...value.params);
		} else {
			text += '?';
			params.push(value);
		}
		text += strings[i + 1];
	});
	return new Fragment(text, params);
}

/** SQL text written by our code (never user input) as a fragment without parameters. */
export function raw(text: string): Sql {
	return new Fragment(text, []);
}

/** Fragments joined by a separator (`, `, ` AND `), their parameters in the same order. */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
	return new Fragment(
		parts.map((p) => p.text).join(separator),
		parts.flatMap((p) => p.params)
	);
}

/** A list of bound values, `?, ?, ?`: for `IN (...)`. */
export function valuesSql(values: readonly SqlParam[]): Sql {
	return joinSql(
		values.map((v) => sql`${v}`),
		', '
	);
}

function toDuckValue(value: SqlParam): DuckDBValue {
	// Dates bind as ISO text; the SQL casts them where a TIMESTAMP is wanted.
	if (value instanceof Date) return value.toISOString();
	return value as DuckDBValue;
}

function bindable(params: SqlParams | readonly SqlParam[] | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
	if (params === undefined) return undefined;
	if (Array.isArray(params)) return params.map(toDuckValue);
	return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toDuckValue(v)]));
}

/** A row as plain JS: BIGINT → number when safe (else string), TIMESTAMP → Date, DECIMAL → number. */
export type Row = Record<string, unknown>;

function plainValue(value: unknown): unknown {
	if (typeof value === 'bigint') {
		return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
	}
	return value;
}

/** A query as text and parameters: a fragment carries its own. */
function statement(query: string | Sql, params?: SqlParams): [string, ReturnType<typeof bindable>] {
	return isFragment(query) ? [query.text, bindable(query.params)] : [query, bindable(params)];
}

/** Runs a query (text with bound parameters, or a `sql` fragment) and returns its rows as plain objects. */
export async function queryRows<T extends Row = Row>(connection: DuckDBConnection, query: string | Sql, params?: SqlParams): Promise<T[]> {
	const reader = await connection.runAndReadAll(...statement(query, params));
	const rows = reader.getRowObjectsJS() as Row[];
	for (const row of rows) for (const key of Object.keys(row)) row[key] = plainValue(row[key]);
	return rows as T[];
}

/** The first row of a query, or undefined. */
export async function queryOne<T extends Row = Row>(connection: DuckDBConnection, query: string | Sql, params?: SqlParams): Promise<T | undefined> {
	const rows = await queryRows<T>(connection, query, params);
	return rows[0];
}

/** Runs a statement with bound parameters, for its effect. */
export async function execute(connection: DuckDBConnection, query: string | Sql, params?: SqlParams): Promise<void> {
	await connection.run(...statement(query, params));
}

/** Runs `work` inside one transaction: committed whole or rolled back whole. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
	await connection.run('BEGIN TRANSACTION');
	try {
		const result = await work();
		await connection.run('COMMIT');
		return result;
	} catch (error) {
		try {
			await connection.run('ROLLBACK');
		} catch {
			// the transaction may already be aborted; the original error is what matters
		}
		throw error;
	}
}
