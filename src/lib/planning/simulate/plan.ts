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
	/** observed handle times whose shape is resampled, scaled to mean aht_s (instead of a lognormal around aht_s) */
	handle_samples_s?: number[];
	/** sync: mean exponential patience in seconds; 0 or absent = nobody abandons */
	patience_s?: number;
	/** async: measured effective concurrency g (1..K); absent = K */
	concurrency?: number;
	/** first-response target the service level is measured against */
	sla_s: number;
	/** the clock sla_s runs on: business time counts only intervals open in `business_open`; default calendar */
	sla_clock?: 'calendar' | 'business';
	/** async: mean time a thread holds a slot (first reply to close); the hold is at least this on average */
	open_s?: number;
}

/** A staffing plan: agents on duty per interval, keyed by mode (`sync`, `async`) or by channel (a pool of its own). */
export interface StaffingPlanInput {
	/** UTC start of the first interval, ISO 8601 */
	start: string;
	interval_min: number;
	channels: PlanChannel[];
	agents: Partial<Record<Mode | Channel, number[]>>;
	/** K: the most async conversations an agent holds at once; default the planning setting */
	max_concurrency?: number;
	/** per interval: inside business hours (holidays closed); repeats cyclically after the last. Needed for business-clock SLAs */
	business_open?: boolean[];
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
	const clock = new BusinessClock(Date.parse(plan.start), plan.interval_min * 60_000, plan.business_open ?? null);
	for (let r = 0; r < replications; r++) {
		const engine = buildPlanEngine(plan, seed + r);
		engine.onConversation = (c: LiveConversation) => {
			const channel = plan.channels[c.channelIndex];
			const business = channel.sla_clock === 'business';
			for (const key of [c.mode, c.channel]) tally(key).add(c, channel.sla_s, business ? clock : null);
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
	// the pool's slots are whole (a what-if may scale K to a fraction)
	const maxConcurrency = Math.max(1, Math.round(plan.max_concurrency ?? DEFAULT_SETTINGS.planning.max_concurrency));
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
		// a thread holds its slot for its focus at full load (K / g), and at least the measured open time on average
		const slotMean = (Math.max(1, c.aht_s) * maxConcurrency) / g;
		const stretch = c.open_s && c.open_s > slotMean ? c.open_s / slotMean : 1;
		return {
			channel: c.channel,
			mode: c.mode,
			pool: names.indexOf(poolKeys[k]),
			expected: c.arrivals,
			patienceMeanS: c.patience_s ?? 0,
			serviceS: handle,
			asyncScript: null,
			asyncHoldS: (r: Random) => ((handle(r) * maxConcurrency) / g) * stretch,
			closeAfterS: DEFAULT_SETTINGS.close_after_s[c.channel]
		};
	});
	return new ContactCenterEngine({
		startMs,
		intervalMs: plan.interval_min * 60_000,
		intervals,
		random: new Random(seed),
		channels,
		pools,
		traits: null,
		recordMessages: false,
		drain: true
	});
}

/**
 * Handle times drawn from the data (planning.md "Simulation check"): the measured sample's shape,
 * scaled so its mean is aht_s, which carries the forecast's interval mix, a what-if's factor and
 * the async focus equivalent; without a sample, a lognormal around aht_s.
 */
export function handleSampler(c: Pick<PlanChannel, 'aht_s' | 'handle_samples_s'>): (r: Random) => number {
	const samples = c.handle_samples_s?.filter((s) => s > 0) ?? [];
	const mean = Math.max(1, c.aht_s);
	if (samples.length === 0) return (r) => r.lognormal(mean, 0.6);
	const scale = mean / (samples.reduce((a, b) => a + b, 0) / samples.length);
	const scaled = samples.map((s) => s * scale);
	return (r) => scaled[r.int(scaled.length)];
}

/** Business seconds between two instants: open intervals of the plan, repeating cyclically (a fully open clock without them). */
export class BusinessClock {
	/** open intervals before each interval of the cycle, and in the whole cycle at the end */
	private readonly openBeforeInterval: number[] | null;

	constructor(
		private readonly startMs: number,
		private readonly intervalMs: number,
		private readonly open: boolean[] | null
	) {
		if (open === null || open.length === 0) this.openBeforeInterval = null;
		else {
			const prefix = [0];
			open.forEach((o, i) => prefix.push(prefix[i] + (o ? 1 : 0)));
			this.openBeforeInterval = prefix;
		}
	}

	/** business milliseconds from the plan start to `t` */
	private openBefore(t: number): number {
		const { open, intervalMs, openBeforeInterval: prefix } = this;
		const elapsed = t - this.startMs;
		if (open === null || prefix === null) return elapsed;
		const cycles = Math.floor(elapsed / (open.length * intervalMs));
		const rest = elapsed - cycles * open.length * intervalMs;
		const k = Math.min(open.length - 1, Math.floor(rest / intervalMs));
		const partial = open[k] ? rest - k * intervalMs : 0;
		return (cycles * prefix[open.length] + prefix[k]) * intervalMs + partial;
	}

	openSecondsBetween(fromMs: number, toMs: number): number {
		return (this.openBefore(toMs) - this.openBefore(fromMs)) / 1000;
	}
}

class Tally {
	contacts = 0;
	answered = 0;
	abandoned = 0;
	withinSla = 0;
	waitSum = 0;
	waits: number[] = [];

	/** `clock`: measure the SLA on business time (waits are reported on the wall clock either way) */
	add(c: LiveConversation, slaS: number, clock: BusinessClock | null): void {
		this.contacts++;
		if (c.status === 'abandoned') this.abandoned++;
		if (c.firstResponseMs === null) return;
		const waitS = (c.firstResponseMs - c.createdMs) / 1000;
		this.answered++;
		this.waitSum += waitS;
		this.waits.push(waitS);
		const slaWaitS = clock === null ? waitS : clock.openSecondsBetween(c.createdMs, c.firstResponseMs);
		if (slaWaitS <= slaS) this.withinSla++;
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
