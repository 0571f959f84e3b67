import type { Migration } from './migration';

/**
 * The datasets whose conversations are committed (queryable) but whose stored derived values (calendar, concurrency
 * segments and daily pieces, group concurrency, hourly rollup, whole summary) are not yet: written in the same
 * transaction as the conversations, deleted in the one that stores the rest. A row left by a killed process is derived on open.
 */
export const derivePending: Migration = {
	version: 12,
	name: 'derive_pending',
	statements: [`CREATE TABLE derive_pending (dataset_id INTEGER PRIMARY KEY, since TIMESTAMP NOT NULL)`]
};
