/**
 * How each Overview metric is shown and explained: label, unit kind, which direction is better, and the
 * "how is this computed?" text in plain words (consistent with metrics.md).
 */
import type { ValueKind } from '../format';

export interface MetricInfo {
	label: string;
	kind: ValueKind;
	better: 'lower' | 'higher' | 'neutral';
	info: string;
}

export const METRIC_INFO = {
	conversations: {
		label: 'Conversations',
		kind: 'count',
		better: 'neutral',
		info: 'Conversations created in the date range that pass the filters, counted once each whatever their status.'
	},
	frt_p50_s: {
		label: 'First response, median',
		kind: 'duration',
		better: 'lower',
		info: 'Time from the customer starting the conversation to the first reply by a person. Half of answered conversations got their first reply faster than this. Unanswered conversations are left out; bot replies do not count.'
	},
	frt_p90_s: {
		label: 'First response, 90th percentile',
		kind: 'duration',
		better: 'lower',
		info: 'Nine in ten answered conversations got their first human reply within this time: the wait of the slow tail, on the calendar clock.'
	},
	resolution_p50_s: {
		label: 'Resolution, median',
		kind: 'duration',
		better: 'lower',
		info: 'Time from the start of a conversation to its close, over resolved conversations only. Half were resolved faster than this.'
	},
	resolution_p90_s: {
		label: 'Resolution, 90th percentile',
		kind: 'duration',
		better: 'lower',
		info: 'Nine in ten resolved conversations were closed within this time after they started.'
	},
	sla_attainment: {
		label: 'SLA attainment',
		kind: 'percent',
		better: 'higher',
		info: "Share of conversations answered within their channel's first-response target (Settings), on the clock the target names: calendar time, or business hours only. Bot-resolved conversations are left out, abandoned ones count as misses, and open unanswered ones count only once they are past the target."
	},
	concurrency_mean: {
		label: 'Concurrency',
		kind: 'number',
		better: 'neutral',
		info: 'How many conversations an agent holds at once while busy: for each agent, the number of open assigned conversations (first reply to close) averaged over the time they hold at least one, weighted by busy time.'
	},
	open_now: {
		label: 'Open backlog now',
		kind: 'count',
		better: 'lower',
		info: 'Conversations open at the end of the range: started, and neither closed nor (for abandoned ones) given up yet. Compared with the same moment at the end of the previous period.'
	},
	after_hours_share: {
		label: 'After-hours share',
		kind: 'percent',
		better: 'neutral',
		info: 'Share of conversations that started outside business hours (Settings: time zone, weekly hours, holidays). Closed days and holidays count as after hours.'
	},
	cost_per_conversation: {
		label: 'Cost per conversation',
		kind: 'money',
		better: 'lower',
		info: "Agent time at the concurrency the agent held (focus time from the export or message log divided by the threads held at once; without it, each agent's time split evenly across what they held, marked estimated) times the hourly cost of the mode divided by its occupancy, plus the bot cost per bot-handled conversation; averaged over conversations. The Plan quotes the same number."
	},
	csat_score: {
		label: 'CSAT',
		kind: 'percent',
		better: 'higher',
		info: 'Share of rated conversations whose rating counts as satisfied. Unrated conversations are left out; without ratings it shows no data.'
	},
	containment_rate: {
		label: 'Bot containment',
		kind: 'percent',
		better: 'higher',
		info: 'Of the conversations a bot took part in, the share the bot resolved without the customer coming back within the repeat window.'
	},
	repeat_contact_rate: {
		label: 'Repeat contact',
		kind: 'percent',
		better: 'lower',
		info: 'Share of conversations (with a known customer) after which the same customer started another one, on any channel, within the repeat window (Settings, 7 days by default) of its close.'
	}
} as const satisfies Record<string, MetricInfo>;

export type OverviewMetric = keyof typeof METRIC_INFO;
