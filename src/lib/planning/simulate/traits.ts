import type { Channel } from '../../settings/defaults';
import type { SimulatedPriority } from './conversation';
import type { ContactCenterEngine, EngineTraits, LiveConversation } from './engine';
import { CATEGORIES, REPEAT_OTHER_CHANNEL, REPEAT_SHARE } from './profile';
import { Categorical, type Random } from './random';

const PRIORITIES: SimulatedPriority[] = ['low', 'normal', 'high', 'urgent'];
const DAY_MS = 86_400_000;

/** Per channel, what traits need to know. */
export interface TraitChannel {
	channel: Channel;
	botShare: number;
	closeAfterS: number;
	/** weight when a repeat contact switches channel */
	share: number;
}

/**
 * The demo data's colour: category, priority, sentiment, queue, bot first touch, CSAT, and
 * repeat contacts by the same customer within days (weighted towards bad outcomes, scaled so
 * the overall repeat share stays `REPEAT_SHARE` and the total volume stays predictable).
 */
export class ContactTraits implements EngineTraits {
	private readonly categoryDraw = new Categorical(CATEGORIES.map((c) => c.weight));
	private readonly priorityDraws = CATEGORIES.map((c) => new Categorical(PRIORITIES.map((p) => c.priorityWeights[p])));
	private readonly channelDraw: Categorical;
	private firstContactsClosed = 0;
	private repeatWeightSum = 0;

	constructor(
		private readonly random: Random,
		private readonly channels: TraitChannel[]
	) {
		this.channelDraw = new Categorical(channels.map((c) => c.share));
	}

	botSeconds(): number {
		return this.random.lognormal(90, 0.7);
	}

	assign(c: LiveConversation, _engine: ContactCenterEngine): void {
		const { random } = this;
		const categoryIndex =
			c.repeatOf !== null && random.chance(0.7)
				? Math.max(
						0,
						CATEGORIES.findIndex((k) => k.name === c.category)
					)
				: this.categoryDraw.draw(random);
		const category = CATEGORIES[categoryIndex];
		c.category = category.name;
		c.queue = category.queue;
		c.priority = PRIORITIES[this.priorityDraws[categoryIndex].draw(random)];
		c.sentiment = clamp(category.sentimentMean + 0.35 * random.normal() - (c.repeatOf !== null ? 0.2 : 0), -1, 1);
		c.sentiment = Math.round(c.sentiment * 100) / 100;
		c.botInvolved = random.chance(this.channels[c.channelIndex].botShare);
		c.botWillResolve = c.botInvolved && random.chance(category.botResolve);
	}

	afterClose(c: LiveConversation, engine: ContactCenterEngine): void {
		this.rate(c);
		if (c.repeatOf === null) this.maybeRepeat(c, engine);
	}

	/** Survey: offered after a resolution, answered by about a third; waiting and bad mood cost points. */
	private rate(c: LiveConversation): void {
		const { random } = this;
		if (c.status !== 'resolved' || !random.chance(c.botResolved ? 0.6 : 0.85)) return;
		c.csatOffered = true;
		if (!random.chance(0.3)) return;
		const waitS = c.firstResponseMs === null ? 0 : (c.firstResponseMs - c.createdMs) / 1000;
		const waitPenalty = c.mode === 'sync' ? waitS / 300 : waitS / 28_800;
		const score = 4.3 + 0.9 * c.sentiment - Math.min(2, waitPenalty) - (c.botResolved ? 0.3 : 0) - 0.3 * c.reopens + 0.9 * random.normal();
		c.csat = Math.round(clamp(score, 1, 5));
	}

	private maybeRepeat(c: LiveConversation, engine: ContactCenterEngine): void {
		const { random } = this;
		const weight = c.status === 'abandoned' ? 4 : c.csat !== null && c.csat <= 2 ? 3 : c.botResolved ? 1.5 : 1;
		this.firstContactsClosed++;
		this.repeatWeightSum += weight;
		const share = (REPEAT_SHARE * weight * this.firstContactsClosed) / this.repeatWeightSum;
		if (!random.chance(Math.min(0.95, share))) return;
		const sameChannel = !random.chance(REPEAT_OTHER_CHANNEL);
		const channelIndex = sameChannel ? c.channelIndex : this.otherChannel(c.channelIndex);
		const closeAfterMs = this.channels[channelIndex].closeAfterS * 1000;
		let delayMs = c.status === 'abandoned' ? random.exponential(40 * 60_000) : clamp(random.lognormal(1.5 * DAY_MS, 0.8), 3_600_000, 6.5 * DAY_MS);
		// a same-channel repeat starts after the thread went quiet, so sessionization sees a new conversation
		if (sameChannel) delayMs = Math.max(delayMs, closeAfterMs + 3_600_000);
		const repeat = engine.newConversation(channelIndex, (c.closedMs ?? c.createdMs) + delayMs, c.customer);
		repeat.repeatOf = c.id;
		repeat.category = c.category;
		repeat.thread = sameChannel ? c.thread + (endsWithCustomer(c) ? 1 : 0) : 0;
		engine.scheduleArrival(repeat);
	}

	private otherChannel(current: number): number {
		for (let tries = 0; tries < 20; tries++) {
			const drawn = this.channelDraw.draw(this.random);
			if (drawn !== current) return drawn;
		}
		return (current + 1) % this.channels.length;
	}
}

/** A conversation whose last word was the customer's stays open in sessionization, so the thread must change. */
function endsWithCustomer(c: LiveConversation): boolean {
	return c.status !== 'resolved';
}

function clamp(x: number, low: number, high: number): number {
	return Math.min(high, Math.max(low, x));
}
