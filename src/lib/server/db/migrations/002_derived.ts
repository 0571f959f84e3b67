import type { Migration } from './migration';

/**
 * Derived tables of the metric engine (metrics.md "Per conversation"), rebuilt per dataset at ingest
 * and whenever a setting they depend on changes. Facts repeat the filter columns of `conversations`
 * so a dashboard query is one scan of one table, not a 10 M x 10 M join.
 */
export const derived: Migration = {
	version: 2,
	name: 'derived',
	statements: [
		`CREATE TABLE conversation_facts (
			dataset_id INTEGER NOT NULL,
			conversation_id VARCHAR NOT NULL,
			frt_s DOUBLE,
			frt_business_s DOUBLE,
			resolution_s DOUBLE,
			after_hours BOOLEAN NOT NULL,
			attributed_agent_s DOUBLE,
			handle_s DOUBLE,
			repeated BOOLEAN NOT NULL,
			contained BOOLEAN NOT NULL,
			cost DOUBLE NOT NULL,
			hour_of_week SMALLINT NOT NULL,    -- local; Monday 00:00-01:00 = 0 .. Sunday 23:00 = 167
			-- copies of the filter and group columns, so queries need no join
			created_at TIMESTAMP NOT NULL,
			first_response_at TIMESTAMP,
			closed_at TIMESTAMP,
			status VARCHAR NOT NULL,
			channel VARCHAR NOT NULL,
			mode VARCHAR NOT NULL,
			queue VARCHAR,
			agent_id VARCHAR,
			agent_no INTEGER,                  -- dense number of agent_id in the dataset, for cheap sweeps
			has_customer BOOLEAN NOT NULL,
			bot_involved BOOLEAN NOT NULL,
			bot_resolved BOOLEAN NOT NULL,
			csat_satisfied BOOLEAN,
			backlog_end_at TIMESTAMP,          -- closed_at, else null when open (never ends), else greatest(created, first response)
			sla_eligible BOOLEAN NOT NULL,
			sla_met BOOLEAN NOT NULL,
			coverage VARCHAR NOT NULL          -- bot_resolved | answered_after_hours | waited_for_opening | answered_in_hours | unanswered
		)`,
		// The cumulative open-seconds calendar: C(t) = open_s + (is_open ? t - boundary_at : 0) for the last row with boundary_at <= t.
		`CREATE TABLE business_calendar (
			dataset_id INTEGER NOT NULL,
			boundary_at TIMESTAMP NOT NULL,
			is_open BOOLEAN NOT NULL,
			open_s DOUBLE NOT NULL,
			next_open_at TIMESTAMP           -- the next opening strictly after boundary_at (closed rows)
		)`,
		// Level segments of each agent's +1/-1 sweep over assigned windows: k windows open during [start_at, end_at).
		`CREATE TABLE concurrency_segments (
			dataset_id INTEGER NOT NULL,
			agent_id VARCHAR NOT NULL,
			start_at TIMESTAMP NOT NULL,
			end_at TIMESTAMP NOT NULL,
			k INTEGER NOT NULL
		)`,
		// concurrency_mean / _max per group of the unfiltered dataset (the default Overview), so it needs no sweep per request
		`CREATE TABLE group_concurrency (
			dataset_id INTEGER NOT NULL,
			dimension VARCHAR NOT NULL,        -- mode | channel | queue
			key VARCHAR NOT NULL,
			concurrency_mean DOUBLE,
			concurrency_max INTEGER
		)`,
		// Per whole UTC hour: arrivals and backlog deltas (+1 at the first hour >= created_at, -1 at the first hour >= end).
		`CREATE TABLE hourly_rollup (
			dataset_id INTEGER NOT NULL,
			hour TIMESTAMP NOT NULL,
			mode VARCHAR NOT NULL,
			channel VARCHAR NOT NULL,
			queue VARCHAR,
			arrivals BIGINT NOT NULL,
			backlog_delta BIGINT NOT NULL
		)`
	]
};
