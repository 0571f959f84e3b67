import type { Channel, Mode } from '../../settings/defaults';

export type SimulatedRole = 'customer' | 'agent' | 'bot' | 'system';
export type SimulatedStatus = 'resolved' | 'open' | 'abandoned';
export type SimulatedPriority = 'low' | 'normal' | 'high' | 'urgent';

/** One message of a simulated conversation (times in UTC epoch milliseconds). */
export interface SimulatedMessage {
	t: number;
	role: SimulatedRole;
	/** the agent who wrote it (agent role only) */
	agentId: string | null;
}

/**
 * One simulated conversation, emitted when it ends (or, still open, when the simulated period
 * ends). Times are UTC epoch milliseconds; the canonical fields of data.md follow from it.
 */
export interface SimulatedConversation {
	/** 1, 2, 3 ... in order of arrival */
	id: number;
	/** customer number; repeat contacts reuse it */
	customer: number;
	/** serial of the customer's message thread on this channel (a new thread after one left hanging) */
	thread: number;
	channel: Channel;
	mode: Mode;
	queue: string;
	createdMs: number;
	firstResponseMs: number | null;
	closedMs: number | null;
	status: SimulatedStatus;
	/** last human agent, `agent-017` */
	agentId: string | null;
	/** agent focus seconds (sync: talk time; async: sum of min(gap, 600 s) before each agent message) */
	handleS: number | null;
	botInvolved: boolean;
	botResolved: boolean;
	reopens: number;
	/** 1..5 when the customer rated */
	csat: number | null;
	/** a survey was sent (resolved with a human or a bot) */
	csatOffered: boolean;
	priority: SimulatedPriority;
	category: string;
	/** -1..1 */
	sentiment: number;
	messagesIn: number;
	/** bot and agent messages */
	messagesOut: number;
	/** agent messages only */
	agentMessages: number;
	/** the id of the conversation this one repeats (same customer within days), else null */
	repeatOf: number | null;
	/** every message in time order, when the simulation was asked to record them */
	messages: SimulatedMessage[] | null;
}
