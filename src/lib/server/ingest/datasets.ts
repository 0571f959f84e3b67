import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/database';
import { DATASET_NAME, printable } from '../../bounds';
import { exclusiveWrite } from '../db/writeQueue';
import { UserError } from '../errors';
import { execute, inTransaction, queryOne, queryRows } from '../db/sql';
import { deleteDerived } from '../derive/index';
import { DERIVING_SQL } from '../metrics/filters';

export interface DatasetSummary {
	dataset_id: number;
	name: string;
	kind: string;
	preset: string;
	source_file: string | null;
	timezone: string;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	conversations: number;
	flags: Record<string, number>;
	mapping: Record<string, string>;
	uploaded_by: string | null;
	loaded_at: string;
	min_created_at: string | null;
	max_created_at: string | null;
	/** its import committed the rows but the derive (agent time, cost, stored concurrency and rollups) still runs */
	deriving: boolean;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

/** Every dataset, newest first, with its conversation count. */
export async function listDatasets(connection: DuckDBConnection): Promise<DatasetSummary[]> {
	const rows = await queryRows(
		connection,
		`SELECT d.*, (SELECT count(*) FROM conversations c WHERE c.dataset_id = d.dataset_id) AS conversations,
			${DERIVING_SQL} AS deriving
		 FROM datasets d ORDER BY loaded_at DESC, dataset_id DESC`
	);
	return rows.map((row) => ({
		dataset_id: row.dataset_id as number,
		name: row.name as string,
		kind: row.kind as string,
		preset: row.preset as string,
		source_file: (row.source_file as string) ?? null,
		timezone: row.timezone as string,
		rows_read: row.rows_read as number,
		rows_loaded: row.rows_loaded as number,
		rows_rejected: row.rows_rejected as number,
		conversations: row.conversations as number,
		flags: JSON.parse(row.flags as string),
		mapping: JSON.parse(row.mapping as string),
		uploaded_by: (row.uploaded_by as string) ?? null,
		loaded_at: iso(row.loaded_at)!,
		min_created_at: iso(row.min_created_at),
		max_created_at: iso(row.max_created_at),
		deriving: row.deriving === true
	}));
}

export async function findDatasetId(connection: DuckDBConnection, name: string): Promise<number | undefined> {
	const row = await queryOne<{ dataset_id: number }>(connection, 'SELECT dataset_id FROM datasets WHERE name = ?', [name]);
	return row?.dataset_id;
}

/** Removes a dataset's rows everywhere (inside the caller's transaction). */
export async function removeDatasetRows(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await deleteDerived(connection, datasetId);
	await execute(connection, 'DELETE FROM conversations WHERE dataset_id = ?', [datasetId]);
	await execute(connection, 'DELETE FROM rejects WHERE dataset_id = ?', [datasetId]);
	await execute(connection, 'DELETE FROM datasets WHERE dataset_id = ?', [datasetId]);
}

/** Deletes a dataset by name, atomically, on a connection of its own (a transaction on the shared one would sweep up other requests' writes). */
export function deleteDataset(db: Database, name: string): Promise<void> {
	return exclusiveWrite(() => deleteNow(db, name));
}

async function deleteNow(db: Database, name: string): Promise<void> {
	const connection = await db.connect();
	try {
		const id = await findDatasetId(connection, name);
		if (id === undefined) {
			const names = (await queryRows<{ name: string }>(connection, 'SELECT name FROM datasets ORDER BY name')).map((r) => r.name);
			throw new UserError(`There is no dataset "${printable(name)}"; the datasets are ${names.length ? names.join(', ') : '(none)'}.`);
		}
		await inTransaction(connection, () => removeDatasetRows(connection, id));
	} finally {
		connection.closeSync();
	}
}

/** The rejected rows of a dataset, for the downloadable report. */
export async function datasetRejects(connection: DuckDBConnection, datasetId: number): Promise<{ line: number | null; reason: string; raw: string | null }[]> {
	return queryRows(connection, 'SELECT line, reason, raw FROM rejects WHERE dataset_id = ? ORDER BY line NULLS LAST', [datasetId]);
}

/** A dataset name from a file name: "Tickets Export (3).csv.gz" → "tickets-export-3". */
export function datasetNameFromFile(fileName: string): string {
	const base = fileName
		.replace(/^.*[\\/]/, '')
		.replace(/\.gz$/i, '')
		.replace(/\.(csv|tsv|txt)$/i, '');
	const slug = base
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, DATASET_NAME.maxLength)
		.replace(/-+$/, '');
	return slug || 'dataset';
}
