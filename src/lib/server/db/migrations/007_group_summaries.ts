import type { Migration } from './migration';

/**
 * The whole dataset's per-group summary (counts, percentiles, shares) by the default grouping, written at ingest:
 * the first page or `metrics` call over all of a dataset then reads it instead of scanning every row for the percentiles.
 */
export const groupSummaries: Migration = {
	version: 7,
	name: 'group_summaries',
	statements: [
		`CREATE TABLE group_summaries (
			dataset_id INTEGER NOT NULL,
			dimension VARCHAR NOT NULL,        -- mode
			summaries VARCHAR NOT NULL         -- JSON: the GroupSummary rows, in key order
		)`
	]
};
