import type { Migration } from './migration';

/**
 * The metric field table (lib/metrics/fields.ts) as the storage sees it: `conversation_facts` gains `reopens` (for
 * reopen_rate), and the stored whole-dataset summaries record the hash of the field list they were computed from. The
 * rows stored before carry none, so a file opened after this migration recomputes them (storeMissingRollups).
 */
export const metricFields: Migration = {
	version: 10,
	name: 'metric_fields',
	statements: [
		`ALTER TABLE group_summaries ADD COLUMN fields_hash VARCHAR`,
		`CREATE OR REPLACE VIEW conversation_facts AS
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
			source_handle_s, priority, sentiment, category,
			-- times reopened; null when the export has no such column
			reopens
		FROM conversations`
	]
};
