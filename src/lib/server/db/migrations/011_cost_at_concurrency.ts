import type { Migration } from './migration';

/**
 * Cost per conversation prices agent time at the measured concurrency (focus time over the agent's mean concurrency while
 * holding the thread), as the plan does (issue 14, item 10). Stored costs were focus time in full: the derived values
 * are cleared so `deriveMissing` derives every dataset again at the next open, with the one definition in derive/facts.ts,
 * and the whole-dataset summaries that hold the old mean are rebuilt by `storeMissingRollups`.
 */
export const costAtConcurrency: Migration = {
	version: 11,
	name: 'cost_at_concurrency',
	statements: ['UPDATE conversations SET hour_of_week = NULL', 'DELETE FROM group_summaries']
};
