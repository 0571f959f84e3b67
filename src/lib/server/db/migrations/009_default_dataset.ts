import type { Migration } from './migration';

/**
 * The dataset an admin or analyst marked as everyone's default (one row at most). Kept by name, so a dataset replaced
 * under the same name stays the default.
 */
export const defaultDataset: Migration = {
	version: 9,
	name: 'default_dataset',
	statements: [
		`CREATE TABLE default_dataset (
			name VARCHAR NOT NULL,
			marked_by VARCHAR,
			marked_at TIMESTAMP NOT NULL
		)`
	]
};
