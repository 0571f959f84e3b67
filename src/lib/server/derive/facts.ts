import type { DuckDBConnection } from '@duckdb/node-api';
import { CHANNELS, type Settings } from '../../settings/defaults';
import { execute, joinSql, queryOne, raw, sql, type Sql, type SqlParam } from '../db/sql';
import { DERIVED_COLUMNS } from '../db/migrations/005_one_table';
import { calendarLookup, openSecondsAt, openSecondsSql, type CalendarLookup } from './calendar';
import { localShiftByHourSql } from '../metrics/localTime';

/** The canonical columns of a conversation, as the importer stores them (migration 001); `rows` relations carry these and `rid`. */
export const CANONICAL_COLUMNS = [
	'conversation_id',
	'created_at',
	'first_response_at',
	'closed_at',
	'status',
	'channel',
	'channel_raw',
	'mode',
	'mode_from_source',
	'queue',
	'agent_id',
	'customer_hash',
	'source_handle_s',
	'bot_involved',
	'bot_resolved',
	'reopens',
	'csat_raw',
	'csat_satisfied',
	'priority',
	'category',
	'sentiment',
	'messages_in',
	'messages_out',
	'source_line'
] as const;

/**
 * Agent seconds a conversation costs: its handle time at the concurrency its agent measured while holding it
 * (issue 14, item 10; the plan's agentSecondsPerThread). Focus time (an export's or the sessionizer's) counts
 * the gaps before each agent message, which overlap across the threads held at once, so it is divided by the
 * agent's mean concurrency over the assigned window (window / attributed time, >= 1); attributed time is
 * already split, so without focus time it is the agent time as it stands (an estimate: handleSource.ts).
 */
const agentSecondsSql = (attributed: string) => `CASE WHEN c.source_handle_s IS NOT NULL AND ${attributed} > 0 AND c.closed_at > c.first_response_at
		THEN c.source_handle_s * least(1, ${attributed} / (date_diff('microsecond', c.first_response_at, c.closed_at) / 1e6))
		ELSE coalesce(c.source_handle_s, ${attributed}) END`;

/** The dataset's "now" for ages: its latest timestamp of any kind (from `derive_span`). */
async function latestEventAt(connection: DuckDBConnection): Promise<Date | null> {
	return (await queryOne<{ at: Date | null }>(connection, 'SELECT last_event AS at FROM derive_span'))?.at ?? null;
}

/** SQL of a per-channel value from the settings, every value bound: `CASE channel WHEN 'voice' THEN ? ... END`. */
function perChannelSql(channel: string, type: string, values: SqlParam[]): Sql {
	const cases = CHANNELS.map((c, i) => sql`WHEN ${raw(`'${c}'`)} THEN ${values[i]}::${raw(type)}`);
	return sql`CASE ${raw(channel)} ${joinSql(cases, ' ')} END`;
}

/**
 * A conversation's agent time and cost (metrics.md `attributed_agent_s`, `cost`), from its canonical columns (`c`) and the
 * sweep's `derive_attributed` row (`att`): the one definition the wide write and `writeAgentTime` share.
 */
function agentTimeSql(settings: Settings): { join: (lo: bigint, hi: bigint) => Sql; attributed: Sql; cost: (attributed: string) => Sql } {
	const { hourly, occupancy, bot_per_conversation } = settings.costs;
	return {
		join: (lo, hi) => sql`LEFT JOIN (SELECT * FROM derive_attributed WHERE rid BETWEEN ${lo} AND ${hi}) att ON att.rid = c.rid`,
		attributed: raw(`CASE WHEN c.agent_id IS NOT NULL AND c.first_response_at IS NOT NULL AND c.closed_at IS NOT NULL
			THEN coalesce(att.attributed_agent_s, 0) END`),
		cost: (attributed) =>
			sql`coalesce(${raw(agentSecondsSql(attributed))} / 3600 * CASE c.mode WHEN 'sync' THEN ${hourly.sync / occupancy.sync} ELSE ${hourly.async / occupancy.async} END, 0)
				+ CASE WHEN c.bot_involved THEN ${bot_per_conversation} ELSE 0 END`
	};
}

/**
 * The per-row values that need a sort, each over narrow rows keyed by `rid` (sorting the wide rows cost ~4 s per million):
 * temp table `derive_repeats(rid)` of the conversations whose customer came back within the repeat window; and what the
 * wide write joins by time: the per-minute calendar (returned) and `derive_offsets` (the local hour's shift).
 * Only the repeated rows are kept, so the wide write's joins by `rid` stay small enough to run in memory at 10 M rows.
 */
export async function deriveRowValues(connection: DuckDBConnection, rows: string, settings: Settings): Promise<CalendarLookup> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_offsets AS
		${localShiftByHourSql(`(SELECT date_trunc('hour', first_created) FROM derive_span)`, `(SELECT date_trunc('hour', last_created) FROM derive_span)`)}`,
		[settings.timezone]
	);
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_repeats AS
		SELECT rid FROM (
			SELECT rid, date_diff('microsecond', coalesce(closed_at, created_at),
				first_value(created_at) OVER (PARTITION BY customer_hash ORDER BY created_at
					RANGE BETWEEN INTERVAL 1 MICROSECOND FOLLOWING AND UNBOUNDED FOLLOWING)) AS gap_us
			FROM ${rows} WHERE customer_hash IS NOT NULL
		)
		WHERE gap_us <= ?`,
		[Math.round(settings.repeat_window_days * 86400e6)]
	);
	return calendarLookup(connection);
}

/**
 * Rows per statement of the wide write, in `rid` order. One statement of 10 M rows hash-joined 7 M attributed times
 * past the import's memory limit and spilled the wide rows (20 s of its 38 s); a run of this size joins in memory.
 */
const ROWS_PER_WRITE = 2_500_000;

/**
 * Writes a dataset's conversations, each with its derived values (metrics.md "Per conversation"), in wide writes (runs of `rid`) from
 * `rows` (the canonical columns and `rid`), `deriveRowValues`' tables and calendar, `derive_agents`, `derive_span` and the settings.
 * With `agentTime`, also the attributed time and cost from the sweep's `derive_attributed`; without, both are left null for
 * `writeAgentTime` to fill once the sweep ran (an import commits its rows first). The other facts are expressions of the
 * `conversation_facts` view (migration 005).
 */
export async function insertConversationRows(
	connection: DuckDBConnection,
	datasetId: number,
	rows: string,
	settings: Settings,
	calendar: CalendarLookup,
	agentTime: boolean
): Promise<void> {
	const now = (await latestEventAt(connection)) ?? new Date(0);
	const nowOpenSeconds = await openSecondsAt(connection, now);
	const target = perChannelSql(
		'c.channel',
		'DOUBLE',
		CHANNELS.map((c) => settings.sla[c].frt_s)
	);
	const business = perChannelSql(
		'c.channel',
		'BOOLEAN',
		CHANNELS.map((c) => settings.sla[c].clock === 'business')
	);
	const agent = agentTimeSql(settings);
	const canonical = raw(CANONICAL_COLUMNS.join(', '));
	const span = await ridRuns(connection);
	const write = (lo: bigint, hi: bigint) => sql`INSERT INTO conversations (dataset_id, ${canonical}, ${raw(DERIVED_COLUMNS.map(([name]) => name).join(', '))})
		WITH calendared AS (
			SELECT c.*,
				${raw(openSecondsSql('kc', 'c.created_at'))} AS open_s_created,
				kc.is_open AS open_at_created,
				kc.next_open_at,
				CASE WHEN c.first_response_at IS NOT NULL THEN ${raw(openSecondsSql('kf', 'c.first_response_at'))} END AS open_s_first_response
			FROM (SELECT * FROM ${raw(rows)} WHERE rid BETWEEN ${lo} AND ${hi}) c
			${raw(calendar.join('kc', 'c.created_at'))}
			${raw(calendar.join('kf', 'c.first_response_at', true))}
		),
		enriched AS (
			SELECT c.*,
				date_diff('microsecond', c.created_at, c.first_response_at) / 1e6 AS frt_s,
				c.open_s_first_response - c.open_s_created AS frt_business_s,
				${agentTime ? agent.attributed : raw('NULL::DOUBLE')} AS attributed_agent_s,
				ag.agent_no,
				c.created_at + o.shift AS created_local,
				rep.rid IS NOT NULL AS repeated,
				${target} AS target_s, ${business} AS sla_business
			FROM calendared c
			${agentTime ? agent.join(lo, hi) : raw('')}
			LEFT JOIN derive_repeats rep ON rep.rid = c.rid
			LEFT JOIN derive_agents ag ON ag.agent_id = c.agent_id
			LEFT JOIN derive_offsets o ON o.hour = date_trunc('hour', c.created_at)
		),
		timed AS (
			SELECT c.*,
				${agentTime ? agent.cost('c.attributed_agent_s') : raw('NULL::DOUBLE')} AS cost,
				CASE WHEN c.sla_business THEN c.frt_business_s ELSE c.frt_s END AS sla_frt_s,
				CASE WHEN c.sla_business THEN ${nowOpenSeconds} - c.open_s_created ELSE date_diff('microsecond', c.created_at, ${now}::TIMESTAMP) / 1e6 END AS sla_age_s
			FROM enriched c
		)
		SELECT ${datasetId}, ${canonical}, frt_business_s,
			NOT open_at_created AS after_hours,
			attributed_agent_s,
			repeated,
			cost,
			((isodow(created_local) - 1) * 24 + hour(created_local))::SMALLINT AS hour_of_week,
			agent_no,
			NOT bot_resolved AND NOT (status = 'open' AND first_response_at IS NULL AND sla_age_s < target_s) AS sla_eligible,
			NOT bot_resolved AND status <> 'abandoned' AND coalesce(sla_frt_s <= target_s, false) AS sla_met,
			CASE WHEN bot_resolved THEN 'bot_resolved'
				WHEN first_response_at IS NULL THEN 'unanswered'
				WHEN open_at_created THEN 'answered_in_hours'
				WHEN next_open_at IS NULL OR first_response_at < next_open_at THEN 'answered_after_hours'
				ELSE 'waited_for_opening' END AS coverage
		FROM timed`;
	let written = 0;
	for (const [lo, hi] of span.runs) {
		written += Number((await queryOne<{ Count: number }>(connection, write(lo, hi)))?.Count ?? 0);
	}
	// every kept row must come through the joins; a row lost here would vanish without a reject
	if (written !== span.n) {
		throw new Error(`Deriving dataset ${datasetId} wrote ${written} of ${span.n} conversations; nothing was changed.`);
	}
}

/** The rows' count and the runs of `rid` (from `derive_span`) that each wide write or update takes. */
async function ridRuns(connection: DuckDBConnection): Promise<{ n: number; runs: [bigint, bigint][] }> {
	// as text: rowids of a table made inside a transaction start near 2^62, past a JS number's exact range
	const span = (await queryOne<{ n: number; first: string | null; last: string | null }>(
		connection,
		'SELECT conversations AS n, first_rid::VARCHAR AS first, last_rid::VARCHAR AS last FROM derive_span'
	))!;
	const runs: [bigint, bigint][] = [];
	const run = BigInt(ROWS_PER_WRITE);
	for (let lo = BigInt(span.first ?? 0); lo <= BigInt(span.last ?? -1); lo += run) runs.push([lo, lo + run - 1n]);
	return { n: span.n, runs };
}

/**
 * Fills the attributed time and cost that `insertConversationRows` left null, once the sweep ran: an update of two columns
 * matched on `conversation_id` (unique in a dataset) from `rows` and `derive_attributed`, in runs of `rid` like the write.
 */
export async function writeAgentTime(connection: DuckDBConnection, datasetId: number, rows: string, settings: Settings): Promise<void> {
	const agent = agentTimeSql(settings);
	const span = await ridRuns(connection);
	let updated = 0;
	for (const [lo, hi] of span.runs) {
		const update = sql`UPDATE conversations SET attributed_agent_s = t.attributed_agent_s, cost = t.cost
			FROM (
				SELECT c.conversation_id, c.attributed_agent_s, ${agent.cost('c.attributed_agent_s')} AS cost
				FROM (
					SELECT c.*, ${agent.attributed} AS attributed_agent_s
					FROM (SELECT * FROM ${raw(rows)} WHERE rid BETWEEN ${lo} AND ${hi}) c
					${agent.join(lo, hi)}
				) c
			) t
			WHERE conversations.dataset_id = ${datasetId} AND conversations.conversation_id = t.conversation_id`;
		updated += Number((await queryOne<{ Count: number }>(connection, update))?.Count ?? 0);
	}
	if (updated !== span.n) {
		throw new Error(`Deriving dataset ${datasetId} priced ${updated} of ${span.n} conversations; the derive runs again at the next start.`);
	}
}
