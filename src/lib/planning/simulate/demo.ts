import { DEFAULT_SETTINGS, type Channel } from '../../settings/defaults';
import type { SimulatedConversation } from './conversation';
import { ContactCenterEngine, type AsyncScript, type EngineChannel, type EnginePool, type LiveConversation } from './engine';
import { ASYNC_CONCURRENCY, ASYNC_SLOWDOWN, CHANNEL_BEHAVIOUR, HOUR_SHAPE, REPEAT_SHARE, WEEKDAY_SHAPE, type ChannelBehaviour } from './profile';
import { Random } from './random';
import { demoCoverage, openHoursPerWeek } from './shifts';
import { ContactTraits } from './traits';
import { ZoneClock } from './zone';

const HOUR_MS = 3_600_000;
/** square-root staffing's safety factor on the live pools: lean enough that a few percent abandon at peaks */
const SYNC_SAFETY = 1.2;
/** share of async slots the demo staffs to fill, and how much of the day's work is spread flat over opening hours */
const ASYNC_SLOT_USE = 0.95;
const ASYNC_SPREAD = 0.7;

/** What to generate: `conversations` is the target total (first contacts plus repeats, within about 2%). */
export interface GenerationConfig {
	conversations: number;
	seed: number;
	/** default `defaultDays(conversations)` */
	days?: number;
	/** first day, `YYYY-MM-DD` (UTC midnight); default 2026-08-01 */
	start?: string;
	/** zone whose clock shapes demand and shifts; default UTC */
	timezone?: string;
	/** record every message (needed for the `messages` format) */
	messages?: boolean;
	/** first-contact share per channel, replacing the demo mix for the channels given */
	channelMix?: Partial<Record<Channel, number>>;
	/** data.md close_after_s: silences inside one conversation stay below it, between conversations above it */
	closeAfterS?: Record<Channel, number>;
}

/** 90 days up to 2 M conversations; beyond that longer periods too, so hours do not get absurdly busy (10 M → 365 days). */
export function defaultDays(conversations: number): number {
	return conversations <= 2_000_000 ? 90 : Math.min(365, Math.ceil((90 * conversations) / 2_000_000));
}

/**
 * Streams simulated conversations as they end (then the ones still open at the end of the
 * period). Memory stays bounded by what is in flight, so 10 M conversations stream fine.
 */
export function* simulateConversations(config: GenerationConfig): Generator<SimulatedConversation> {
	const engine = buildDemoEngine(config);
	const ready: LiveConversation[] = [];
	engine.onConversation = (c) => ready.push(c);
	for (;;) {
		const more = engine.step();
		if (!more) engine.finish();
		for (let k = 0; k < ready.length; k++) yield ready[k];
		ready.length = 0;
		if (!more) return;
	}
}

export function buildDemoEngine(config: GenerationConfig): ContactCenterEngine {
	const days = config.days ?? defaultDays(config.conversations);
	const startMs = Date.parse(`${config.start ?? '2026-08-01'}T00:00:00Z`);
	if (!Number.isFinite(startMs)) throw new Error(`start must be YYYY-MM-DD, got ${config.start}`);
	const intervals = days * 24;
	const random = new Random(config.seed);
	const zone = new ZoneClock(config.timezone ?? 'UTC');
	const closeAfter = config.closeAfterS ?? DEFAULT_SETTINGS.close_after_s;
	const behaviour = CHANNEL_BEHAVIOUR.map((b) => ({ ...b, share: config.channelMix?.[b.channel] ?? b.share })).filter((b) => b.share > 0);
	const hourOfWeek = Array.from({ length: intervals }, (_, i) => zone.hourOfWeek(startMs + i * HOUR_MS + HOUR_MS / 2));

	const shapes = behaviour.map((b) => hourOfWeek.map((h) => b.share * HOUR_SHAPE[b.shape][h % 24] * WEEKDAY_SHAPE[Math.floor(h / 24)]));
	const unscaled = shapes.reduce((sum, s) => sum + s.reduce((a, b) => a + b, 0), 0);
	// repeats add REPEAT_SHARE, minus those that would fall after the end (mean delay about 2 days)
	const firstContacts = config.conversations / (1 + REPEAT_SHARE * Math.max(0.5, 1 - 2 / days));
	const scale = firstContacts / unscaled;
	const expected = shapes.map((s) => Float64Array.from(s, (v) => v * scale));

	const poolNames = [...new Set(behaviour.map((b) => b.pool))];
	const channels: EngineChannel[] = behaviour.map((b, k) => ({
		channel: b.channel,
		mode: b.mode,
		pool: poolNames.indexOf(b.pool),
		expected: expected[k],
		patienceMeanS: b.patienceMeanS,
		serviceS: (r: Random) => r.lognormal(b.serviceMeanS, 0.6),
		answerS: b.answerMeanS > 0 ? (r: Random) => r.lognormal(b.answerMeanS, 0.5) : undefined,
		asyncScript: b.mode === 'async' ? scriptOf(b) : null,
		asyncHoldS: () => 0,
		closeAfterS: closeAfter[b.channel]
	}));
	const pools: EnginePool[] = poolNames.map((name) => demoPool(name, behaviour, expected, hourOfWeek));
	const traits = new ContactTraits(
		random,
		behaviour.map((b) => ({ channel: b.channel, botShare: b.botShare, closeAfterS: closeAfter[b.channel], share: b.share }))
	);
	return new ContactCenterEngine({
		startMs,
		intervalMs: HOUR_MS,
		intervals,
		random,
		channels,
		pools,
		traits,
		recordMessages: config.messages === true,
		drain: false
	});
}

function scriptOf(b: ChannelBehaviour): AsyncScript {
	return {
		composeMeanS: b.composeMeanS,
		exchangesMean: b.exchangesMean,
		replyMedianS: b.replyMedianS,
		pendingShare: b.pendingShare,
		returnMedianS: b.returnMedianS,
		slowdown: ASYNC_SLOWDOWN,
		holdQuietS: b.holdQuietS
	};
}

/** Seconds an async conversation holds an agent's slot, roughly, for the demo's staffing rule. */
function slotSeconds(b: ChannelBehaviour): number {
	const compose = b.composeMeanS * (1 + ASYNC_SLOWDOWN * (ASYNC_CONCURRENCY - 1) * 0.6);
	const replyMean = b.replyMedianS * Math.exp(0.6);
	const sitting = compose + b.exchangesMean * (replyMean + compose);
	// quiet customers who come back within holdQuietS keep their slot meanwhile (about half of them)
	const quiet = b.holdQuietS > 0 ? 0.5 * Math.min(b.holdQuietS, b.returnMedianS * Math.exp(0.6)) : 0;
	return sitting * (1 + b.pendingShare) + b.pendingShare * quiet;
}

/**
 * The demo's staffing: square-root staffing on the hour's human load for sync pools, a daily
 * workload spread over opening hours for async pools, times the shift coverage (thin evenings,
 * nobody at night), so service is good by day and after-hours contacts wait or abandon.
 */
function demoPool(name: string, behaviour: ChannelBehaviour[], expected: Float64Array[], hourOfWeek: number[]): EnginePool {
	const members = behaviour.map((b, k) => ({ b, k })).filter(({ b }) => b.pool === name);
	const sync = members[0].b.mode === 'sync';
	const concurrency = sync ? 1 : ASYNC_CONCURRENCY;
	const humanShare = (b: ChannelBehaviour) => 1 - b.botShare * 0.35;
	const hourlyLoad = (i: number) =>
		members.reduce((sum, { b, k }) => sum + expected[k][i] * humanShare(b) * (sync ? b.serviceMeanS : slotSeconds(b)), 0) / 3600;
	const meanLoad = hourOfWeek.reduce((sum, _h, i) => sum + hourlyLoad(i), 0) / Math.max(1, hourOfWeek.length);
	const openShare = openHoursPerWeek(name) / 168;
	return {
		name,
		concurrency,
		agents(i: number): number {
			const coverage = demoCoverage(name, hourOfWeek[i]);
			if (coverage === 0) return 0;
			if (sync) {
				const load = hourlyLoad(i);
				return Math.ceil(coverage * (load + SYNC_SAFETY * Math.sqrt(load) + 0.5));
			}
			const day = Math.floor(hourOfWeek[i] / 24);
			const load = Math.max(hourlyLoad(i), (ASYNC_SPREAD * meanLoad * WEEKDAY_SHAPE[day]) / openShare);
			return Math.ceil((coverage * load) / (concurrency * ASYNC_SLOT_USE) + 0.5);
		}
	};
}
