import type { Channel, Mode } from '../../settings/defaults';
import type { SimulatedPriority } from './conversation';

/** How contacts on one channel behave in the generated demo contact center. */
export interface ChannelBehaviour {
	channel: Channel;
	mode: Mode;
	/** share of first contacts */
	share: number;
	/** name of the agent pool that serves it */
	pool: string;
	/** share of contacts a bot answers first */
	botShare: number;
	/** sync: mean exponential patience in the queue */
	patienceMeanS: number;
	/** sync: mean talk/chat time */
	serviceMeanS: number;
	/** async: mean time an agent takes to write one reply when holding one conversation */
	composeMeanS: number;
	/** async: mean number of extra customer-agent exchanges in one sitting */
	exchangesMean: number;
	/** async: median customer reply delay within a sitting */
	replyMedianS: number;
	/** async: chance a sitting ends with the customer going away to come back later */
	pendingShare: number;
	/** async: median delay before a pending customer comes back */
	returnMedianS: number;
	/** async: a quiet customer keeps their slot with the agent up to this long; a longer silence parks the thread (slot freed, re-queued on return) */
	holdQuietS: number;
	/** sync: mean seconds from pick-up to the first word (ring, accept), part of the first response time */
	answerMeanS: number;
	/** hour-of-day demand shape: 'office' peaks mid-morning and afternoon, 'evening' stays higher after work */
	shape: 'office' | 'evening';
}

export interface CategoryBehaviour {
	name: string;
	weight: number;
	queue: string;
	/** chance a bot resolves it when it takes the first touch */
	botResolve: number;
	sentimentMean: number;
	priorityWeights: Record<SimulatedPriority, number>;
}

const usual = { low: 15, normal: 60, high: 20, urgent: 5 };
const pressing = { low: 2, normal: 28, high: 40, urgent: 30 };

export const CATEGORIES: CategoryBehaviour[] = [
	{ name: 'order_status', weight: 22, queue: 'orders', botResolve: 0.55, sentimentMean: 0, priorityWeights: usual },
	{ name: 'billing', weight: 18, queue: 'billing', botResolve: 0.3, sentimentMean: -0.2, priorityWeights: usual },
	{ name: 'account', weight: 14, queue: 'accounts', botResolve: 0.45, sentimentMean: 0.05, priorityWeights: usual },
	{ name: 'troubleshooting', weight: 19, queue: 'tech-support', botResolve: 0.15, sentimentMean: -0.3, priorityWeights: usual },
	{ name: 'outage', weight: 4, queue: 'tech-support', botResolve: 0.1, sentimentMean: -0.6, priorityWeights: pressing },
	{ name: 'cancellation', weight: 7, queue: 'retention', botResolve: 0.05, sentimentMean: -0.4, priorityWeights: usual },
	{ name: 'fraud', weight: 3, queue: 'trust-safety', botResolve: 0.02, sentimentMean: -0.7, priorityWeights: pressing },
	{ name: 'general', weight: 13, queue: 'general', botResolve: 0.5, sentimentMean: 0.2, priorityWeights: usual }
];

// a messaging sitting: short replies, customers answering within minutes, a fifth going quiet for an hour or more
const asyncChat = { composeMeanS: 110, exchangesMean: 2.2, replyMedianS: 150, pendingShare: 0.2, returnMedianS: 50 * 60, holdQuietS: 2 * 3600, answerMeanS: 0 };
const none = { patienceMeanS: 0, serviceMeanS: 0 };

export const CHANNEL_BEHAVIOUR: ChannelBehaviour[] = [
	{
		channel: 'voice',
		mode: 'sync',
		share: 0.27,
		pool: 'voice',
		botShare: 0.12,
		patienceMeanS: 150,
		serviceMeanS: 380,
		...asyncChat,
		answerMeanS: 6,
		shape: 'office'
	},
	{
		channel: 'chat',
		mode: 'sync',
		share: 0.2,
		pool: 'chat',
		botShare: 0.55,
		patienceMeanS: 240,
		serviceMeanS: 600,
		...asyncChat,
		answerMeanS: 12,
		shape: 'office'
	},
	{ channel: 'messaging', mode: 'async', share: 0.13, pool: 'messaging', botShare: 0.6, ...none, ...asyncChat, shape: 'evening' },
	{ channel: 'whatsapp', mode: 'async', share: 0.12, pool: 'messaging', botShare: 0.5, ...none, ...asyncChat, shape: 'evening' },
	{ channel: 'sms', mode: 'async', share: 0.04, pool: 'messaging', botShare: 0.2, ...none, ...asyncChat, shape: 'evening' },
	{ channel: 'social', mode: 'async', share: 0.06, pool: 'messaging', botShare: 0.3, ...none, ...asyncChat, shape: 'evening' },
	{
		channel: 'email',
		mode: 'async',
		share: 0.18,
		pool: 'email',
		botShare: 0,
		...none,
		composeMeanS: 420,
		exchangesMean: 0.2,
		replyMedianS: 1800,
		pendingShare: 0.15,
		returnMedianS: 3 * 3600,
		holdQuietS: 0,
		answerMeanS: 0,
		shape: 'office'
	}
];

/**
 * Relative demand by local hour of day (0..23): contact centers take roughly 70-80% of contacts
 * inside office hours; messaging keeps more of the evening.
 */
export const HOUR_SHAPE: Record<ChannelBehaviour['shape'], number[]> = {
	office: [0.04, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.35, 0.9, 1.75, 2.0, 1.9, 1.45, 1.65, 1.85, 1.7, 1.45, 0.6, 0.35, 0.25, 0.18, 0.12, 0.08, 0.05],
	evening: [0.1, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.35, 0.85, 1.55, 1.75, 1.7, 1.5, 1.6, 1.7, 1.6, 1.45, 0.75, 0.55, 0.5, 0.42, 0.32, 0.2, 0.12]
};

/** Relative demand by local weekday, Monday first: weekends much quieter. */
export const WEEKDAY_SHAPE = [1.2, 1.1, 1.05, 1.0, 0.95, 0.25, 0.15];

/** Agents slow down when they juggle: reply time grows by this share per extra conversation held. */
export const ASYNC_SLOWDOWN = 0.2;
/** The most async conversations an agent holds at once in the demo (K), the planning default. */
export const ASYNC_CONCURRENCY = 5;
/** Share of contacts that come back within days (repeat contacts), before the outcome weighting. */
export const REPEAT_SHARE = 0.1;
/** Share of repeats that use another channel. */
export const REPEAT_OTHER_CHANNEL = 0.35;
/** Sessionization's focus cap (data.md): the longest gap counted as an agent's focus before one message. */
export const FOCUS_CAP_S = 600;
