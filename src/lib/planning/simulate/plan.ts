import { DEFAULT_SETTINGS, type Channel, type Mode } from '../../settings/defaults';
import { ContactCenterEngine, type EngineChannel, type EnginePool, type LiveConversation } from './engine';
import { Random } from './random';

/** One channel of a staffing plan to simulate. */
export interface PlanChannel {
	channel: Channel;
	mode: Mode;
	/** forecast contacts per interval, one value per interval (336 for a week of 30-minute intervals) */
	arrivals: number[];
	/** mean handle seconds: sync talk time; async focus time per conversation */
	aht_s: number;
	/** observed handle times to resample from (instead of a lognormal around aht_s) */
	handle_samples_s?: number[];
	/** sync: mean exponential patience in seconds; 0 or absent = nobody abandons */
	patience_s?: number;
	/** async: measured effective concurrency g (1..K); absent = K */
	concurrency?: number;
	/** first-response target the service level is measured against */
	sla_s: number;
}

/** A staffing plan: agents on duty per interval, keyed by mode (`sync`, `async`) or by channel (a pool of its own). */
export interface StaffingPlanInput {
	/** UTC start of the first interval, ISO 8601 */
	start: string;
	interval_min: number;
	channels: PlanChannel[];
	agents: Partial<Record<Mode | Channel, number[]>>;
	/** K: the most async conversations an agent holds at once; default the planning setting (3) */
	max_concurrency?: number;
}

/** Simulated outcome for a mode or a channel. */
export interface SimulatedService {
	contacts: number;
	answered: number;
	abandoned: number;
	/** never answered even after the drain (no staff after them) */
	unanswered: number;
	/** answered within the channel's sla_s, over all contacts (abandons count as misses, as in Erlang A) */
	service_level: number;
	/** mean wait to first response of answered contacts (ASA) */
	mean_wait_s: number;
	/** 90th percentile wait of answered contacts */
	p90_wait_s: number;
	abandon_rate: number;
}

export interface SimulationSummary {
	replications: number;
	seed: number;
	sync: SimulatedService;
	async: SimulatedService;
	channels: Partial<Record<Channel, SimulatedService>>;
}

/**
 * Simulation check of a plan (planning.md): Poisson arrivals from the forecast, handle times
 * resampled, sync customers with exponential patience, async agents holding up to K
 * conversations for `handle * K / g` each (elapsed time at the measured concurrency). After the
 * last interval the plan's staffing repeats until every contact has an outcome. Replications
 * use seeds `seed, seed+1, ...` and are pooled.
 */
export function simulatePlanWeek(plan: StaffingPlanInput, seed = 1, replications = 1): SimulationSummary {
	const tallies = new Map<string, Tally>();
	const tally = (key: string): Tally => tallies.get(key) ?? (tallies.set(key, new Tally()), tallies.get(key)!);
	for (let r = 0; r < replications; r++) {
		const engine = buildPlanEngine(plan, seed + r);
		engine.onConversation = (c: LiveConversation) => {
			const sla = plan.channels[c.channelIndex].sla_s;
			for (const key of [c.mode, c.channel]) tally(key).add(c, sla);
		};
		engine.run();
	}
	const channels: Partial<Record<Channel, SimulatedService>> = {};
	for (const ch of plan.channels) channels[ch.channel] = tally(ch.channel).summary();
	return { replications, seed, sync: tally('sync').summary(), async: tally('async').summary(), channels };
}

export function buildPlanEngine(plan: StaffingPlanInput, seed: number): ContactCenterEngine {
	const startMs = Date.parse(plan.start);
	if (!Number.isFinite(startMs)) throw new Error(`plan.start is not an ISO timestamp: ${plan.start}`);
	const intervals = Math.max(...plan.channels.map((c) => c.arrivals.length));
	const maxConcurrency = plan.max_concurrency ?? DEFAULT_SETTINGS.planning.max_concurrency;
	const poolKeys = plan.channels.map((c) => (plan.agents[c.channel] ? c.channel : c.mode));
	const names = [...new Set(poolKeys)];
	const pools: EnginePool[] = names.map((key) => {
		const staff = plan.agents[key as Mode | Channel] ?? [];
		const mode = plan.channels[poolKeys.indexOf(key)].mode;
		return { name: key, concurrency: mode === 'sync' ? 1 : maxConcurrency, agents: (i) => staff[i] ?? 0 };
	});
	const channels: EngineChannel[] = plan.channels.map((c, k) => {
		const handle = handleSampler(c);
		const g = Math.min(maxConcurrency, Math.max(1, c.concurrency ?? maxConcurrency));
		return {
			channel: c.channel,
			mode: c.mode,
			pool: names.indexOf(poolKeys[k]),
			expected: c.arrivals,
			patienceMeanS: c.patience_s ?? 0,
			serviceS: handle,
			asyncScript: null,
			asyncHoldS: (r: Random) => (handle(r) * maxConcurrency) / g,
			closeAfterS: DEFAULT_SETTINGS.close_after_s[c.channel]
		};
	});
	return new ContactCenterEngine({ startMs, intervalMs: plan.interval_min * 60_000, intervals, random: new Random(seed), channels, pools, traits: null, recordMessages: false, drain: true });
}

function handleSampler(c: PlanChannel): (r: Random) => number {
	const samples = c.handle_samples_s?.filter((s) => s > 0) ?? [];
	if (samples.length > 0) return (r) => samples[r.int(samples.length)];
	return (r) => r.lognormal(Math.max(1, c.aht_s), 0.6);
}

class Tally {
	contacts = 0;
	answered = 0;
	abandoned = 0;
	withinSla = 0;
	waitSum = 0;
	waits: number[] = [];

	add(c: LiveConversation, slaS: number): void {
		this.contacts++;
		if (c.status === 'abandoned') this.abandoned++;
		if (c.firstResponseMs === null) return;
		const waitS = (c.firstResponseMs - c.createdMs) / 1000;
		this.answered++;
		this.waitSum += waitS;
		this.waits.push(waitS);
		if (waitS <= slaS) this.withinSla++;
	}

	summary(): SimulatedService {
		const sorted = Float64Array.from(this.waits).sort();
		return {
			contacts: this.contacts,
			answered: this.answered,
			abandoned: this.abandoned,
			unanswered: this.contacts - this.answered - this.abandoned,
			service_level: this.contacts === 0 ? 1 : this.withinSla / this.contacts,
			mean_wait_s: this.answered === 0 ? 0 : this.waitSum / this.answered,
			p90_wait_s: sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))],
			abandon_rate: this.contacts === 0 ? 0 : this.abandoned / this.contacts
		};
	}
}
