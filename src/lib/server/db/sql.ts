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

function toDuckValue(value: SqlParam): DuckDBValue {
	// Dates bind as ISO text; the SQL casts them where a TIMESTAMP is wanted.
	if (value instanceof Date) return value.toISOString();
	return value as DuckDBValue;
}

function bindable(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
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

/** Runs a query with bound parameters and returns its rows as plain objects. */
export async function queryRows<T extends Row = Row>(connection: DuckDBConnection, sql: string, params?: SqlParams): Promise<T[]> {
	const reader = await connection.runAndReadAll(sql, bindable(params));
	const rows = reader.getRowObjectsJS() as Row[];
	for (const row of rows) for (const key of Object.keys(row)) row[key] = plainValue(row[key]);
	return rows as T[];
}

/** The first row of a query, or undefined. */
export async function queryOne<T extends Row = Row>(connection: DuckDBConnection, sql: string, params?: SqlParams): Promise<T | undefined> {
	const rows = await queryRows<T>(connection, sql, params);
	return rows[0];
}

/** Runs a statement with bound parameters, for its effect. */
export async function execute(connection: DuckDBConnection, sql: string, params?: SqlParams): Promise<void> {
	await connection.run(sql, bindable(params));
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
