import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne } from '../db/sql';
import { exclusiveWrite } from '../db/writeQueue';
import { UserError } from '../errors';
import { findDataset } from '../metrics/filters';
import { printable } from '../../bounds';

/** Which dataset everyone opens without choosing one, and whether someone marked it or it is the largest. */
export interface DefaultDataset {
	name: string;
	marked: boolean;
}

export async function currentDefault(connection: DuckDBConnection): Promise<DefaultDataset | null> {
	const dataset = await findDataset(connection);
	if (!dataset) return null;
	const mark = await queryOne<{ name: string }>(connection, 'SELECT name FROM default_dataset WHERE name = ?', [dataset.name]);
	return { name: dataset.name, marked: mark !== undefined };
}

/** Marks a dataset as everyone's default (replacing the previous mark). */
export function markDefaultDataset(connection: DuckDBConnection, name: string, markedBy: string): Promise<void> {
	// serialised with imports and deletes, so the mark never names a dataset being removed at that moment
	return exclusiveWrite(async () => {
		if (!(await findDataset(connection, name))) throw new UserError(`There is no dataset "${printable(name)}" to make the default; pick one from the list.`);
		await execute(connection, 'DELETE FROM default_dataset');
		await execute(connection, 'INSERT INTO default_dataset VALUES (?, ?, now()::TIMESTAMP)', [name, markedBy]);
	});
}
