import type { Migration } from './migration';

/**
 * The columns whose values come from a closed list, as ENUM types: one byte per row instead of a string.
 * Writing the strings was the largest part of an import's final write (each low-cardinality VARCHAR cost about
 * as much as three numeric columns). Values are listed alphabetically, so ENUM order sorts and compares like the text did.
 * The lists are frozen here; a new value needs a new migration (`closed-vocabularies.test.ts` checks them against the code).
 */
export const CLOSED_VOCABULARIES = {
	conversation_status: ['abandoned', 'open', 'resolved'],
	channel_name: ['chat', 'email', 'messaging', 'other', 'sms', 'social', 'voice', 'whatsapp'],
	channel_mode: ['async', 'sync'],
	priority_level: ['high', 'low', 'normal', 'urgent'],
	coverage_kind: ['answered_after_hours', 'answered_in_hours', 'bot_resolved', 'unanswered', 'waited_for_opening']
} as const;

const COLUMN_TYPES: [column: string, type: keyof typeof CLOSED_VOCABULARIES][] = [
	['status', 'conversation_status'],
	['channel', 'channel_name'],
	['mode', 'channel_mode'],
	['priority', 'priority_level'],
	['coverage', 'coverage_kind']
];

export const closedVocabularies: Migration = {
	version: 6,
	name: 'closed_vocabularies',
	statements: [
		...Object.entries(CLOSED_VOCABULARIES).map(([type, values]) => `CREATE TYPE ${type} AS ENUM (${values.map((v) => `'${v}'`).join(', ')})`),
		...COLUMN_TYPES.map(([column, type]) => `ALTER TABLE conversations ALTER ${column} TYPE ${type}`)
	]
};
