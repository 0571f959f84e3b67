import type { Settings } from '../../settings/defaults';
import { quoteLiteral } from '../db/sql';
import { channelModeSql } from './normalize';

/** Per-channel seconds of silence after an agent or bot message that close a conversation. */
function closeAfterSql(channel: string, settings: Settings): string {
	const cases = Object.entries(settings.close_after_s)
		.map(([c, seconds]) => `WHEN ${quoteLiteral(c)} THEN ${Number(seconds)}`)
		.join(' ');
	return `CASE ${channel} ${cases} ELSE ${Number(settings.close_after_s.other)} END`;
}

/**
 * SELECT turning accepted message rows (relation `staged`, quoted, with `ordinal` and `line`) into conversation rows,
 * as data.md "Sessionization" says: a conversation starts at a customer message when none is open, closes at
 * its last message when that message is an agent's or a bot's and silence follows for close_after_s (or forever);
 * a conversation whose last message is the customer's stays open; outreach starts nothing.
 */
export function sessionizeSql(staged: string, settings: Settings): string {
	const focusCap = Number(settings.focus_cap_s);
	return `
	WITH m AS (
		-- seq: the message's place in its thread, one integer standing for (ts, ordinal) in the windows and arg_min/arg_max below
		SELECT thread_id, ts, ordinal, line, role, agent_id, channel, channel_raw, customer_raw, queue,
			row_number() OVER thread AS seq,
			lead(ts) OVER thread AS next_ts,
			lag(ts) OVER thread AS previous_ts
		FROM ${staged} WHERE reason IS NULL AND role <> 'system'
		WINDOW thread AS (PARTITION BY thread_id ORDER BY ts, ordinal)
	), breaks AS (
		SELECT *, (role IN ('agent', 'bot') AND (next_ts IS NULL OR epoch(next_ts) - epoch(ts) > ${closeAfterSql('channel', settings)})) AS closes
		FROM m
	), segments AS (
		-- one pass: the closes before a message number its conversation; it is in one when a customer wrote since the last close
		SELECT *,
			coalesce(sum(closes::INTEGER) OVER before, 0) AS segment,
			max(CASE WHEN closes THEN seq END) OVER before AS last_close,
			max(CASE WHEN role = 'customer' THEN seq END) OVER (PARTITION BY thread_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS last_customer
		FROM breaks
		WINDOW before AS (PARTITION BY thread_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
	), kept AS (
		-- a kept agent message follows a customer's in its conversation, so the message before it in the thread is its conversation's
		SELECT * FROM segments WHERE last_customer > coalesce(last_close, 0)
	), agent_share AS (
		SELECT thread_id, segment, arg_max(agent_id, (n, last_ts)) AS agent_id FROM (
			SELECT thread_id, segment, agent_id, count(*) AS n, max(ts) AS last_ts FROM kept
			WHERE role = 'agent' AND agent_id IS NOT NULL GROUP BY ALL
		) GROUP BY ALL
	), conversations AS (
		SELECT thread_id, segment,
			min(ts) AS created_at,
			min(ts) FILTER (WHERE role = 'agent') AS first_response_at,
			arg_max(role, seq) AS last_role,
			max(ts) AS last_ts,
			bool_or(role = 'bot') AS bot_involved,
			bool_or(role = 'agent') AS has_agent,
			arg_min(customer_raw, seq) FILTER (WHERE role = 'customer') AS customer_raw,
			arg_min(channel, seq) FILTER (WHERE role = 'customer') AS channel,
			arg_min(channel_raw, seq) FILTER (WHERE role = 'customer') AS channel_raw,
			arg_min(queue, seq) FILTER (WHERE role = 'customer') AS queue,
			arg_min(line, seq) AS source_line,
			sum(least(epoch(ts) - epoch(previous_ts), ${focusCap})) FILTER (WHERE role = 'agent') AS source_handle_s,
			count(*) FILTER (WHERE role = 'customer') AS messages_in,
			count(*) FILTER (WHERE role IN ('agent', 'bot')) AS messages_out
		FROM kept GROUP BY thread_id, segment
	)
	SELECT c.thread_id || '#' || row_number() OVER (PARTITION BY c.thread_id ORDER BY c.created_at) AS conversation_id,
		c.created_at, c.first_response_at,
		CASE WHEN c.last_role IN ('agent', 'bot') THEN c.last_ts END AS closed_at,
		CASE WHEN c.last_role IN ('agent', 'bot') THEN 'resolved' ELSE 'open' END AS status,
		c.channel, c.channel_raw, ${channelModeSql('c.channel', settings)} AS mode, false AS mode_from_source,
		c.queue, a.agent_id, c.customer_raw, c.source_handle_s,
		c.bot_involved, (c.last_role IN ('agent', 'bot') AND NOT c.has_agent) AS bot_resolved,
		c.messages_in::INTEGER AS messages_in, c.messages_out::INTEGER AS messages_out, c.source_line
	FROM conversations c LEFT JOIN agent_share a USING (thread_id, segment)`;
}
