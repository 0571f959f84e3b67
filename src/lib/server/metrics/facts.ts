import type { DuckDBConnection } from '@duckdb/node-api';
import { CHANNELS, type Settings } from '../../settings/defaults';
import { execute, queryOne, type SqlParam } from '../db/sql';
import { openSecondsAt, openSecondsSql } from './calendar';

/** The dataset's "now" for ages: its latest timestamp of any kind. */
async function latestEventAt(connection: DuckDBConnection, datasetId: number): Promise<Date | null> {
	const row = await queryOne<{ at: Date | null }>(
		connection,
		`SELECT greatest(
			(SELECT max_event_at FROM datasets WHERE dataset_id = ?),
			max(created_at), max(first_response_at), max(closed_at)) AS at
		FROM conversations WHERE dataset_id = ?`,
		[datasetId, datasetId]
	);
	return row?.at ?? null;
}

/** SQL of a per-channel value from the settings, every value bound: `CASE channel WHEN 'voice' THEN ? ... END`. */
function perChannelSql(channel: string, type: string, values: SqlParam[]): { sql: string; params: SqlParam[] } {
	return { sql: `CASE ${channel} ${CHANNELS.map((c) => `WHEN '${c}' THEN ?::${type}`).join(' ')} END`, params: values };
}

/**
 * The per-row values that need a sort (the calendar's ASOF joins, the customer's next contact) or the sweep,
 * computed over narrow rows keyed by rowid: sorting the wide conversation rows cost ~4 s per million.
 */
async function deriveRowValues(connection: DuckDBConnection, datasetId: number, repeatWindowUs: number): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_rows AS
		WITH calendar AS (SELECT boundary_at, is_open, open_s, next_open_at FROM business_calendar WHERE dataset_id = ?),
		c AS (SELECT rowid AS rid, created_at, first_response_at, closed_at, customer_hash FROM conversations WHERE dataset_id = ?),
		timed AS (
			SELECT c.*,
				${openSecondsSql('kc', 'c.created_at')} AS open_s_created,
				kc.is_open AS open_at_created,
				kc.next_open_at,
				CASE WHEN c.first_response_at IS NOT NULL THEN ${openSecondsSql('kf', 'c.first_response_at')} END AS open_s_first_response
			FROM c
			ASOF JOIN calendar kc ON c.created_at >= kc.boundary_at
			ASOF LEFT JOIN calendar kf ON c.first_response_at >= kf.boundary_at
		),
		repeats AS (
			SELECT t.*,
				t.customer_hash IS NOT NULL AND date_diff('microsecond', coalesce(t.closed_at, t.created_at),
					first_value(t.created_at) OVER (PARTITION BY t.customer_hash ORDER BY t.created_at
						RANGE BETWEEN INTERVAL 1 MICROSECOND FOLLOWING AND UNBOUNDED FOLLOWING)) <= ? AS repeated
			FROM timed t
		)
		SELECT r.rid, r.open_s_created, r.open_at_created, r.next_open_at, r.open_s_first_response, r.repeated, att.attributed_agent_s
		FROM repeats r LEFT JOIN derive_attributed att ON att.rid = r.rid`,
		[datasetId, datasetId, repeatWindowUs]
	);
}

/**
 * Writes one `conversation_facts` row per conversation (metrics.md "Per conversation") from the
 * calendar, the sweep's `derive_attributed` and `derive_agents`, and the settings: a narrow pass, then one wide one.
 */
export async function deriveFacts(connection: DuckDBConnection, datasetId: number, settings: Settings): Promise<void> {
	const now = (await latestEventAt(connection, datasetId)) ?? new Date(0);
	const nowOpenSeconds = await openSecondsAt(connection, datasetId, now);
	const target = perChannelSql('c.channel', 'DOUBLE', CHANNELS.map((c) => settings.sla[c].frt_s));
	const business = perChannelSql('c.channel', 'BOOLEAN', CHANNELS.map((c) => settings.sla[c].clock === 'business'));
	const { hourly, occupancy, bot_per_conversation } = settings.costs;
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_offsets AS
		SELECT h AS hour, date_diff('microsecond', h, timezone(?, timezone('UTC', h))) AS offset_us
		FROM (SELECT unnest(generate_series(date_trunc('hour', min(created_at)), date_trunc('hour', max(created_at)), INTERVAL 1 HOUR)) AS h
			FROM conversations WHERE dataset_id = ?)`,
		[settings.timezone, datasetId]
	);
	await deriveRowValues(connection, datasetId, Math.round(settings.repeat_window_days * 86400e6));
	await execute(
		connection,
		`INSERT INTO conversation_facts
		WITH enriched AS (
			SELECT c.*, r.open_s_created, r.open_at_created, r.next_open_at,
				date_diff('microsecond', c.created_at, c.first_response_at) / 1e6 AS frt_s,
				r.open_s_first_response - r.open_s_created AS frt_business_s,
				CASE WHEN c.agent_id IS NOT NULL AND c.first_response_at IS NOT NULL AND c.closed_at IS NOT NULL
					THEN coalesce(r.attributed_agent_s, 0) END AS attributed_agent_s,
				ag.agent_no,
				c.created_at + to_microseconds(o.offset_us) AS created_local,
				r.repeated,
				${target.sql} AS target_s, ${business.sql} AS sla_business
			FROM (SELECT *, rowid AS rid FROM conversations WHERE dataset_id = ?) c
			JOIN derive_rows r ON r.rid = c.rid
			LEFT JOIN derive_agents ag ON ag.agent_id = c.agent_id
			LEFT JOIN derive_offsets o ON o.hour = date_trunc('hour', c.created_at)
		),
		timed AS (
			SELECT e.*,
				coalesce(e.source_handle_s, e.attributed_agent_s) AS handle_s,
				CASE WHEN e.sla_business THEN e.frt_business_s ELSE e.frt_s END AS sla_frt_s,
				CASE WHEN e.sla_business THEN ? - e.open_s_created ELSE date_diff('microsecond', e.created_at, ?::TIMESTAMP) / 1e6 END AS sla_age_s
			FROM enriched e
		)
		SELECT dataset_id, conversation_id, frt_s, frt_business_s,
			CASE WHEN status = 'resolved' THEN date_diff('microsecond', created_at, closed_at) / 1e6 END AS resolution_s,
			NOT open_at_created AS after_hours,
			attributed_agent_s, handle_s,
			coalesce(repeated, false) AS repeated,
			bot_resolved AND NOT coalesce(repeated, false) AS contained,
			coalesce(handle_s / 3600 * CASE mode WHEN 'sync' THEN ? ELSE ? END, 0) + CASE WHEN bot_involved THEN ? ELSE 0 END AS cost,
			((isodow(created_local) - 1) * 24 + hour(created_local))::SMALLINT AS hour_of_week,
			created_at, first_response_at, closed_at, status, channel, mode, queue, agent_id, agent_no,
			customer_hash IS NOT NULL AS has_customer, bot_involved, bot_resolved, csat_satisfied,
			CASE WHEN closed_at IS NOT NULL THEN closed_at WHEN status = 'open' THEN NULL
				ELSE greatest(created_at, coalesce(first_response_at, created_at)) END AS backlog_end_at,
			NOT bot_resolved AND NOT (status = 'open' AND first_response_at IS NULL AND sla_age_s < target_s) AS sla_eligible,
			NOT bot_resolved AND status <> 'abandoned' AND coalesce(sla_frt_s <= target_s, false) AS sla_met,
			CASE WHEN bot_resolved THEN 'bot_resolved'
				WHEN first_response_at IS NULL THEN 'unanswered'
				WHEN open_at_created THEN 'answered_in_hours'
				WHEN next_open_at IS NULL OR first_response_at < next_open_at THEN 'answered_after_hours'
				ELSE 'waited_for_opening' END AS coverage
		FROM timed`,
		[
			...target.params,
			...business.params,
			datasetId,
			nowOpenSeconds,
			now,
			hourly.sync / occupancy.sync,
			hourly.async / occupancy.async,
			bot_per_conversation
		]
	);
	await execute(connection, 'DROP TABLE derive_offsets');
	await execute(connection, 'DROP TABLE derive_rows');
}
