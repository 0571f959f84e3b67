/** The columns of the conversations table (the canonical fields of data.md, as stored) and their headings. */
import type { TableColumn } from './components/table';

export interface DrillRow {
	conversation_id: string;
	created_at: string;
	first_response_at: string | null;
	closed_at: string | null;
	status: string;
	channel: string;
	channel_raw: string | null;
	mode: string;
	queue: string | null;
	agent_id: string | null;
	/** stored hashed with the install's salt */
	customer_id: string | null;
	handle_s: number | null;
	bot_involved: boolean;
	bot_resolved: boolean;
	reopens: number | null;
	csat: string | null;
	priority: string | null;
	category: string | null;
	sentiment: number | null;
	messages_in: number | null;
	messages_out: number | null;
}

export const DRILL_COLUMNS: (TableColumn & { key: keyof DrillRow; time?: boolean })[] = [
	{ key: 'conversation_id', label: 'Conversation', kind: 'text' },
	{ key: 'created_at', label: 'Created', kind: 'text', time: true },
	{ key: 'first_response_at', label: 'First response', kind: 'text', time: true },
	{ key: 'closed_at', label: 'Closed', kind: 'text', time: true },
	{ key: 'status', label: 'Status', kind: 'text' },
	{ key: 'channel', label: 'Channel', kind: 'text' },
	{ key: 'channel_raw', label: 'Channel in the file', kind: 'text' },
	{ key: 'mode', label: 'Mode', kind: 'text' },
	{ key: 'queue', label: 'Queue', kind: 'text' },
	{ key: 'agent_id', label: 'Agent', kind: 'text' },
	{ key: 'customer_id', label: 'Customer (hashed)', kind: 'text' },
	{ key: 'handle_s', label: 'Handle time', kind: 'duration' },
	{ key: 'bot_involved', label: 'Bot involved', kind: 'text' },
	{ key: 'bot_resolved', label: 'Bot resolved', kind: 'text' },
	{ key: 'reopens', label: 'Reopens', kind: 'count' },
	{ key: 'csat', label: 'CSAT', kind: 'text' },
	{ key: 'priority', label: 'Priority', kind: 'text' },
	{ key: 'category', label: 'Category', kind: 'text' },
	{ key: 'sentiment', label: 'Sentiment', kind: 'number' },
	{ key: 'messages_in', label: 'Messages in', kind: 'count' },
	{ key: 'messages_out', label: 'Messages out', kind: 'count' }
];
