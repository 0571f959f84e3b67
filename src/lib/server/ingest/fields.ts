/** The canonical fields of data.md, what each holds, and the header names that mean it. */
export type FieldType = 'id' | 'timestamp' | 'text' | 'seconds' | 'bool' | 'int' | 'label';

export interface FieldSpec {
	type: FieldType;
	required: boolean;
	/** normalised header names (see normalizeHeader) that map to this field */
	synonyms: string[];
}

export const CONVERSATION_FIELDS = {
	conversation_id: {
		type: 'id',
		required: true,
		synonyms: [
			'conversation id',
			'conversation',
			'ticket id',
			'ticket',
			'id',
			'case id',
			'case number',
			'interaction id',
			'contact id',
			'call id',
			'chat id',
			'session id',
			'number'
		]
	},
	created_at: {
		type: 'timestamp',
		required: true,
		synonyms: [
			'created at',
			'created',
			'created time',
			'creation time',
			'created date',
			'start time',
			'started at',
			'start',
			'opened',
			'opened at',
			'arrival',
			'arrival time',
			'arrived at',
			'received at',
			'date created',
			'conversation started at',
			'timestamp'
		]
	},
	first_response_at: {
		type: 'timestamp',
		required: false,
		synonyms: [
			'first response at',
			'first reply at',
			'first responded at',
			'answered at',
			'answer time',
			'initial response time',
			'first response time',
			'first reply time',
			'first agent reply at',
			'responded at'
		]
	},
	closed_at: {
		type: 'timestamp',
		required: false,
		synonyms: [
			'closed at',
			'closed',
			'closed time',
			'solved at',
			'solved',
			'resolved at',
			'resolved time',
			'resolved',
			'end time',
			'ended',
			'ended at',
			'end',
			'completed at',
			'finished at'
		]
	},
	status: { type: 'label', required: false, synonyms: ['status', 'state', 'ticket status', 'conversation state', 'outcome', 'disposition'] },
	channel: {
		type: 'label',
		required: false,
		synonyms: ['channel', 'via', 'source', 'medium', 'media type', 'media', 'contact channel', 'ticket channel', 'started via']
	},
	mode: { type: 'label', required: false, synonyms: ['mode', 'sync async', 'interaction mode'] },
	queue: {
		type: 'text',
		required: false,
		synonyms: ['queue', 'group', 'team', 'inbox', 'skill', 'department', 'assigned team', 'team assigned', 'group name']
	},
	agent_id: {
		type: 'text',
		required: false,
		synonyms: ['agent id', 'agent', 'assignee', 'owner', 'server', 'agent name', 'assignee name', 'teammate', 'teammate assigned', 'handled by', 'user']
	},
	customer_id: {
		type: 'text',
		required: false,
		synonyms: ['customer id', 'customer', 'requester id', 'requester', 'user id', 'contact', 'end user', 'client id', 'caller', 'caller id', 'visitor id']
	},
	handle_s: {
		type: 'seconds',
		required: false,
		synonyms: ['handle s', 'handle time', 'handle time s', 'handle time seconds', 'handling time', 'aht', 'talk time', 'focus time', 'active time', 'work time']
	},
	bot_involved: { type: 'bool', required: false, synonyms: ['bot involved', 'bot', 'ai involved', 'automated', 'fin involved', 'bot handled'] },
	bot_resolved: {
		type: 'bool',
		required: false,
		synonyms: ['bot resolved', 'ai resolved', 'automated resolution', 'fin resolved', 'resolved by bot', 'self served']
	},
	reopens: { type: 'int', required: false, synonyms: ['reopens', 'reopened', 'reopen count', 'times reopened'] },
	csat: {
		type: 'label',
		required: false,
		synonyms: ['csat', 'satisfaction', 'satisfaction score', 'satisfaction rating', 'rating', 'conversation rating', 'csat score', 'survey score']
	},
	priority: { type: 'label', required: false, synonyms: ['priority', 'urgency', 'severity'] },
	category: {
		type: 'text',
		required: false,
		synonyms: ['category', 'intent', 'topic', 'tags', 'type', 'reason', 'contact reason', 'issue type', 'disposition code']
	},
	sentiment: { type: 'label', required: false, synonyms: ['sentiment', 'sentiment score', 'customer sentiment'] },
	messages_in: {
		type: 'int',
		required: false,
		synonyms: ['messages in', 'inbound messages', 'customer messages', 'customer replies', 'customer interactions', 'requester replies']
	},
	messages_out: {
		type: 'int',
		required: false,
		synonyms: ['messages out', 'outbound messages', 'agent messages', 'agent replies', 'agent interactions', 'replies']
	}
} satisfies Record<string, FieldSpec>;

export const MESSAGE_FIELDS = {
	thread_id: { type: 'id', required: true, synonyms: ['thread id', 'thread', 'conversation id', 'conversation', 'ticket id', 'chat id', 'session id'] },
	ts: { type: 'timestamp', required: true, synonyms: ['ts', 'timestamp', 'time', 'sent at', 'created at', 'date', 'message time', 'datetime'] },
	role: {
		type: 'label',
		required: true,
		synonyms: ['role', 'author role', 'sender role', 'sender type', 'author type', 'from', 'direction', 'inbound', 'is inbound', 'participant']
	},
	agent_id: { type: 'text', required: false, synonyms: ['agent id', 'agent', 'author id', 'sender id', 'assignee', 'teammate'] },
	channel: { type: 'label', required: false, synonyms: ['channel', 'via', 'source', 'medium', 'platform'] },
	customer_id: { type: 'text', required: false, synonyms: ['customer id', 'customer', 'user id', 'contact id', 'requester id'] },
	queue: { type: 'text', required: false, synonyms: ['queue', 'group', 'team', 'inbox'] }
} satisfies Record<string, FieldSpec>;

export type ConversationField = keyof typeof CONVERSATION_FIELDS;
export type MessageField = keyof typeof MESSAGE_FIELDS;
export type Kind = 'conversations' | 'messages';

export function fieldsOf(kind: Kind): Record<string, FieldSpec> {
	return kind === 'messages' ? MESSAGE_FIELDS : CONVERSATION_FIELDS;
}

/** "First Reply Time (in hrs)" → "first reply time in hrs": lower case, words only. */
export function normalizeHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/[_\-./()[\]:#]+/g, ' ')
		.replace(/[^\p{L}\p{N} ]+/gu, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Edit distance, for naming the closest headers when a field is not found. */
export function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}

/** The headers closest to a field's name and synonyms, best first. */
export function closestHeaders(field: string, spec: FieldSpec, headers: string[], count = 3): string[] {
	const names = [normalizeHeader(field), ...spec.synonyms];
	return headers
		.map((header) => {
			const h = normalizeHeader(header);
			const distance = Math.min(...names.map((n) => editDistance(n, h) / Math.max(n.length, h.length, 1)));
			return { header, distance };
		})
		.sort((a, b) => a.distance - b.distance)
		.slice(0, count)
		.map((c) => c.header);
}
