import type { Settings } from '../../settings/defaults';
import { CHANNELS } from '../../settings/defaults';
import { quoteLiteral } from '../db/sql';

/**
 * SQL expressions that turn raw text values into canonical ones. `v` is a trimmed VARCHAR expression (NULL when empty).
 * Word lists are `list_contains([...], x)`, not `x IN (...)`: DuckDB turns a longer IN list into a join, and the
 * staging query then reports no progress at all while it reads the file.
 */

const list = (values: string[]) => values.map(quoteLiteral).join(', ');

/**
 * `WHEN v is one of the canonical values THEN v`: most files already write the canonical lowercase word, and this
 * skips the lower/trim/LIKE chain for them (~0.1 s per column per million rows). Words a preset maps elsewhere are left to it.
 */
function canonicalFastPath(v: string, canonical: readonly string[], presetValues: Record<string, string> | undefined): string {
	const remapped = new Set(Object.keys(presetValues ?? {}).map((k) => k.toLowerCase()));
	const kept = canonical.filter((c) => !remapped.has(c));
	return kept.length ? `WHEN list_contains([${list(kept)}], ${v}) THEN ${v}` : '';
}

function presetCases(v: string, values: Record<string, string> | undefined): string {
	const entries = Object.entries(values ?? {});
	return entries.map(([raw, canonical]) => `WHEN lower(trim(${v})) = ${quoteLiteral(raw.toLowerCase())} THEN ${quoteLiteral(canonical)}`).join(' ');
}

/** voice chat messaging sms whatsapp social email, else other (NULL stays NULL: no channel given). */
export function channelSql(v: string, presetValues?: Record<string, string>): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL ${canonicalFastPath(v, CHANNELS, presetValues)} ${presetCases(v, presetValues)}
		WHEN list_contains([${list([...CHANNELS])}], ${l}) THEN ${l}
		WHEN ${l} LIKE '%whatsapp%' THEN 'whatsapp'
		WHEN ${l} LIKE '%phone%' OR ${l} LIKE '%call%' OR list_contains(['telephone', 'telephony', 'ivr', 'voip', 'voicemail', 'audio'], ${l}) THEN 'voice'
		WHEN list_contains(['text', 'text message', 'mms', 'sms/mms'], ${l}) OR ${l} LIKE 'sms%' THEN 'sms'
		WHEN list_contains(['twitter', 'x', 'facebook', 'instagram', 'fb', 'tiktok', 'linkedin', 'x (twitter)'], ${l}) OR ${l} LIKE '%facebook%' OR ${l} LIKE '%twitter%' OR ${l} LIKE '%instagram%' OR ${l} LIKE '%social%' THEN 'social'
		WHEN ${l} LIKE '%chat%' THEN 'chat'
		WHEN list_contains(['mail', 'e-mail', 'web form', 'webform'], ${l}) OR ${l} LIKE '%mail%' THEN 'email'
		WHEN list_contains(['web', 'in-app', 'in app', 'apple messages', 'apple messages for business', 'abc', 'messenger', 'rcs', 'line', 'telegram', 'viber', 'wechat'], ${l}) OR ${l} LIKE '%messag%' OR ${l} LIKE '%in-app%' THEN 'messaging'
		ELSE 'other' END`;
}

/** sync/async from a mode column, NULL when the column is absent or unreadable. */
export function modeSql(v: string): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN list_contains(['sync', 'synchronous', 'real-time', 'realtime', 'live'], ${l}) THEN 'sync' WHEN list_contains(['async', 'asynchronous'], ${l}) THEN 'async' ELSE NULL END`;
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
		WHEN list_contains(['solved', 'closed', 'resolved', 'done', 'completed', 'complete', 'handled', 'answered'], ${l}) THEN 'resolved'
		WHEN list_contains(['new', 'open', 'pending', 'on-hold', 'on hold', 'hold', 'waiting', 'snoozed', 'in progress', 'active', 'assigned', 'unassigned'], ${l}) THEN 'open'
		WHEN list_contains(['abandoned', 'hang', 'hangup', 'hung up', 'missed', 'no-answer', 'no answer', 'unanswered', 'dropped', 'abandon'], ${l}) THEN 'abandoned'
		ELSE NULL END`;
}

/** low / normal / high / urgent, NULL when absent or not recognised. */
export function prioritySql(v: string, presetValues?: Record<string, string>): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL ${canonicalFastPath(v, ['low', 'normal', 'high', 'urgent'], presetValues)} ${presetCases(v, presetValues)}
		WHEN list_contains(['low', 'lowest', 'minor', 'p4', '4', 'trivial'], ${l}) THEN 'low'
		WHEN list_contains(['normal', 'medium', 'med', 'moderate', 'standard', 'p3', '3', 'default'], ${l}) THEN 'normal'
		WHEN list_contains(['high', 'major', 'p2', '2', 'important'], ${l}) THEN 'high'
		WHEN list_contains(['urgent', 'critical', 'highest', 'blocker', 'p1', '1', 'emergency', 'p0'], ${l}) THEN 'urgent'
		ELSE NULL END`;
}

/** true / false from yes/no-like text; NULL when absent or unreadable. */
export function boolSql(v: string): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} = 'true' THEN true WHEN ${v} = 'false' THEN false WHEN list_contains(['true', 't', 'yes', 'y', '1', 'x'], ${l}) THEN true WHEN list_contains(['false', 'f', 'no', 'n', '0'], ${l}) THEN false ELSE NULL END`;
}

const SATISFIED = ['good', 'satisfied', 'very satisfied', 'positive', 'thumbs up', 'thumbs-up', 'thumbsup', '👍', 'happy', 'very happy', 'extremely happy', 'great', 'excellent', 'amazing', 'yes', 'promoter'];
const UNSATISFIED = ['bad', 'unsatisfied', 'dissatisfied', 'not satisfied', 'very dissatisfied', 'negative', 'thumbs down', 'thumbs-down', 'thumbsdown', '👎', 'unhappy', 'very unhappy', 'extremely unhappy', 'neutral', 'okay', 'ok', 'poor', 'terrible', 'awful', 'no', 'detractor', 'passive'];

/** csat_satisfied: top two boxes of 1-5 or 9-10 of 0-10, or a satisfied label; NULL when unrated. `scaleMax` comes from the column's values. */
export function csatSatisfiedSql(v: string, scaleMax: number): string {
	const l = `lower(trim(${v}))`;
	const n = `TRY_CAST(${v} AS DOUBLE)`;
	const threshold = scaleMax <= 1 ? 1 : scaleMax <= 5 ? 4 : scaleMax <= 10 ? 9 : 0.8 * scaleMax;
	return `CASE WHEN ${v} IS NULL THEN NULL
		WHEN ${n} IS NOT NULL THEN ${n} >= ${threshold}
		WHEN list_contains([${list(SATISFIED)}], ${l}) THEN true
		WHEN list_contains([${list(UNSATISFIED)}], ${l}) THEN false
		ELSE NULL END`;
}

/** The top of the CSAT scale seen in sample values: 1, 5, 10 or the largest number. */
export function csatScaleMax(values: string[]): number {
	const numbers = values.filter((v) => v.trim() !== '').map(Number).filter(Number.isFinite);
	const max = numbers.length ? Math.max(...numbers) : 5;
	return max <= 1 ? 1 : max <= 5 ? 5 : max <= 10 ? 10 : max;
}

/** -1..1 from a number or a label. */
export function sentimentSql(v: string): string {
	const l = `lower(trim(${v}))`;
	return `CASE WHEN ${v} IS NULL THEN NULL
		WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL THEN greatest(-1, least(1, TRY_CAST(${v} AS DOUBLE)))
		WHEN list_contains(['very negative', 'very_negative', 'strongly negative'], ${l}) THEN -1
		WHEN list_contains(['negative', 'neg', 'somewhat negative'], ${l}) THEN -0.5
		WHEN list_contains(['neutral', 'mixed', 'neu'], ${l}) THEN 0
		WHEN list_contains(['positive', 'pos', 'somewhat positive'], ${l}) THEN 0.5
		WHEN list_contains(['very positive', 'very_positive', 'strongly positive'], ${l}) THEN 1
		ELSE NULL END`;
}

/** customer / agent / bot / system for a message's author; `booleanInbound` when the column is a true/false "inbound" flag. */
export function roleSql(v: string, booleanInbound: boolean): string {
	const l = `lower(trim(${v}))`;
	const inbound = booleanInbound
		? `WHEN list_contains(['true', 't', 'yes', 'y', '1'], ${l}) THEN 'customer' WHEN list_contains(['false', 'f', 'no', 'n', '0'], ${l}) THEN 'agent'`
		: '';
	return `CASE WHEN ${v} IS NULL THEN NULL ${inbound}
		WHEN list_contains(['customer', 'end-user', 'end user', 'enduser', 'end_user', 'user', 'requester', 'contact', 'inbound', 'in', 'client', 'visitor', 'lead', 'consumer', 'caller'], ${l}) THEN 'customer'
		WHEN list_contains(['agent', 'outbound', 'out', 'business', 'assignee', 'admin', 'teammate', 'operator', 'staff', 'human', 'human agent', 'rep', 'representative', 'support'], ${l}) THEN 'agent'
		WHEN list_contains(['bot', 'ai', 'fin', 'automation', 'auto', 'virtual agent', 'chatbot', 'ai agent', 'auto-reply', 'autoreply', 'auto reply', 'workflow'], ${l}) THEN 'bot'
		WHEN list_contains(['system', 'note', 'internal', 'internal note', 'event', 'log'], ${l}) THEN 'system'
		ELSE NULL END`;
}
