/**
 * Every per-group metric of metrics.md, declared once: from this table come the group summary's SQL and the hash of its
 * stored copy (server/metrics/summary.ts), the field order and type of `metrics --json` (MetricsGroup), the CLI table's
 * formatting and the dashboard's labels and "how is this computed?" texts (components/metricInfo.ts).
 * Shared by server and browser: strings only, no server imports. A new metric is one row here (and, when it needs a
 * per-conversation value, a column of the `conversation_facts` view).
 */
import type { ValueKind } from '../format';

/** frt_s and resolution_s in integer microseconds: quantiles of integers take ~40% less time than of doubles (then / 1e6). */
export const FRT_US = `date_diff('microsecond', created_at, first_response_at)`;
export const RESOLUTION_US = `CASE WHEN status = 'resolved' THEN date_diff('microsecond', created_at, closed_at) END`;

/** Where a field's value comes from: one aggregate of the summary scan, a quantile of microseconds (shared by the fields of the same expression), or another pass. */
export type MetricSource = { aggregate: string } | { quantileUs: string; at: number } | { pass: 'concurrency' } | { pass: 'backlog' };

export type MetricFamily = 'volume' | 'speed' | 'service' | 'workload' | 'cost' | 'quality';

export interface MetricField {
	name: string;
	source: MetricSource;
	/** how the value is shown (format.ts) */
	kind: ValueKind;
	/** what one unit of the value is */
	unit: 'conversations' | 's' | 'share' | 'conversations at once' | 'currency';
	/** a count is never null; every other field is null when its data is missing (never 0 for "no data") */
	nullable: boolean;
	better: 'lower' | 'higher' | 'neutral';
	label: string;
	/** the dashboard's "how is this computed?" text, in plain words (metrics.md has the exact definition) */
	help: string;
	family: MetricFamily;
	/** the value sums or prices the attributed agent time that the derive's sweep writes: null while an import's derive runs */
	needsAgentTime?: true;
}

const count = <N extends string>(name: N, aggregate: string, label: string, help: string): MetricField & { name: N; nullable: false } => ({
	name,
	source: { aggregate },
	kind: 'count',
	unit: 'conversations',
	nullable: false,
	better: 'neutral',
	label,
	help,
	family: 'volume'
});

const seconds = <N extends string>(name: N, source: MetricSource, label: string, help: string): MetricField & { name: N } => ({
	name,
	source,
	kind: 'duration',
	unit: 's',
	nullable: true,
	better: 'lower',
	label,
	help,
	family: 'speed'
});

/** The fields in the order of the `metrics --json` contract (product.md); a new one goes last, so every earlier byte stays. */
export const METRIC_FIELDS = [
	count(
		'conversations',
		'count(*)',
		'Conversations',
		'Conversations created in the date range that pass the filters, counted once each whatever their status.'
	),
	count('resolved', `count_if(status = 'resolved')`, 'Resolved', 'Conversations closed as resolved.'),
	count('abandoned', `count_if(status = 'abandoned')`, 'Abandoned', 'Conversations the customer gave up on before a reply.'),
	count('open', `count_if(status = 'open')`, 'Open', 'Conversations still open at the end of the data.'),
	seconds(
		'frt_p50_s',
		{ quantileUs: FRT_US, at: 0.5 },
		'First response, median',
		'Time from the customer starting the conversation to the first reply by a person. Half of answered conversations got their first reply faster than this. Unanswered conversations are left out; bot replies do not count.'
	),
	seconds(
		'frt_p90_s',
		{ quantileUs: FRT_US, at: 0.9 },
		'First response, 90th percentile',
		'Nine in ten answered conversations got their first human reply within this time: the wait of the slow tail, on the calendar clock.'
	),
	seconds('frt_mean_s', { aggregate: 'avg(frt_s)' }, 'First response, mean', 'The average wait for the first human reply over answered conversations.'),
	seconds(
		'frt_business_p50_s',
		{ aggregate: 'quantile_cont(frt_business_s, 0.5)' },
		'First response in business hours, median',
		'The median wait for the first human reply counting only business hours (Settings), so a night or weekend wait is not held against the team.'
	),
	seconds(
		'resolution_p50_s',
		{ quantileUs: RESOLUTION_US, at: 0.5 },
		'Resolution, median',
		'Time from the start of a conversation to its close, over resolved conversations only. Half were resolved faster than this.'
	),
	seconds(
		'resolution_p90_s',
		{ quantileUs: RESOLUTION_US, at: 0.9 },
		'Resolution, 90th percentile',
		'Nine in ten resolved conversations were closed within this time after they started.'
	),
	{
		...seconds(
			'handle_mean_s',
			{ aggregate: 'avg(handle_s)' },
			'Handle time, mean',
			"Agent time per conversation: the export's handle time, else each agent's time split evenly across what they held at once."
		),
		better: 'neutral',
		family: 'workload',
		needsAgentTime: true
	},
	{
		name: 'sla_attainment',
		source: { aggregate: 'count_if(sla_met) / nullif(count_if(sla_eligible), 0)' },
		kind: 'percent',
		unit: 'share',
		nullable: true,
		better: 'higher',
		label: 'SLA attainment',
		help: "Share of conversations answered within their channel's first-response target (Settings), on the clock the target names: calendar time, or business hours only. Bot-resolved conversations are left out, abandoned ones count as misses, and open unanswered ones count only once they are past the target.",
		family: 'service'
	},
	{
		name: 'concurrency_mean',
		source: { pass: 'concurrency' },
		kind: 'number',
		unit: 'conversations at once',
		nullable: true,
		better: 'neutral',
		label: 'Concurrency',
		help: 'How many conversations an agent holds at once while busy: for each agent, the number of open assigned conversations (first reply to close) averaged over the time they hold at least one, weighted by busy time.',
		family: 'workload'
	},
	{
		name: 'concurrency_max',
		source: { pass: 'concurrency' },
		kind: 'number',
		unit: 'conversations at once',
		nullable: true,
		better: 'neutral',
		label: 'Concurrency, most',
		help: 'The most conversations one agent held open at the same time (a hand-off instant does not count).',
		family: 'workload'
	},
	{
		name: 'backlog_mean',
		source: { pass: 'backlog' },
		kind: 'number',
		unit: 'conversations',
		nullable: true,
		better: 'lower',
		label: 'Backlog, mean',
		help: 'Conversations open at each whole hour of the range (started, not yet closed), averaged over the hours.',
		family: 'workload'
	},
	{
		name: 'backlog_peak',
		source: { pass: 'backlog' },
		kind: 'count',
		unit: 'conversations',
		nullable: true,
		better: 'lower',
		label: 'Backlog, peak',
		help: 'The most conversations open at any whole hour of the range.',
		family: 'workload'
	},
	{
		name: 'after_hours_share',
		source: { aggregate: 'avg(after_hours::INTEGER)' },
		kind: 'percent',
		unit: 'share',
		nullable: true,
		better: 'neutral',
		label: 'After-hours share',
		help: 'Share of conversations that started outside business hours (Settings: time zone, weekly hours, holidays). Closed days and holidays count as after hours.',
		family: 'workload'
	},
	{
		name: 'cost_per_conversation',
		source: { aggregate: 'avg(cost)' },
		kind: 'money',
		unit: 'currency',
		nullable: true,
		better: 'lower',
		label: 'Cost per conversation',
		help: "Agent time at the concurrency the agent held (focus time from the export or message log divided by the threads held at once; without it, each agent's time split evenly across what they held, marked estimated) times the hourly cost of the mode divided by its occupancy, plus the bot cost per bot-handled conversation; averaged over conversations. The Plan quotes the same number.",
		family: 'cost',
		needsAgentTime: true
	},
	{
		name: 'csat_score',
		source: { aggregate: 'count_if(csat_satisfied) / nullif(count(csat_satisfied), 0)' },
		kind: 'percent',
		unit: 'share',
		nullable: true,
		better: 'higher',
		label: 'CSAT',
		help: 'Share of rated conversations whose rating counts as satisfied. Unrated conversations are left out; without ratings it shows no data.',
		family: 'quality'
	},
	{
		name: 'containment_rate',
		source: { aggregate: 'count_if(contained AND bot_involved) / nullif(count_if(bot_involved), 0)' },
		kind: 'percent',
		unit: 'share',
		nullable: true,
		better: 'higher',
		label: 'Bot containment',
		help: 'Of the conversations a bot took part in, the share the bot resolved without the customer coming back within the repeat window.',
		family: 'quality'
	},
	{
		name: 'repeat_contact_rate',
		source: { aggregate: 'count_if(repeated AND has_customer) / nullif(count_if(has_customer), 0)' },
		kind: 'percent',
		unit: 'share',
		nullable: true,
		better: 'lower',
		label: 'Repeat contact',
		help: 'Share of conversations (with a known customer) after which the same customer started another one, on any channel, within the repeat window (Settings, 7 days by default) of its close.',
		family: 'quality'
	},
	{
		name: 'reopen_rate',
		// over resolved conversations with a known count: an unmapped `reopens` column is null, never "none reopened"
		source: { aggregate: `count_if(status = 'resolved' AND reopens >= 1) / nullif(count_if(status = 'resolved' AND reopens IS NOT NULL), 0)` },
		kind: 'percent',
		unit: 'share',
		nullable: true,
		better: 'lower',
		label: 'Reopened',
		help: "Share of resolved conversations that were reopened at least once (the export's reopen count). Open and abandoned conversations are left out; without a reopen count in the data it shows no data.",
		family: 'quality'
	}
] as const satisfies readonly MetricField[];

export type MetricFieldName = (typeof METRIC_FIELDS)[number]['name'];

type FieldValue<F> = F extends { nullable: false } ? number : number | null;

/** The metric values of one group, typed from the table: counts are numbers, every other field a number or null. */
export type MetricValues = { [F in (typeof METRIC_FIELDS)[number] as F['name']]: FieldValue<F> };

/** The table by name. */
export const METRIC_FIELD: Record<MetricFieldName, MetricField> = Object.fromEntries(METRIC_FIELDS.map((f) => [f.name, f])) as Record<
	MetricFieldName,
	MetricField
>;

/** Whether a name is a field of the table (a CLI column, a URL parameter). */
export function isMetricField(name: string): name is MetricFieldName {
	return Object.hasOwn(METRIC_FIELD, name);
}

/** The SQL of a field that is one aggregate, for other groupings of the same definition (a series per bucket). */
export function aggregateSql(name: MetricFieldName): string {
	const source = METRIC_FIELD[name].source;
	if (!('aggregate' in source)) throw new Error(`The metric ${name} is not one aggregate.`);
	return source.aggregate;
}
