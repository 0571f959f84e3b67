import type { Channel } from '../../settings/defaults';
import type { SimulatedConversation } from '../../planning/simulate/conversation';
import { csvLine, decimal } from './csv';
import { customerLabel, secondsBetween, subjectOf, type FormatContext, type GeneratedFormat } from './format';

const FOUR_DAYS_MS = 4 * 86_400_000;

/** Helpdesks close solved tickets after a few days; older solved ones show as closed. */
function longSolved(c: SimulatedConversation, context: FormatContext): boolean {
	return c.closedMs !== null && context.endMs - c.closedMs > FOUR_DAYS_MS;
}

function closedAt(c: SimulatedConversation): number | null {
	return c.status === 'open' ? null : c.closedMs;
}

const ZENDESK_VIA: Record<Channel, string> = {
	voice: 'Phone call (incoming)',
	chat: 'Chat',
	messaging: 'Web Widget',
	whatsapp: 'WhatsApp',
	sms: 'Text',
	social: 'Facebook',
	email: 'Email',
	other: 'Email'
};

export const zendeskFormat: GeneratedFormat = {
	name: 'zendesk',
	needsMessages: false,
	header:
		'Id,Subject,Requester,Requester id,Assignee,Group,Status,Priority,Via,Tags,Created at,Solved at,First reply time in minutes,Full resolution time in minutes,Satisfaction Score,Reopens,Agent replies\n',
	write(c, context, out) {
		const status =
			c.status === 'open'
				? c.firstResponseMs === null
					? 'new'
					: c.id % 3 === 0
						? 'pending'
						: 'open'
				: c.status === 'abandoned' || longSolved(c, context)
					? 'closed'
					: 'solved';
		const firstReplyS = secondsBetween(c.createdMs, c.firstResponseMs);
		const resolutionS = secondsBetween(c.createdMs, closedAt(c));
		const via = c.channel === 'social' && c.id % 2 === 0 ? 'Twitter' : ZENDESK_VIA[c.channel];
		const score = c.csat !== null ? (c.csat >= 4 ? 'Good' : 'Bad') : c.csatOffered ? 'Offered' : 'Unoffered';
		out.push(
			csvLine([
				10_000 + c.id,
				subjectOf(c.category),
				`Customer ${c.customer}`,
				c.customer,
				c.agentId,
				c.queue,
				status,
				c.priority,
				via,
				c.category,
				context.zone.formatLocal(c.createdMs),
				closedAt(c) === null ? null : context.zone.formatLocal(closedAt(c)!),
				// Zendesk writes whole minutes: created + minutes can land up to 59 s after Solved at, as in real exports
				firstReplyS === null ? null : Math.ceil(firstReplyS / 60),
				resolutionS === null ? null : Math.round(resolutionS / 60),
				score,
				c.reopens,
				c.agentMessages
			])
		);
		return 1;
	}
};

const INTERCOM_VIA: Record<Channel, string> = {
	voice: 'Phone',
	chat: 'Messenger',
	messaging: 'Messenger',
	whatsapp: 'WhatsApp',
	sms: 'SMS',
	social: 'Facebook',
	email: 'Email',
	other: 'Email'
};

function intercomTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

export const intercomFormat: GeneratedFormat = {
	name: 'intercom',
	needsMessages: false,
	header:
		'Conversation ID,Conversation started at,Started via,Conversation state,Teammate assigned,Team assigned,User ID,First response time (seconds),Time to close (seconds),Closed at,Conversation rating,Fin involved,Fin resolved,Tags,Priority\n',
	write(c, _context, out) {
		const state = c.status === 'open' ? (c.reopens > 0 ? 'snoozed' : 'open') : 'closed';
		const firstReplyS = secondsBetween(c.createdMs, c.firstResponseMs);
		const closeS = secondsBetween(c.createdMs, closedAt(c));
		const via = c.channel === 'social' && c.id % 2 === 0 ? 'Instagram' : INTERCOM_VIA[c.channel];
		out.push(
			csvLine([
				String(215_000_000_000 + c.id),
				intercomTime(c.createdMs),
				via,
				state,
				c.agentId,
				c.queue,
				customerLabel(c.customer),
				firstReplyS === null ? null : Math.round(firstReplyS),
				closeS === null ? null : Math.round(closeS),
				closedAt(c) === null ? null : intercomTime(closedAt(c)!),
				c.csat,
				c.botInvolved,
				c.botResolved,
				c.category,
				c.priority
			])
		);
		return 1;
	}
};

const FRESHDESK_SOURCE: Record<Channel, string> = {
	voice: 'Phone',
	chat: 'Chat',
	messaging: 'Portal',
	whatsapp: 'WhatsApp',
	sms: 'Portal',
	social: 'Facebook',
	email: 'Email',
	other: 'Portal'
};
const FRESHDESK_PRIORITY = { low: 'Low', normal: 'Medium', high: 'High', urgent: 'Urgent' } as const;
const FRESHDESK_RATING = ['', 'Extremely Unhappy', 'Unhappy', 'Neutral', 'Happy', 'Extremely Happy'];

export const freshdeskFormat: GeneratedFormat = {
	name: 'freshdesk',
	needsMessages: false,
	header:
		'Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,First response time (in hrs),Resolution time (in hrs),Customer interactions,Agent interactions,Requester email,Contact ID,Satisfaction rating\n',
	write(c, context, out) {
		const closed = closedAt(c);
		const status =
			c.status === 'open' ? (c.firstResponseMs === null ? 'Open' : 'Pending') : c.status === 'abandoned' || longSolved(c, context) ? 'Closed' : 'Resolved';
		const firstReplyS = secondsBetween(c.createdMs, c.firstResponseMs);
		const resolutionS = secondsBetween(c.createdMs, closed);
		const source = c.channel === 'social' && c.id % 2 === 0 ? 'Twitter' : FRESHDESK_SOURCE[c.channel];
		const local = (ms: number | null) => (ms === null ? null : context.zone.formatLocal(ms));
		out.push(
			csvLine([
				c.id,
				subjectOf(c.category),
				status,
				FRESHDESK_PRIORITY[c.priority],
				source,
				c.category,
				c.agentId,
				c.queue,
				local(c.createdMs),
				local(closed),
				status === 'Closed' ? local(closed) : null,
				firstReplyS === null ? null : decimal(firstReplyS / 3600, 4),
				resolutionS === null ? null : decimal(resolutionS / 3600, 4),
				c.messagesIn,
				c.agentMessages,
				`${customerLabel(c.customer)}@example.com`,
				c.customer,
				c.csat === null ? null : FRESHDESK_RATING[c.csat]
			])
		);
		return 1;
	}
};
