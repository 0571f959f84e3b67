/**
 * Measured inputs of the plan for one dataset (planning.md): per channel and interval of the
 * local week, arrivals and handle time for up to the last 16 full weeks (FORECAST_HISTORY_WEEKS); concurrency from the metric
 * engine; patience from abandonment; the shares pinned to sync; the bot volume.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { localShiftByHourSql } from '../metrics/localTime';
import { CHANNELS, type Channel, type Settings } from '../../settings/defaults';
import { intervalsPerWeek } from '../../planning/forecast';
import { FORECAST_HISTORY_WEEKS } from '../../planning/forecastMethods';
import type { PlanChannelInputs, PlanInputs } from '../../planning/planTypes';
import { queryOne, queryRows } from '../db/sql';
import { UserError } from '../errors';
import { computeMetrics } from '../metrics/index';
import { resolveDataset } from '../metrics/filters';
import { buildFilter } from '../metrics/filters';
import { costEstimatedByGroup } from '../metrics/handleSource';
import { readDashboardScope } from '../dashboard/filters';
import { stillDeriving } from '../metrics/whole';
import { businessOpenByInterval, closedWeekdays, holidayWeekdays, horizonIntervals } from './horizon';

const WEEK_MS = 7 * 86_400_000;
/** local wall-clock time of a UTC TIMESTAMP column, as a naive TIMESTAMP */
const localSql = (column: string) => `timezone(?, timezone('UTC', ${column}))`;

export interface PlanInputOptions {
	dataset?: string;
	weeksHistory: number;
	horizonDays: number;
	intervalMin: number;
}

/** Monday 00:00 (wall clock, held in a UTC Date) of the week containing `local`. */
function mondayOf(local: Date): Date {
	const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
	return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

/** One row per channel x week x interval of the week, and one per channel (week and slot null). */
type MeasuredRow = {
	channel: string;
	week: number | null;
	/** on a channel's row: true for the recent weeks the per-channel measures average over */
	recent: boolean | null;
	slot: number | null;
	/** conversations that need an agent: bot-resolved ones left out */
	arrivals: number;
	handle_sum: number | null;
	/** handle seconds that are focus time (source_handle_s), not attributed agent time */
	focus_sum: number | null;
	handled: number;
	pinned: number;
	patience_abandons: number;
	patience_abandon_wait_s: number | null;
	/** answered conversations and their first response times, for the queue time before an agent took them */
	patience_answered: number;
	patience_answered_wait_s: number | null;
	/** first response times of conversations whose agent was free when they arrived: pure ring/accept delay */
	accept_samples: number;
	accept_sum_s: number | null;
	open_mean_s: number | null;
	bot: number;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const isoNaive = (d: Date) => d.toISOString().slice(0, 19);

/**
 * One scan over the window: local time through a per-hour offset table (converting every row's
 * time zone is slow at millions of rows), then both groupings at once.
 */
async function measuredRows(
	connection: DuckDBConnection,
	datasetId: number,
	tz: string,
	start: Date,
	end: Date,
	intervalMin: number,
	syncCategories: string[],
	recentFromWeek: number
): Promise<MeasuredRow[]> {
	const categories = syncCategories.map((c) => c.toLowerCase());
	const inCategories = categories.length > 0 ? `lower(c.category) IN (${categories.map(() => '?').join(', ')})` : 'FALSE';
	// UTC bounds a day wider than the local window: no zone is more than 14 hours off
	const utcFrom = new Date(Math.floor((start.getTime() - DAY_MS) / HOUR_MS) * HOUR_MS);
	const utcTo = new Date(end.getTime() + DAY_MS);
	return queryRows<MeasuredRow>(
		connection,
		`WITH offsets AS (${localShiftByHourSql('?::TIMESTAMP', '?::TIMESTAMP')}),
		local AS (
			SELECT c.channel, c.created_at + o.shift AS local_at, c.handle_s, c.source_handle_s IS NOT NULL AS focus_timed,
				(c.priority IN ('urgent', 'high') OR c.sentiment <= -0.5 OR ${inCategories}) AS pinned,
				-- patience counts time waiting for an agent, which starts when a bot hands over; the data holds no
				-- hand-over time, so bot-involved conversations are left out of the patience estimate
				c.status = 'abandoned' AND NOT c.bot_involved AS patience_abandon,
				CASE WHEN c.status = 'abandoned' AND NOT c.bot_involved THEN date_diff('millisecond', c.created_at, c.closed_at) / 1000 END AS abandon_wait_s,
				CASE WHEN c.status <> 'abandoned' AND NOT c.bot_involved THEN c.frt_s END AS answered_wait_s,
				c.agent_no IS NOT NULL AND lag(c.closed_at) OVER (PARTITION BY c.agent_no ORDER BY c.first_response_at) <= c.created_at AS found_agent_free,
				-- a thread holds an agent's slot from the first reply to the close (the wait before it holds none)
				CASE WHEN c.closed_at >= c.first_response_at THEN date_diff('millisecond', c.first_response_at, c.closed_at) / 1000 END AS held_s,
				c.bot_involved,
				-- a bot-resolved conversation had no human reply and takes no agent (a repeat comes back as a conversation of its own)
				NOT c.bot_resolved AS for_agents
			FROM conversation_facts c
			JOIN offsets o ON o.hour = date_trunc('hour', c.created_at)
			WHERE c.dataset_id = ? AND c.created_at >= ?::TIMESTAMP AND c.created_at < ?::TIMESTAMP),
		windowed AS (
			SELECT *, date_diff('day', ?::TIMESTAMP, local_at) // 7 AS week_no,
				date_diff('minute', date_trunc('week', local_at), local_at) // ? AS slot_no,
				date_diff('day', ?::TIMESTAMP, local_at) // 7 >= ? AS recent
			FROM local WHERE local_at >= ?::TIMESTAMP AND local_at < ?::TIMESTAMP)
		SELECT channel, week_no AS week, slot_no AS slot, recent, count(*) FILTER (WHERE for_agents) AS arrivals,
			sum(handle_s) FILTER (WHERE for_agents) AS handle_sum, count(handle_s) FILTER (WHERE for_agents) AS handled,
			sum(handle_s) FILTER (WHERE focus_timed AND for_agents) AS focus_sum,
			count(*) FILTER (WHERE pinned AND for_agents) AS pinned, count(*) FILTER (WHERE patience_abandon) AS patience_abandons, sum(abandon_wait_s) AS patience_abandon_wait_s,
			count(answered_wait_s) AS patience_answered, sum(answered_wait_s) AS patience_answered_wait_s,
			count(answered_wait_s) FILTER (WHERE found_agent_free) AS accept_samples, sum(answered_wait_s) FILTER (WHERE found_agent_free) AS accept_sum_s,
			avg(held_s) AS open_mean_s, count(*) FILTER (WHERE bot_involved) AS bot
		FROM windowed GROUP BY GROUPING SETS ((channel, week_no, slot_no), (channel, recent)) ORDER BY channel`,
		[
			tz,
			isoNaive(utcFrom),
			isoNaive(utcTo),
			...categories,
			datasetId,
			isoNaive(utcFrom),
			isoNaive(utcTo),
			isoNaive(start),
			intervalMin,
			isoNaive(start),
			recentFromWeek,
			isoNaive(start),
			isoNaive(end)
		]
	);
}

/** Handle times kept per channel for the simulation check to resample: enough for the shape's tails, small enough to ship to the browser. */
export const HANDLE_SAMPLES_PER_CHANNEL = 1000;

/**
 * A deterministic sample (by a hash of the conversation id) of measured handle times per channel
 * over [from, to), conversations that took an agent. The bounds are UTC: a shape does not
 * change with the few hours a time zone moves the window's edges.
 */
async function handleSamples(connection: DuckDBConnection, datasetId: number, from: Date, to: Date): Promise<Map<string, number[]>> {
	const rows = await queryRows<{ channel: string; samples: number[] }>(
		connection,
		`SELECT channel, list(handle_s ORDER BY pick) AS samples FROM (
			SELECT channel, handle_s, row_number() OVER (PARTITION BY channel ORDER BY hash(conversation_id), conversation_id) AS pick
			FROM conversation_facts
			WHERE dataset_id = ? AND created_at >= ?::TIMESTAMP AND created_at < ?::TIMESTAMP AND NOT bot_resolved AND handle_s > 0)
		WHERE pick <= ? GROUP BY channel`,
		[datasetId, isoNaive(from), isoNaive(to), HANDLE_SAMPLES_PER_CHANNEL]
	);
	return new Map(rows.map((r) => [r.channel, r.samples.map(Number)]));
}

const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * Concurrency of agents over all their chat-like async threads (email aside). One team often
 * serves messaging, WhatsApp, SMS and social together; counted per channel, an agent holding
 * five threads on four channels looks like 1.25, which understates the load they really carry.
 */
async function sharedAsyncConcurrency(connection: DuckDBConnection, dataset: string, settings: Settings): Promise<{ mean: number | null; max: number | null }> {
	const channels = CHANNELS.filter((c) => settings.channel_modes[c] === 'async' && c !== 'email');
	if (channels.length === 0) return { mean: null, max: null };
	const group = (await computeMetrics(connection, { dataset, channels: [...channels], by: 'mode' })).groups.find((g) => g.key === 'async');
	return { mean: group?.concurrency_mean ?? null, max: group?.concurrency_max ?? null };
}

/**
 * The open-thread cap's hold time (planning.md async model 3). The assigned window (first reply
 * to close) holds one of K slots only where the platform caps open threads at K; when agents
 * were seen holding more than K at once, quiet threads are parked outside the slots, the window
 * overstates the hold, and the slots model (focus K / g) carries the limit instead.
 */
function openThreadHold(windowS: number | null, heldMax: number | null, maxConcurrency: number): number | null {
	return heldMax !== null && heldMax > maxConcurrency ? null : windowS;
}

/** Share of the channel's handle seconds that are focus time; with no handle time at all the planner's default handle is focus time. */
function focusShare(row: Pick<MeasuredRow, 'handle_sum' | 'focus_sum'>): number {
	return row.handle_sum && row.handle_sum > 0 ? (row.focus_sum ?? 0) / row.handle_sum : 1;
}

/** Mean patience, the exponential MLE with censoring: queue time of all contacts (abandoned: until they gave up; answered: until an agent took them) over the abandonments. */
function patienceFrom(row: MeasuredRow): number | null {
	if (row.patience_abandons <= 0) return null;
	// first response also holds the ring/accept delay after pick-up, when nobody abandons: counted as queueing it doubled patience
	const acceptDelay = row.accept_samples > 0 ? (row.accept_sum_s ?? 0) / row.accept_samples : 0;
	const answeredQueue = Math.max(0, (row.patience_answered_wait_s ?? 0) - row.patience_answered * acceptDelay);
	const queued = (row.patience_abandon_wait_s ?? 0) + answeredQueue;
	return queued > 0 ? queued / row.patience_abandons : null;
}

/**
 * The dashboard's per-mode numbers as the Overview and the Cost page open on this dataset (their default range, no
 * other filter), read from the metric layer: the plan quotes the same numbers a director sees there.
 */
async function measuredModes(connection: DuckDBConnection, dataset: string): Promise<Pick<PlanInputs, 'measured' | 'measuredRange'>> {
	const scope = await readDashboardScope(connection, new URL(`http://plan.invalid/?${new URLSearchParams({ dataset })}`));
	if (!scope) return { measured: {}, measuredRange: null };
	const query = { ...scope.query, by: 'mode' as const };
	const groups = (await computeMetrics(connection, query)).groups;
	const estimated = await costEstimatedByGroup(connection, buildFilter(scope.datasetId, query), 'mode');
	const measured = Object.fromEntries(
		groups.map((g) => [
			g.key,
			{ costPerConversation: g.cost_per_conversation, costEstimated: estimated[g.key] ?? false, csatScore: g.csat_score, frtP50S: g.frt_p50_s }
		])
	);
	return { measured, measuredRange: { from: scope.filters.from, to: scope.filters.to } };
}

export async function readPlanInputs(connection: DuckDBConnection, settings: Settings, options: PlanInputOptions): Promise<PlanInputs> {
	const dataset = await resolveDataset(connection, options.dataset);
	if (await stillDeriving(connection, dataset.datasetId)) {
		throw new UserError(
			`Dataset "${dataset.name}" is still deriving its agent time and cost after its import (about a minute per 10 million conversations); plan again when it ends.`
		);
	}
	const tz = settings.timezone;
	const range = await queryOne<{ first: Date | null; last: Date | null }>(
		connection,
		`SELECT ${localSql('min(created_at)')} AS first, ${localSql('max(created_at)')} AS last FROM conversations WHERE dataset_id = ?`,
		[tz, tz, dataset.datasetId]
	);
	if (!range?.first || !range.last) throw new UserError(`Dataset "${dataset.name}" has no conversations to plan from; load data first.`);
	const firstFull = mondayOf(range.first).getTime() === range.first.getTime() ? range.first : new Date(mondayOf(range.first).getTime() + WEEK_MS);
	const end = mondayOf(range.last);
	const historyWeeks = Math.max(0, Math.floor((end.getTime() - firstFull.getTime()) / WEEK_MS));
	// the K-week mean needs K (+1 to backtest); the trend method and its rolling-origin backtest more
	const weeks = Math.min(Math.max(options.weeksHistory + 1, FORECAST_HISTORY_WEEKS), historyWeeks);
	if (weeks < 1) throw new UserError(`Dataset "${dataset.name}" holds less than one full week (Monday to Sunday in ${tz}); planning needs at least one.`);
	const start = new Date(end.getTime() - weeks * WEEK_MS);
	const slots = intervalsPerWeek(options.intervalMin);
	// the per-channel measures (handle mean, patience, pinned share, bot volume) keep the spec's window, the last K + 1 weeks
	const recentFromWeek = weeks - Math.min(weeks, options.weeksHistory + 1);
	const rows = await measuredRows(connection, dataset.datasetId, tz, start, end, options.intervalMin, settings.sync_categories, recentFromWeek);
	const counts = rows.filter((r) => r.week !== null);
	const perChannel = rows
		.filter((r) => r.week === null && r.recent === true)
		.sort((a, b) => CHANNELS.indexOf(a.channel as Channel) - CHANNELS.indexOf(b.channel as Channel));
	const metrics = await computeMetrics(connection, { dataset: dataset.name, by: 'channel' });
	const team = await sharedAsyncConcurrency(connection, dataset.name, settings);
	const samples = await handleSamples(connection, dataset.datasetId, new Date(end.getTime() - Math.min(weeks, options.weeksHistory) * WEEK_MS), end);
	const channels: PlanChannelInputs[] = perChannel
		.filter((row) => (CHANNELS as readonly string[]).includes(row.channel))
		.map((row) => {
			const channel = row.channel as Channel;
			const mode = settings.channel_modes[channel];
			const grid = () => Array.from({ length: weeks }, () => new Array<number>(slots).fill(0));
			const history = { channel, arrivals: grid(), handleSeconds: grid(), handled: grid() };
			for (const r of counts) {
				if (r.channel !== channel || r.week === null || r.slot === null || r.week < 0 || r.week >= weeks || r.slot >= slots) continue;
				history.arrivals[r.week][r.slot] += r.arrivals;
				history.handleSeconds[r.week][r.slot] += r.handle_sum ?? 0;
				history.handled[r.week][r.slot] += r.handled;
			}
			const group = metrics.groups.find((g) => g.key === channel);
			const shared = mode === 'async' && channel !== 'email';
			return {
				channel,
				mode,
				history,
				concurrency: shared ? maxOf(group?.concurrency_mean ?? null, team.mean) : (group?.concurrency_mean ?? null),
				openS: openThreadHold(
					row.open_mean_s,
					shared ? maxOf(group?.concurrency_max ?? null, team.max) : (group?.concurrency_max ?? null),
					settings.planning.max_concurrency
				),
				focusShare: focusShare(row),
				patienceS: mode === 'sync' ? patienceFrom(row) : null,
				repeatRate: group?.repeat_contact_rate ?? null,
				syncPinnedShare: row.arrivals > 0 ? row.pinned / row.arrivals : 0,
				handleSamplesS: samples.get(channel) ?? []
			};
		});
	// the plan is for the week after the data's last (partial) week
	const nextMonday = new Date(end.getTime() + WEEK_MS);
	return {
		dataset: dataset.name,
		timezone: tz,
		intervalMin: options.intervalMin,
		weeksAvailable: weeks,
		// the data's last week is partial: the plan is for the week after it
		leadWeeks: 1,
		historyWeeks,
		...(await measuredModes(connection, dataset.name)),
		horizon: horizonIntervals(nextMonday, options.horizonDays, options.intervalMin, tz),
		businessOpen: businessOpenByInterval(settings, options.intervalMin),
		holidayWeekdays: holidayWeekdays(nextMonday, settings.holidays),
		closedWeekdays: closedWeekdays(settings),
		channels,
		botConversationsPerWeek: perChannel.reduce((sum, row) => sum + row.bot, 0) / (weeks - recentFromWeek)
	};
}
