import type { SimulatedConversation } from '../../planning/simulate/conversation';
import type { ZoneClock } from '../../planning/simulate/zone';

export const FORMATS = ['conversations', 'messages', 'zendesk', 'intercom', 'freshdesk'] as const;
export type GeneratedFormatName = (typeof FORMATS)[number];

/** What a format needs besides the conversation: the dataset's zone and the export instant. */
export interface FormatContext {
	zone: ZoneClock;
	/** the end of the simulated period: "now" for the export (old solved tickets are closed) */
	endMs: number;
}

/** A file shape: its header line and the CSV lines one conversation becomes. */
export interface GeneratedFormat {
	name: GeneratedFormatName;
	/** simulated messages are needed */
	needsMessages: boolean;
	header: string;
	/** appends the lines of one conversation to `out` and returns how many rows it wrote */
	write(c: SimulatedConversation, context: FormatContext, out: string[]): number;
}

export function customerLabel(customer: number): string {
	return `cust-${String(customer).padStart(6, '0')}`;
}

const SUBJECTS: Record<string, string> = {
	order_status: 'Where is my order?',
	billing: 'Question about my invoice, charged twice',
	account: 'Cannot log in to my account',
	troubleshooting: 'App keeps crashing after the "update"',
	outage: 'Service down, nothing loads',
	cancellation: 'Please cancel my subscription',
	fraud: 'Unknown payment on my card',
	general: 'Opening hours, delivery areas'
};

export function subjectOf(category: string): string {
	return SUBJECTS[category] ?? 'Question';
}

/** Whole-second duration between the two timestamps as written (floored), so durations add back up exactly. */
export function secondsBetween(fromMs: number, toMs: number | null): number | null {
	return toMs === null ? null : Math.floor(toMs / 1000) - Math.floor(fromMs / 1000);
}
