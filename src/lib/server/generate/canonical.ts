import { formatUtcIso } from '../../planning/simulate/zone';
import { csvLine } from './csv';
import { customerLabel, subjectOf, type GeneratedFormat } from './format';

/** Generic conversation rows with data.md's canonical field names. */
export const conversationsFormat: GeneratedFormat = {
	name: 'conversations',
	needsMessages: false,
	header:
		'conversation_id,created_at,first_response_at,closed_at,status,channel,queue,agent_id,customer_id,handle_s,bot_involved,bot_resolved,reopens,csat,priority,category,sentiment,messages_in,messages_out\n',
	write(c, _context, out) {
		// every value here is generated (no commas, quotes or line breaks), so no quoting is needed
		const first = c.firstResponseMs === null ? '' : formatUtcIso(c.firstResponseMs);
		const closed = c.closedMs === null || c.status === 'open' ? '' : formatUtcIso(c.closedMs);
		out.push(
			`conv-${String(c.id).padStart(8, '0')},${formatUtcIso(c.createdMs)},${first},${closed},${c.status},${c.channel},${c.queue},${c.agentId ?? ''},${customerLabel(c.customer)},` +
				`${c.handleS ?? ''},${c.botInvolved},${c.botResolved},${c.reopens},${c.csat ?? ''},${c.priority},${c.category},${c.sentiment},${c.messagesIn},${c.messagesOut}\n`
		);
		return 1;
	}
};

const BODIES: Record<string, string[]> = {
	customer: ['Hi, I need help', 'Any news?', 'Thanks, but it still does not work', 'Can someone "please" look at this'],
	agent: ['Thanks for reaching out, looking into it now', 'Could you send me your order number?', 'Done, it should work now', 'Happy to help, anything else?'],
	bot: ['Hi! I am the virtual assistant, how can I help?', 'Here is an article that may help', 'Connecting you to an agent'],
	system: ['Conversation assigned']
};

/** Message rows (one per message); one thread per customer and channel, a new one after a thread was left hanging. */
export const messagesFormat: GeneratedFormat = {
	name: 'messages',
	needsMessages: true,
	header: 'message_id,thread_id,ts,role,agent_id,channel,customer_id,queue,body\n',
	write(c, _context, out) {
		const messages = c.messages ?? [];
		const thread = `th-${customerLabel(c.customer)}-${c.channel}${c.thread > 0 ? `-${c.thread}` : ''}`;
		const customer = customerLabel(c.customer);
		messages.forEach((m, k) => {
			const bodies = BODIES[m.role];
			const body = k === 0 ? subjectOf(c.category) : bodies[(c.id + k) % bodies.length];
			out.push(csvLine([`m-${c.id}-${k + 1}`, thread, formatUtcIso(m.t), m.role, m.agentId, c.channel, customer, c.queue, body]));
		});
		return messages.length;
	}
};
