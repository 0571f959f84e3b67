import type { DuckDBConnection } from '@duckdb/node-api';
import { CHANNELS, type Settings } from '../../settings/defaults';
import { execute, queryOne } from '../db/sql';
import { openSecondsAt, openSecondsSql, valuesTable } from './calendar';

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

/**
 * Writes one `conversation_facts` row per conversation (metrics.md "Per conversation") from the
 * calendar, the sweep's `derive_attributed` and `derive_agents`, and the settings. Set-based, one statement.
 */
export async function deriveFacts(connection: DuckDBConnection, datasetId: number, settings: Settings): Promise<void> {
	const now = (await latestEventAt(connection, datasetId)) ?? new Date(0);
	const nowOpenSeconds = await openSecondsAt(connection, datasetId, now);
	const sla = valuesTable(
		['channel', 'target_s', 'business'],
		['VARCHAR', 'DOUBLE', 'BOOLEAN'],
		CHANNELS.map((c) => [c, settings.sla[c].frt_s, settings.sla[c].clock === 'business'])
	);
	const { hourly, occupancy, bot_per_conversation } = settings.costs;
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_offsets AS
		SELECT h AS hour, date_diff('microsecond', h, timezone(?, timezone('UTC', h))) AS offset_us
		FROM (SELECT unnest(generate_series(date_trunc('hour', min(created_at)), date_trunc('hour', max(created_at)), INTERVAL 1 HOUR)) AS h
			FROM conversations WHERE dataset_id = ?)`,
		[settings.timezone, datasetId]
	);
	await execute(
		connection,
		`INSERT INTO conversation_facts
		WITH calendar AS (SELECT * FROM business_calendar WHERE dataset_id = ?),
		sla AS ${sla.sql},
		base AS (
			SELECT c.*, c.rowid AS rid,
				${openSecondsSql('kc', 'c.created_at')} AS open_s_created,
				kc.is_open AS open_at_created,
				kc.next_open_at,
				CASE WHEN c.first_response_at IS NOT NULL THEN ${openSecondsSql('kf', 'c.first_response_at')} END AS open_s_first_response
			FROM (SELECT *, rowid FROM conversations WHERE dataset_id = ?) c
			ASOF JOIN calendar kc ON c.created_at >= kc.boundary_at
			ASOF LEFT JOIN calendar kf ON c.first_response_at >= kf.boundary_at
		),
		enriched AS (
			SELECT b.*,
				date_diff('microsecond', b.created_at, b.first_response_at) / 1e6 AS frt_s,
				b.open_s_first_response - b.open_s_created AS frt_business_s,
				CASE WHEN b.agent_id IS NOT NULL AND b.first_response_at IS NOT NULL AND b.closed_at IS NOT NULL
					THEN coalesce(att.attributed_agent_s, 0) END AS attributed_agent_s,
				ag.agent_no,
				b.created_at + to_microseconds(o.offset_us) AS created_local,
				b.customer_hash IS NOT NULL AND date_diff('microsecond', coalesce(b.closed_at, b.created_at),
					first_value(b.created_at) OVER (PARTITION BY b.customer_hash ORDER BY b.created_at
						RANGE BETWEEN INTERVAL 1 MICROSECOND FOLLOWING AND UNBOUNDED FOLLOWING)) <= ? AS repeated,
				sla.target_s, sla.business AS sla_business
			FROM base b
			LEFT JOIN derive_attributed att ON att.rid = b.rid
			LEFT JOIN derive_agents ag ON ag.agent_id = b.agent_id
			LEFT JOIN derive_offsets o ON o.hour = date_trunc('hour', b.created_at)
			LEFT JOIN sla ON sla.channel = b.channel
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
		FROM timed
		ORDER BY created_at`,
		[
			datasetId,
			...sla.params,
			datasetId,
			Math.round(settings.repeat_window_days * 86400e6),
			nowOpenSeconds,
			now,
			hourly.sync / occupancy.sync,
			hourly.async / occupancy.async,
			bot_per_conversation
		]
	);
	await execute(connection, 'DROP TABLE derive_offsets');
}
