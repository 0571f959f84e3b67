import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, inTransaction, queryRows } from '../sql';
import type { Migration } from './migration';
import { initial } from './001_initial';
import { derived } from './002_derived';
import { sessions } from './003_sessions';
import { security } from './004_security';
import { oneTable } from './005_one_table';
import { closedVocabularies } from './006_closed_vocabularies';
import { groupSummaries } from './007_group_summaries';
import { concurrencyDaily } from './008_concurrency_daily';
import { defaultDataset } from './009_default_dataset';
import { metricFields } from './010_metric_fields';
import { costAtConcurrency } from './011_cost_at_concurrency';
import { derivePending } from './012_derive_pending';

export type { Migration } from './migration';

/** Every migration, in order. An old database file is carried forward through the ones it lacks; never recreated. */
export const migrations: Migration[] = [
	initial,
	derived,
	sessions,
	security,
	oneTable,
	closedVocabularies,
	groupSummaries,
	concurrencyDaily,
	defaultDataset,
	metricFields,
	costAtConcurrency,
	derivePending
];

export const latestSchemaVersion = migrations[migrations.length - 1].version;

async function appliedVersions(connection: DuckDBConnection): Promise<Set<number>> {
	await execute(connection, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`);
	const rows = await queryRows<{ version: number }>(connection, 'SELECT version FROM schema_migrations');
	return new Set(rows.map((r) => r.version));
}

/** Applies the migrations this database lacks, each in its own transaction. Returns the versions applied. */
export async function migrate(connection: DuckDBConnection, upTo = latestSchemaVersion): Promise<number[]> {
	const applied = await appliedVersions(connection);
	const newest = Math.max(0, ...applied);
	if (newest > latestSchemaVersion) {
		throw new Error(
			`This database was written by a newer Channel Mix (schema ${newest}, this one knows ${latestSchemaVersion}); upgrade the app before opening it.`
		);
	}
	const done: number[] = [];
	for (const migration of migrations) {
		if (applied.has(migration.version) || migration.version > upTo) continue;
		await inTransaction(connection, async () => {
			for (const statement of migration.statements) await execute(connection, statement);
			await execute(connection, `INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)`, [migration.version, migration.name]);
		});
		// DuckDB cannot always replay schema changes from its WAL ("GetDefaultDatabase with no default database set",
		// duckdb#19712): a new file killed during its first import would not open again. Written into the file at once,
		// they are never replayed.
		await execute(connection, 'CHECKPOINT');
		done.push(migration.version);
	}
	return done;
}
