/** The canonical fields (data.md) in words, for the mapping preview: a name people say and one line of help. */
export const FIELD_WORDS: Record<string, { label: string; help: string }> = {
	conversation_id: { label: 'Conversation id', help: 'Unique per ticket, chat or call; a repeated id keeps its first row.' },
	created_at: { label: 'Started at', help: 'When the customer first wrote or called: the arrival every metric counts from.' },
	first_response_at: { label: 'First reply at', help: 'The first reply by a person (not a bot or auto-reply); a duration after the start works too.' },
	closed_at: { label: 'Closed at', help: 'When it was resolved, closed or abandoned; empty means still open.' },
	status: { label: 'Status', help: 'Resolved, open or abandoned; worked out from the times when the file has none.' },
	channel: { label: 'Channel', help: 'Phone, chat, WhatsApp, email…; named in the file’s own words, read through synonyms.' },
	mode: { label: 'Sync or async', help: 'Only when the file says it; otherwise the channel decides (Settings → channel modes).' },
	queue: { label: 'Queue or team', help: 'The group, inbox or skill it was routed to.' },
	agent_id: { label: 'Agent', help: 'The person who handled it (the last assignee).' },
	customer_id: { label: 'Customer', help: 'Who asked; stored only as a salted hash, for repeat contacts.' },
	handle_s: { label: 'Handle time', help: 'Time agents actively spent on it; seconds unless the header names another unit.' },
	bot_involved: { label: 'Bot took part', help: 'Yes when a bot or AI answered at some point.' },
	bot_resolved: { label: 'Resolved by a bot', help: 'Yes when it ended with no human reply.' },
	reopens: { label: 'Times reopened', help: 'How often it was reopened after closing.' },
	csat: { label: 'Satisfaction (CSAT)', help: 'The rating as given (1-5, 0-10, good/bad); the top two boxes count as satisfied.' },
	priority: { label: 'Priority', help: 'Low, normal, high or urgent.' },
	category: { label: 'Category', help: 'Intent, topic or tags.' },
	sentiment: { label: 'Sentiment', help: 'A score from -1 to 1, or a label such as negative or positive.' },
	messages_in: { label: 'Customer messages', help: 'How many messages the customer sent.' },
	messages_out: { label: 'Agent messages', help: 'How many messages agents sent.' },
	thread_id: { label: 'Thread id', help: 'The thread a message belongs to; threads are cut into conversations by the gaps between messages.' },
	ts: { label: 'Sent at', help: 'When the message was sent.' },
	role: { label: 'Who wrote it', help: 'Customer, agent, bot or system (inbound/outbound works too).' }
};

/** The field in words, or its name when no words are known. */
export const fieldLabel = (field: string): string => FIELD_WORDS[field]?.label ?? field;
