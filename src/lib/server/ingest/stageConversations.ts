import type { Settings } from '../../settings/defaults';
import { quoteIdent } from '../db/sql';
import type { ResolvedMapping } from './mapping';
import { boolSql, channelModeSql, channelSql, csatSatisfiedSql, modeSql, prioritySql, sentimentSql, statusSql } from './normalize';
import { maskedColumns } from './mask';
import { columnName, rawLineSql, rawValue } from './source';
import type { Sniffed } from './sniff';
import { timestampSql, type TimestampFormat } from './timestamps';
import { durationUnitOfHeader } from './mapping';

export interface StageInputs {
	sniffed: Sniffed;
	mapping: ResolvedMapping;
	settings: Settings;
	timezone: string;
	/** format of each timestamp column, by field then by source position */
	formats: Record<string, TimestampFormat[]>;
	csatScale: number;
	localToUtc: (x: string) => string;
}

const TIMESTAMP_FIELDS = ['created_at', 'first_response_at', 'closed_at'] as const;
const ONE_SECOND = 1_000_000;
const show = (v: string) => `left(${v}, 60)`;

/**
 * SELECT that reads a conversation-rows CSV into typed, normalised columns with, per row,
 * the reason it is rejected (NULL when it is kept). Three levels: raw text, parsed values, checks.
 */
export function stageConversationsSql(source: string, inputs: StageInputs): string {
	const { mapping, sniffed, settings } = inputs;
	const src = mapping.sources;
	const r = (field: string, k = 0) => quoteIdent(`r_${field}_${k}`);
	const has = (field: string) => field in src;

	// level 1: trimmed text of every mapped column, and the original columns for the reject report
	const level1 = [
		...Object.entries(src).flatMap(([field, s]) => s.indexes.map((index, k) => `${rawValue(index)} AS ${r(field, k)}`)),
		...sniffed.headers.map((_, i) => quoteIdent(columnName(i)))
	];

	// level 2: parse, in three steps (timestamps.ts): offset flags, parsed times, UTC times
	const flags: string[] = ['*'];
	const level2: string[] = ['*'];
	const level2Utc: string[] = ['*'];
	const timestampChecks: string[] = [];
	const assembledParts: Record<string, string[]> = {};
	for (const field of TIMESTAMP_FIELDS) {
		const s = src[field];
		if (!s) continue;
		const asDuration = (k: number) => s.kind === 'duration' || inputs.formats[field]?.[k]?.kind === 'seconds_duration';
		const parts: string[] = [];
		s.indexes.forEach((_, k) => {
			const raw = r(field, k);
			if (asDuration(k) && field !== 'created_at') {
				const unit = s.kind === 'duration' ? s.unitSeconds : 1;
				level2.push(`TRY_CAST(${raw} AS DOUBLE) * ${unit} AS ${field}_dur_${k}`);
				timestampChecks.push(
					`WHEN ${raw} IS NOT NULL AND ${field}_dur_${k} IS NULL THEN '${field} "' || ${show(raw)} || '" is not a number'`
				);
				parts.push(`CASE WHEN created_at_utc IS NOT NULL AND ${field}_dur_${k} IS NOT NULL THEN make_timestamp(epoch_us(created_at_utc) + CAST(round(${field}_dur_${k} * ${ONE_SECOND}) AS BIGINT)) END`);
				return;
			}
			const format = inputs.formats[field]?.[k] ?? { kind: 'iso', offsets: 'none' };
			const parse = timestampSql(raw, format, inputs.localToUtc);
			const flag = `${field}_tz_${k}`;
			if (parse.flag) flags.push(`${parse.flag} AS ${flag}`);
			level2.push(`${parse.parsedLocal(flag)} AS ${field}_local_${k}`);
			level2Utc.push(`${parse.utc(flag, `${field}_local_${k}`)} AS ${field}_utc_${k}`);
			timestampChecks.push(
				`WHEN ${raw} IS NOT NULL AND ${field}_local_${k} IS NULL THEN '${field} "' || ${show(raw)} || '" is not a date and time'`,
				`WHEN ${raw} IS NOT NULL AND ${field}_utc_${k} IS NULL THEN '${field} "' || ${show(raw)} || '" does not exist in ${inputs.timezone.replaceAll("'", '')} (the clocks jumped forward)'`
			);
			parts.push(`${field}_utc_${k}`);
		});
		if (field === 'created_at') level2Utc.push(`${parts[0]} AS created_at_utc`);
		else assembledParts[field] = parts;
	}
	// durations count from created_at_utc, so the other timestamps are assembled one level up
	const assembled = TIMESTAMP_FIELDS.filter((f) => f !== 'created_at').map((field) => {
		const parts = assembledParts[field];
		if (!parts) return `NULL::TIMESTAMP AS ${field}_utc`;
		return `${parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`} AS ${field}_utc`;
	});

	const v = (field: string) => (has(field) ? r(field) : 'NULL::VARCHAR');
	const values = mapping.preset.values;
	const channel = has('channel') ? channelSql(r('channel'), values.channel) : 'NULL';
	const handleUnit = has('handle_s') ? (durationUnitOfHeader(src.handle_s.headers[0]) ?? 1) : 1;

	// level 3: normalise, check, clamp
	const reason = `CASE
		WHEN ${v('conversation_id')} IS NULL THEN 'conversation_id is empty'
		WHEN ${v('created_at')} IS NULL THEN 'created_at is empty'
		${timestampChecks.join('\n\t\t')}
		WHEN closed_at_utc < created_at_utc - INTERVAL 1 SECOND THEN 'closed_at is before created_at'
		WHEN first_response_at_utc < created_at_utc - INTERVAL 1 SECOND THEN 'first_response_at is before created_at'
		WHEN first_response_at_utc > closed_at_utc + INTERVAL 1 SECOND THEN 'first_response_at is after closed_at'
		ELSE NULL END`;

	const botResolved = has('bot_resolved') ? `coalesce(${boolSql(r('bot_resolved'))}, false)` : 'false';
	const botInvolved = has('bot_involved') ? `(coalesce(${boolSql(r('bot_involved'))}, false) OR ${botResolved})` : botResolved;
	const explicitMode = has('mode') ? modeSql(r('mode')) : 'NULL';

	const level3 = [
		`${v('conversation_id')} AS conversation_id`,
		'created_at_utc AS created_at',
		'CASE WHEN first_response_at_utc IS NULL THEN NULL ELSE least(greatest(first_response_at_utc, created_at_utc), CASE WHEN closed_at_utc IS NULL THEN first_response_at_utc ELSE greatest(closed_at_utc, created_at_utc) END) END AS first_response_at',
		'CASE WHEN closed_at_utc IS NULL THEN NULL ELSE greatest(closed_at_utc, created_at_utc) END AS closed_at',
		`${has('status') ? statusSql(r('status'), values.status) : 'NULL'}::conversation_status AS status_given`,
		`coalesce(${channel}, 'other')::channel_name AS channel`,
		`${v('channel')} AS channel_raw`,
		`${explicitMode}::channel_mode AS mode_given`,
		`${v('queue')} AS queue`,
		`${v('agent_id')} AS agent_id`,
		`${v('customer_id')} AS customer_raw`,
		`${has('handle_s') ? `TRY_CAST(${r('handle_s')} AS DOUBLE) * ${handleUnit}` : 'NULL::DOUBLE'} AS source_handle_s`,
		`${botInvolved} AS bot_involved`,
		`${botResolved} AS bot_resolved`,
		`${has('reopens') ? `CAST(TRY_CAST(${r('reopens')} AS DOUBLE) AS INTEGER)` : 'NULL::INTEGER'} AS reopens`,
		`${v('csat')} AS csat_raw`,
		`${has('csat') ? csatSatisfiedSql(r('csat'), inputs.csatScale) : 'NULL::BOOLEAN'} AS csat_satisfied`,
		`${has('priority') ? prioritySql(r('priority'), values.priority) : 'NULL'}::priority_level AS priority`,
		`${v('category')} AS category`,
		`${has('sentiment') ? sentimentSql(r('sentiment')) : 'NULL::DOUBLE'} AS sentiment`,
		`${has('messages_in') ? `CAST(TRY_CAST(${r('messages_in')} AS DOUBLE) AS INTEGER)` : 'NULL::INTEGER'} AS messages_in`,
		`${has('messages_out') ? `CAST(TRY_CAST(${r('messages_out')} AS DOUBLE) AS INTEGER)` : 'NULL::INTEGER'} AS messages_out`,
		`${reason} AS reason`
	];
	const withRaw = [
		`* EXCLUDE (${sniffed.headers.map((_, i) => quoteIdent(columnName(i))).join(', ')})`,
		`CASE WHEN reason IS NULL THEN NULL ELSE ${rawLineSql(sniffed, maskedColumns(sniffed.headers, mapping))} END AS raw_line`,
		`coalesce(status_given, CASE WHEN closed_at IS NULL THEN 'open' WHEN bot_resolved THEN 'resolved' WHEN first_response_at IS NULL THEN 'abandoned' ELSE 'resolved' END::conversation_status) AS status`,
		`coalesce(mode_given, ${channelModeSql('channel', settings)}::channel_mode) AS mode`,
		`mode_given IS NOT NULL AS mode_from_source`
	];
	// level 3 needs the original columns for the raw line, so they are carried through
	const carried = sniffed.headers.map((_, i) => quoteIdent(columnName(i)));
	return `SELECT ${withRaw.join(', ')} FROM (
		SELECT ${[...level3, ...carried].join(',\n\t\t')} FROM (
			SELECT *, ${assembled.join(', ')} FROM (
				SELECT ${level2Utc.join(',\n\t\t\t')} FROM (
					SELECT ${level2.join(',\n\t\t\t')} FROM (
						SELECT ${flags.join(', ')} FROM (
							SELECT ${level1.join(', ')} FROM ${source}
						)
					)
				)
			)
		)
	)`;
}
