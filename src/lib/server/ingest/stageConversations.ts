import type { Settings } from '../../settings/defaults';
import { quoteIdent, quoteLiteral } from '../db/sql';
import type { ResolvedMapping } from './mapping';
import { boolSql, channelModeSql, channelSql, csatSatisfiedSql, modeSql, prioritySql, sentimentSql, statusSql } from './normalize';
import { maskedColumns } from './mask';
import { columnName, rawLineSql, rawValue } from './source';
import type { Sniffed } from './sniff';
import { timestampSql, type TimestampFormat } from './timestamps';
import { durationUnitOf, durationUnitOfHeader } from './mapping';

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

/** One column a timestamp field may come from, as the reject reasons and the rounding tolerance see it (SQL snippets). */
interface TimestampPart {
	/** true on rows whose value comes from this column */
	given: string;
	/** "Header = value" */
	label: string;
	duration: boolean;
	/** how coarse the value is, in µs: a duration's unit over its decimals ("12" minutes: 60 s; "0.25" hours: 36 s); 1 s at least */
	roundingUs: string;
}

/** SQL: the coarseness of a duration's text, in µs; evaluated only on the rows that need it (inside the reason's CASE). */
function roundingUs(raw: string, unitSeconds: number): string {
	if (unitSeconds <= 1) return String(ONE_SECOND);
	return `greatest(${ONE_SECOND}, ${unitSeconds * ONE_SECOND} / pow(10, length(split_part(${raw}, '.', 2))))`;
}

/** SQL: `pick` of the part that gives the value on this row (the first non-empty, as the coalesce takes it). */
function givenPart(parts: TimestampPart[], pick: (p: TimestampPart) => string): string {
	if (parts.length === 1) return pick(parts[0]);
	return `CASE ${parts.map((p) => `WHEN ${p.given} THEN ${pick(p)}`).join(' ')} END`;
}

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
	/** per field and part: when the part gives the value, its words in a reject reason, and how coarse it is (µs) */
	const partsOf: Record<string, TimestampPart[]> = {};
	for (const field of TIMESTAMP_FIELDS) {
		const s = src[field];
		if (!s) continue;
		const parts: string[] = [];
		partsOf[field] = [];
		s.indexes.forEach((_, k) => {
			const raw = r(field, k);
			const label = `${quoteLiteral(`${s.headers[k]} = `)} || ${show(raw)}`;
			const unit = durationUnitOf(s, k) ?? (inputs.formats[field]?.[k]?.kind === 'seconds_duration' ? 1 : null);
			if (unit !== null && field !== 'created_at') {
				const duration = `${field}_dur_${k}`;
				level2.push(`TRY_CAST(${raw} AS DOUBLE) * ${unit} AS ${duration}`);
				timestampChecks.push(`WHEN ${raw} IS NOT NULL AND ${duration} IS NULL THEN ${label} || ' is not a number'`);
				parts.push(
					`CASE WHEN created_at_utc IS NOT NULL AND ${duration} IS NOT NULL THEN make_timestamp(epoch_us(created_at_utc) + CAST(round(${duration} * ${ONE_SECOND}) AS BIGINT)) END`
				);
				partsOf[field].push({ given: `${duration} IS NOT NULL`, label, duration: true, roundingUs: roundingUs(raw, unit) });
				return;
			}
			const format = inputs.formats[field]?.[k] ?? { kind: 'iso', offsets: 'none' };
			const parse = timestampSql(raw, format, inputs.localToUtc);
			const flag = `${field}_tz_${k}`;
			if (parse.flag) flags.push(`${parse.flag} AS ${flag}`);
			level2.push(`${parse.parsedLocal(flag)} AS ${field}_local_${k}`);
			level2Utc.push(`${parse.utc(flag, `${field}_local_${k}`)} AS ${field}_utc_${k}`);
			timestampChecks.push(
				`WHEN ${raw} IS NOT NULL AND ${field}_local_${k} IS NULL THEN ${label} || ' is not a date and time'`,
				`WHEN ${raw} IS NOT NULL AND ${field}_utc_${k} IS NULL THEN ${label} || ' does not exist in ${inputs.timezone.replaceAll("'", '')} (the clocks jumped forward)'`
			);
			parts.push(`${field}_utc_${k}`);
			partsOf[field].push({ given: `${field}_utc_${k} IS NOT NULL`, label, duration: false, roundingUs: String(ONE_SECOND) });
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

	// level 3: normalise, check, clamp; reasons name the user's column and value
	const created = partsOf.created_at[0].label;
	const beforeCreated = (field: string) =>
		givenPart(partsOf[field], (p) => (p.duration ? `${p.label} || ' is negative'` : `${p.label} || ' is before ' || ${created}`));
	const frtRounding = partsOf.first_response_at ? givenPart(partsOf.first_response_at, (p) => p.roundingUs) : String(ONE_SECOND);
	const closedRounding = partsOf.closed_at ? givenPart(partsOf.closed_at, (p) => p.roundingUs) : String(ONE_SECOND);
	// a first response after the close by less than its column's rounding (whole minutes: up to 59 s) is the rounding, not an error
	const afterCloseBeyondRounding = `first_response_at_utc > closed_at_utc + INTERVAL 1 SECOND AND epoch_us(first_response_at_utc) - epoch_us(closed_at_utc) >= greatest(${frtRounding}, ${closedRounding})`;
	const reason = `CASE
		WHEN ${v('conversation_id')} IS NULL THEN ${quoteLiteral(`${src.conversation_id.headers[0]} is empty`)}
		WHEN ${v('created_at')} IS NULL THEN ${quoteLiteral(`${src.created_at.headers[0]} is empty`)}
		${timestampChecks.join('\n\t\t')}
		${partsOf.closed_at ? `WHEN closed_at_utc < created_at_utc - INTERVAL 1 SECOND THEN ${beforeCreated('closed_at')}` : ''}
		${partsOf.first_response_at ? `WHEN first_response_at_utc < created_at_utc - INTERVAL 1 SECOND THEN ${beforeCreated('first_response_at')}` : ''}
		${partsOf.first_response_at && partsOf.closed_at ? `WHEN ${afterCloseBeyondRounding} THEN ${givenPart(partsOf.first_response_at, (p) => `${p.label} || ${quoteLiteral(p.duration ? ' puts the first response after ' : ' is after ')}`)} || ${givenPart(partsOf.closed_at, (p) => p.label)}` : ''}
		ELSE NULL END`;

	const botResolved = has('bot_resolved') ? `coalesce(${boolSql(r('bot_resolved'))}, false)` : 'false';
	const botInvolved = has('bot_involved') ? `(coalesce(${boolSql(r('bot_involved'))}, false) OR ${botResolved})` : botResolved;
	const explicitMode = has('mode') ? modeSql(r('mode')) : 'NULL';

	const level3 = [
		`${v('conversation_id')} AS conversation_id`,
		'created_at_utc AS created_at',
		'CASE WHEN first_response_at_utc IS NULL THEN NULL ELSE least(greatest(first_response_at_utc, created_at_utc), CASE WHEN closed_at_utc IS NULL THEN first_response_at_utc ELSE greatest(closed_at_utc, created_at_utc) END) END AS first_response_at',
		'CASE WHEN closed_at_utc IS NULL THEN NULL ELSE greatest(closed_at_utc, created_at_utc) END AS closed_at',
		'CASE WHEN first_response_at_utc > closed_at_utc + INTERVAL 1 SECOND THEN (epoch_us(first_response_at_utc) - epoch_us(closed_at_utc)) / 1e6 END AS first_response_moved_s',
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
