import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from './sql';

/**
 * DuckDB's buffer limit while a heavy write runs (a large import, a settings change that derives every dataset again):
 * above it DuckDB spills to `<db>.tmp`, so a 10 M-row import stays under 2 GB of RSS (a re-derive without it took 6 GB).
 */
const HEAVY_WRITE_MEMORY_LIMIT = process.env.CHANNEL_MIX_IMPORT_MEMORY ?? '800MB';

/** Lowers the instance's memory limit for a heavy write; returns the restore (the limit is per instance, not per connection). */
export async function boundMemory(connection: DuckDBConnection): Promise<() => Promise<void>> {
	const row = await queryOne<{ limit: string }>(connection, `SELECT current_setting('memory_limit') AS limit`);
	await connection.run(`SET memory_limit = '${HEAVY_WRITE_MEMORY_LIMIT.replaceAll("'", '')}'`);
	return async () => {
		if (row) await connection.run(`SET memory_limit = '${row.limit.replaceAll("'", '')}'`);
	};
}
