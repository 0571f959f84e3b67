import { quoteIdent, quoteLiteral } from '../db/sql';
import { normalizeHeader } from './fields';
import { channelSql, roleSql } from './normalize';
import { maskedColumns } from './mask';
import { columnName, rawLineSql, rawValue } from './source';
import type { StageInputs } from './stageConversations';
import { timestampSql } from './timestamps';

const show = (v: string) => `left(${v}, 60)`;

/** SELECT that reads a message-rows CSV into typed columns with the reason each row is rejected (NULL when kept). Message text is never read. */
export function stageMessagesSql(source: string, inputs: StageInputs): string {
	const { mapping, sniffed } = inputs;
	const src = mapping.sources;
	const raw = (field: string) => (field in src ? rawValue(src[field].indexes[0]) : 'NULL::VARCHAR');
	const roleHeader = normalizeHeader(src.role.headers[0]);
	const booleanInbound = /\b(inbound|is inbound|from customer|is customer|incoming)\b/.test(roleHeader);
	const ts = timestampSql('r_ts', inputs.formats.ts?.[0] ?? { kind: 'iso', offsets: 'none' }, inputs.localToUtc);
	const carried = sniffed.headers.map((_, i) => quoteIdent(columnName(i)));
	const header = (field: string) => src[field].headers[0];
	const label = (field: string, v: string) => `${quoteLiteral(`${header(field)} = `)} || ${show(v)}`;
	const reason = `CASE
		WHEN r_thread_id IS NULL THEN ${quoteLiteral(`${header('thread_id')} is empty`)}
		WHEN r_ts IS NULL THEN ${quoteLiteral(`${header('ts')} is empty`)}
		WHEN ts_local IS NULL THEN ${label('ts', 'r_ts')} || ' is not a date and time'
		WHEN ts IS NULL THEN ${label('ts', 'r_ts')} || ' does not exist in ${inputs.timezone.replaceAll("'", '')} (the clocks jumped forward)'
		WHEN r_role IS NULL THEN ${quoteLiteral(`${header('role')} is empty`)}
		WHEN role IS NULL THEN ${label('role', 'r_role')} || ' is not customer, agent, bot or system'
		ELSE NULL END`;
	return `SELECT * EXCLUDE (${carried.join(', ')}), CASE WHEN reason IS NULL THEN NULL ELSE ${rawLineSql(sniffed, maskedColumns(sniffed.headers, mapping))} END AS raw_line FROM (
		SELECT r_thread_id AS thread_id, ts, role, r_agent_id AS agent_id,
			coalesce(${'channel' in src ? channelSql('r_channel', mapping.preset.values.channel) : 'NULL'}, 'other') AS channel,
			r_channel AS channel_raw, r_customer_id AS customer_raw, r_queue AS queue,
			${reason} AS reason, ${carried.join(', ')}
		FROM (
			SELECT *, ${ts.utc('ts_tz', 'ts_local')} AS ts FROM (
				SELECT *, ${ts.parsedLocal('ts_tz')} AS ts_local, ${roleSql('r_role', booleanInbound)} AS role FROM (
					SELECT *${ts.flag ? `, ${ts.flag} AS ts_tz` : ''} FROM (
						SELECT ${raw('thread_id')} AS r_thread_id, ${raw('ts')} AS r_ts, ${raw('role')} AS r_role, ${raw('agent_id')} AS r_agent_id,
							${raw('channel')} AS r_channel, ${raw('customer_id')} AS r_customer_id, ${raw('queue')} AS r_queue, ${carried.join(', ')}
						FROM ${source}
					)
				)
			)
		)
	)`;
}
