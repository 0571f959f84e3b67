import type { Settings } from '../../settings/defaults';
import { CHANNELS } from '../../settings/defaults';
import { quoteLiteral } from '../db/sql';

/** SQL expressions that turn raw text values into canonical ones. `v` is a trimmed VARCHAR expression (NULL when empty). */

const list = (values: readonly string[]) => values.map(quoteLiteral).join(', ');

/**
 * SQL: `x` is one of `words`. A list_contains, not `x IN (...)`: DuckDB turns a longer IN list into a join, and the
 * staging query then reports no progress at all while it reads the file.
 */
const oneOf = (x: string, words: readonly string[]) => `list_contains([${list(words)}], ${x})`;

/**
 * `WHEN v is one of the canonical values THEN v`: most files already write the canonical lowercase word, and this
 * skips the lower/trim/LIKE chain for them (~0.1 s per column per million rows). Words a preset maps elsewhere are left to it.
 */
function canonicalFastPath(v: string, canonical: readonly string[], presetValues: Record<string, string> | undefined): string {
	const remapped = new Set(Object.keys(presetValues ?? {}).map((k) => k.toLowerCase()));
	const kept = canonical.filter((c) => !remapped.has(c));
	return kept.length ? `WHEN ${oneOf(v, kept)} THEN ${v}` : '';
}

function presetCases(v: string, values: Record<string, string> | undefined): string {
	const entries = Object.entries(values ?? {});
	return entries.map(([raw, canonical]) => `WHEN lower(trim(${v})) = ${quoteLiteral(raw.toLowerCase())} THEN ${quoteLiteral(canonical)}`).join(' ');
}

/** voice chat messaging sms whatsapp social email, else other (NULL stays NULL: no channel given). */
export function channelSql(v: string, presetValues?: Record<string, string>): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL ${canonicalFastPath(v, CHANNELS, presetValues)} ${presetCases(v, presetValues)}
		WHEN ${oneOf(l, [...CHANNELS])} THEN ${l}
		WHEN ${l} LIKE '%whatsapp%' THEN 'whatsapp'
		WHEN ${l} LIKE '%phone%' OR ${l} LIKE '%call%' OR ${oneOf(l, ['telephone', 'telephony', 'ivr', 'voip', 'voicemail', 'audio'])} THEN 'voice'
		WHEN ${oneOf(l, ['text', 'text message', 'mms', 'sms/mms'])} OR ${l} LIKE 'sms%' THEN 'sms'
		WHEN ${oneOf(l, ['twitter', 'x', 'facebook', 'instagram', 'fb', 'tiktok', 'linkedin', 'x (twitter)'])} OR ${l} LIKE '%facebook%' OR ${l} LIKE '%twitter%' OR ${l} LIKE '%instagram%' OR ${l} LIKE '%social%' THEN 'social'
		WHEN ${l} LIKE '%chat%' THEN 'chat'
		WHEN ${oneOf(l, ['mail', 'e-mail', 'web form', 'webform'])} OR ${l} LIKE '%mail%' THEN 'email'
		WHEN ${oneOf(l, ['web', 'in-app', 'in app', 'apple messages', 'apple messages for business', 'abc', 'messenger', 'rcs', 'line', 'telegram', 'viber', 'wechat'])} OR ${l} LIKE '%messag%' OR ${l} LIKE '%in-app%' THEN 'messaging'
		ELSE 'other' END`;
}

/** sync/async from a mode column, NULL when the column is absent or unreadable. */
export function modeSql(v: string): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${oneOf(l, ['sync', 'synchronous', 'real-time', 'realtime', 'live'])} THEN 'sync' WHEN ${oneOf(l, ['async', 'asynchronous'])} THEN 'async' ELSE NULL END`;
}

/** The mode a channel gets from the channel_modes setting. */
export function channelModeSql(channel: string, settings: Settings): string {
	const cases = Object.entries(settings.channel_modes)
		.map(([c, mode]) => `WHEN ${quoteLiteral(c)} THEN ${quoteLiteral(mode)}`)
		.join(' ');
	return `CASE ${channel} ${cases} ELSE 'async' END`;
}

/** resolved / open / abandoned from an explicit status, NULL when absent or not recognised. */
export function statusSql(v: string, presetValues?: Record<string, string>): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL ${canonicalFastPath(v, ['resolved', 'open', 'abandoned'], presetValues)} ${presetCases(v, presetValues)}
		WHEN ${oneOf(l, ['solved', 'closed', 'resolved', 'done', 'completed', 'complete', 'handled', 'answered'])} THEN 'resolved'
		WHEN ${oneOf(l, ['new', 'open', 'pending', 'on-hold', 'on hold', 'hold', 'waiting', 'snoozed', 'in progress', 'active', 'assigned', 'unassigned'])} THEN 'open'
		WHEN ${oneOf(l, ['abandoned', 'hang', 'hangup', 'hung up', 'missed', 'no-answer', 'no answer', 'unanswered', 'dropped', 'abandon'])} THEN 'abandoned'
		ELSE NULL END`;
}

/** low / normal / high / urgent, NULL when absent or not recognised. */
export function prioritySql(v: string, presetValues?: Record<string, string>): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL ${canonicalFastPath(v, ['low', 'normal', 'high', 'urgent'], presetValues)} ${presetCases(v, presetValues)}
		WHEN ${oneOf(l, ['low', 'lowest', 'minor', 'p4', '4', 'trivial'])} THEN 'low'
		WHEN ${oneOf(l, ['normal', 'medium', 'med', 'moderate', 'standard', 'p3', '3', 'default'])} THEN 'normal'
		WHEN ${oneOf(l, ['high', 'major', 'p2', '2', 'important'])} THEN 'high'
		WHEN ${oneOf(l, ['urgent', 'critical', 'highest', 'blocker', 'p1', '1', 'emergency', 'p0'])} THEN 'urgent'
		ELSE NULL END`;
}

/** true / false from yes/no-like text; NULL when absent or unreadable. */
export function boolSql(v: string): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} = 'true' THEN true WHEN ${v} = 'false' THEN false WHEN ${oneOf(l, ['true', 't', 'yes', 'y', '1', 'x'])} THEN true WHEN ${oneOf(l, ['false', 'f', 'no', 'n', '0'])} THEN false ELSE NULL END`;
}

const SATISFIED = [
	'good',
	'satisfied',
	'very satisfied',
	'positive',
	'thumbs up',
	'thumbs-up',
	'thumbsup',
	'👍',
	'happy',
	'very happy',
	'extremely happy',
	'great',
	'excellent',
	'amazing',
	'yes',
	'promoter'
];
const UNSATISFIED = [
	'bad',
	'unsatisfied',
	'dissatisfied',
	'not satisfied',
	'very dissatisfied',
	'negative',
	'thumbs down',
	'thumbs-down',
	'thumbsdown',
	'👎',
	'unhappy',
	'very unhappy',
	'extremely unhappy',
	'neutral',
	'okay',
	'ok',
	'poor',
	'terrible',
	'awful',
	'no',
	'detractor',
	'passive'
];

/** csat_satisfied: top two boxes of 1-5 or 9-10 of 0-10, or a satisfied label; NULL when unrated. `scaleMax` comes from the column's values. */
export function csatSatisfiedSql(v: string, scaleMax: number): string {
	const l = `lower(trim(${v}))`;
	const n = `TRY_CAST(${v} AS DOUBLE)`;
	const threshold = scaleMax <= 1 ? 1 : scaleMax <= 5 ? 4 : scaleMax <= 10 ? 9 : 0.8 * scaleMax;
	return `CASE WHEN ${v} IS NULL THEN NULL
		WHEN ${n} IS NOT NULL THEN ${n} >= ${threshold}
		WHEN ${oneOf(l, SATISFIED)} THEN true
		WHEN ${oneOf(l, UNSATISFIED)} THEN false
		ELSE NULL END`;
}

/** The top of the CSAT scale seen in sample values: 1, 5, 10 or the largest number. */
export function csatScaleMax(values: string[]): number {
	const numbers = values
		.filter((v) => v.trim() !== '')
		.map(Number)
		.filter(Number.isFinite);
	const max = numbers.length ? Math.max(...numbers) : 5;
	return max <= 1 ? 1 : max <= 5 ? 5 : max <= 10 ? 10 : max;
}

/** -1..1 from a number or a label. */
export function sentimentSql(v: string): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL
		WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL THEN greatest(-1, least(1, TRY_CAST(${v} AS DOUBLE)))
		WHEN ${oneOf(l, ['very negative', 'very_negative', 'strongly negative'])} THEN -1
		WHEN ${oneOf(l, ['negative', 'neg', 'somewhat negative'])} THEN -0.5
		WHEN ${oneOf(l, ['neutral', 'mixed', 'neu'])} THEN 0
		WHEN ${oneOf(l, ['positive', 'pos', 'somewhat positive'])} THEN 0.5
		WHEN ${oneOf(l, ['very positive', 'very_positive', 'strongly positive'])} THEN 1
		ELSE NULL END`;
}

/** customer / agent / bot / system for a message's author; `booleanInbound` when the column is a true/false "inbound" flag. */
export function roleSql(v: string, booleanInbound: boolean): string {
	const l = `lower(trim(${v}))`;
	const inbound = booleanInbound
		? `WHEN ${oneOf(l, ['true', 't', 'yes', 'y', '1'])} THEN 'customer' WHEN ${oneOf(l, ['false', 'f', 'no', 'n', '0'])} THEN 'agent'`
		: '';
	return `CASE WHEN ${v} IS NULL THEN NULL ${inbound}
		WHEN ${oneOf(l, ['customer', 'end-user', 'end user', 'enduser', 'end_user', 'user', 'requester', 'contact', 'inbound', 'in', 'client', 'visitor', 'lead', 'consumer', 'caller'])} THEN 'customer'
		WHEN ${oneOf(l, ['agent', 'outbound', 'out', 'business', 'assignee', 'admin', 'teammate', 'operator', 'staff', 'human', 'human agent', 'rep', 'representative', 'support'])} THEN 'agent'
		WHEN ${oneOf(l, ['bot', 'ai', 'fin', 'automation', 'auto', 'virtual agent', 'chatbot', 'ai agent', 'auto-reply', 'autoreply', 'auto reply', 'workflow'])} THEN 'bot'
		WHEN ${oneOf(l, ['system', 'note', 'internal', 'internal note', 'event', 'log'])} THEN 'system'
		ELSE NULL END`;
}
