import type { Migration } from './migration';

/** The derived columns stored on `conversations` (metrics.md "Per conversation"); the rest of the facts are expressions of the view. */
export const DERIVED_COLUMNS = [
	['frt_business_s', 'DOUBLE'],
	['after_hours', 'BOOLEAN'],
	['attributed_agent_s', 'DOUBLE'],
	['repeated', 'BOOLEAN'],
	['cost', 'DOUBLE'],
	['hour_of_week', 'SMALLINT'], // local; Monday 00:00-01:00 = 0 .. Sunday 23:00 = 167
	['agent_no', 'INTEGER'], // dense number of agent_id in the dataset, for cheap sweeps
	['sla_eligible', 'BOOLEAN'],
	['sla_met', 'BOOLEAN'],
	['coverage', 'VARCHAR'] // bot_resolved | answered_after_hours | waited_for_opening | answered_in_hours | unanswered
] as const;

/**
 * One table per conversation instead of two: the derived values live on `conversations`, written
 * with the row at ingest, and `conversation_facts` becomes a view with the same columns as before.
 * Writing every row twice (conversations, then facts repeating the filter columns) was most of
 * the import's time. Old datasets get their derived columns from `deriveMissing` when opened.
 */
export const oneTable: Migration = {
	version: 5,
	name: 'one_table',
	statements: [
		...DERIVED_COLUMNS.map(([name, type]) => `ALTER TABLE conversations ADD COLUMN ${name} ${type}`),
		// 128 bits of the salted SHA-256 as 16 bytes instead of 32 hex characters: smaller, and sorted ~2x faster for repeats
		`ALTER TABLE conversations ALTER customer_hash TYPE UUID USING customer_hash::UUID`,
		`DROP TABLE conversation_facts`,
		`CREATE VIEW conversation_facts AS
		SELECT dataset_id, conversation_id,
			date_diff('microsecond', created_at, first_response_at) / 1e6 AS frt_s,
			frt_business_s,
			CASE WHEN status = 'resolved' THEN date_diff('microsecond', created_at, closed_at) / 1e6 END AS resolution_s,
			after_hours, attributed_agent_s,
			coalesce(source_handle_s, attributed_agent_s) AS handle_s,
			repeated,
			bot_resolved AND NOT repeated AS contained,
			cost, hour_of_week,
			created_at, first_response_at, closed_at, status, channel, mode, queue, agent_id, agent_no,
			customer_hash IS NOT NULL AS has_customer, bot_involved, bot_resolved, csat_satisfied,
			-- closed_at, else null when open (never ends), else the later of created and first response
			CASE WHEN closed_at IS NOT NULL THEN closed_at WHEN status = 'open' THEN NULL
				ELSE greatest(created_at, coalesce(first_response_at, created_at)) END AS backlog_end_at,
			sla_eligible, sla_met, coverage,
			-- for the planner: focus time from the source, and what pins a conversation to sync
			source_handle_s, priority, sentiment, category
		FROM conversations`
	]
};
