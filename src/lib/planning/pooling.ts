/**
 * One team, one queue: the chat-like async channels (email aside) with the same SLA are staffed as
 * one pool, as the team that answers them works (their concurrency is measured across them too).
 * Staffed apart, every small queue rounds up on its own and pays the pooling penalty.
 */
import { staffChannelWeek, type ChannelWeek, type StaffedInterval, type StaffingContext } from './channelStaffing';
import { sum, weightedMean } from './sums';

/** The members' demand as one channel week: arrivals added, handle time and the measured traits weighted by what they carry. */
export function pooledWeek(members: ChannelWeek[]): ChannelWeek {
	const first = members[0];
	const arrivals = first.arrivals.map((_, t) => sum(members.map((m) => m.arrivals[t])));
	const handleS = arrivals.map((total, t) =>
		total > 0 ? sum(members.map((m) => m.arrivals[t] * m.handleS[t])) / total : sum(members.map((m) => m.handleS[t])) / members.length
	);
	const volume = members.map((m) => sum(m.arrivals));
	const work = members.map((m) => sum(m.arrivals.map((a, t) => a * m.handleS[t])));
	return {
		channel: first.channel,
		mode: first.mode,
		arrivals,
		handleS,
		concurrency: weightedMean(members.map((m, i) => [m.concurrency, volume[i]])),
		focusShare: weightedMean(members.map((m, i) => [m.focusShare, work[i]])) ?? first.focusShare,
		openS: weightedMean(members.map((m, i) => [m.openS, volume[i]])),
		patienceS: null
	};
}

/** Whole agents split by weight with the largest remainders, so the parts add up to `total`. */
export function splitWhole(total: number, weights: number[]): number[] {
	const weightSum = sum(weights);
	const shares = weights.map((w) => (weightSum > 0 ? (total * w) / weightSum : total / weights.length));
	const parts = shares.map((s) => Math.floor(s + 1e-9));
	const order = shares.map((s, i) => [s - parts[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let k = 0; k < total - sum(parts); k++) parts[order[k][1]] += 1;
	return parts;
}

/** Whether a channel is answered by the shared async team (email is worked apart, from its backlog). */
export const pooled = (week: Pick<ChannelWeek, 'mode' | 'channel'>) => week.mode === 'async' && week.channel !== 'email';

/** Staffing of every channel week; async channels sharing an SLA share their agents (split per channel by workload). */
export function staffWeeks(weeks: ChannelWeek[], contextOf: (week: ChannelWeek) => StaffingContext): StaffedInterval[][] {
	const staffed: StaffedInterval[][] = weeks.map((week) => (pooled(week) ? [] : staffChannelWeek(week, contextOf(week))));
	const pools = new Map<string, number[]>();
	weeks.forEach((week, c) => {
		if (!pooled(week)) return;
		const { sla, maxOccupancy } = contextOf(week);
		const key = JSON.stringify([sla.frt_s, sla.target, sla.clock, maxOccupancy]);
		pools.set(key, [...(pools.get(key) ?? []), c]);
	});
	for (const members of pools.values()) {
		const memberWeeks = members.map((c) => weeks[c]);
		const pool = pooledWeek(memberWeeks);
		const context = contextOf(weeks[members[0]]);
		// one team answers them all: the pool keeps the largest of its channels' minimums
		const minimum = Math.max(0, ...memberWeeks.map((w) => context.planning.min_agents?.[w.channel] ?? 0));
		const service = staffChannelWeek(pool, { ...context, planning: { ...context.planning, min_agents: { [pool.channel]: minimum } } });
		const weekWork = memberWeeks.map((w) => sum(w.arrivals.map((a, t) => a * w.handleS[t])));
		members.forEach((c) => (staffed[c] = []));
		service.forEach((s, t) => {
			const work = memberWeeks.map((w) => w.arrivals[t] * w.handleS[t]);
			// agents in an interval with nothing arriving work the carried backlog: split those by the week's work
			const weights = sum(work) > 0 ? work : weekWork;
			const agents = splitWhole(s.agents, weights);
			const scheduled = splitWhole(s.agentsScheduled, weights);
			members.forEach((c, i) => staffed[c].push({ ...s, agents: agents[i], agentsScheduled: scheduled[i] }));
		});
	}
	return staffed;
}
