/**
 * The channel mix (planning.md "Channel mix"): which volume may move between sync and async,
 * the channel weeks at a given async share of that eligible volume, and the frontier of cost
 * against service over shares 0, 0.1, ..., 1.
 */
import type { Channel, Mode } from '../settings/defaults';
import { weightedServiceLevel, type ChannelWeek, type StaffedInterval, type StaffingContext } from './channelStaffing';
import { staffWeeks } from './pooling';
import type { PlanAssumptions } from './planTypes';
import { sum } from './sums';

export const FRONTIER_SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Today's channel weeks plus what each channel's volume may do. */
export interface MixBase {
	weeks: ChannelWeek[];
	/** per channel, per interval: conversations free to move (not pinned) */
	eligible: number[][];
	businessOpen: boolean[];
	intervalMin: number;
	/** focus time in async over handle time in sync, measured */
	asyncToSyncHandleRatio: number;
	/** extra conversations per moved conversation, from the re-contact rates of the two modes */
	extraRecontact: number;
	botCostPerWeek: number;
	/** concurrency assumed for an async channel created by the move */
	defaultConcurrency: number;
}

export interface MixPoint {
	asyncShare: number;
	weeks: ChannelWeek[];
	staffed: StaffedInterval[][];
	agentHours: number;
	cost: number;
	syncServiceLevel: number | null;
	asyncServiceLevel: number | null;
	meetsTargets: boolean;
	/** conversations a week moved between modes relative to today (positive: to async) */
	movedPerWeek: number;
	/** of those, the ones arriving outside business hours */
	movedAfterHours: number;
}

export function currentAsyncShare(base: MixBase): number {
	let asyncEligible = 0;
	let total = 0;
	base.weeks.forEach((week, c) => {
		const eligible = sum(base.eligible[c]);
		total += eligible;
		if (week.mode === 'async') asyncEligible += eligible;
	});
	return total > 0 ? asyncEligible / total : 0;
}

/** The channel that takes moved volume in a mode: its busiest channel (email never), or a new one. */
function receivingChannel(weeks: ChannelWeek[], mode: Mode, base: MixBase): ChannelWeek {
	const candidates = weeks.filter((w) => w.mode === mode && w.channel !== 'email').sort((a, b) => sum(b.arrivals) - sum(a.arrivals));
	if (candidates.length > 0) return candidates[0];
	const channel: Channel = mode === 'async' ? 'messaging' : 'chat';
	const created: ChannelWeek = {
		channel,
		mode,
		arrivals: base.businessOpen.map(() => 0),
		handleS: base.businessOpen.map(() => 0),
		concurrency: mode === 'async' ? base.defaultConcurrency : null,
		focusShare: 1,
		openS: null,
		patienceS: null
	};
	weeks.push(created);
	return created;
}

/** The channel weeks when `share` of the eligible volume is async. */
export function weeksAtShare(base: MixBase, share: number): { weeks: ChannelWeek[]; moved: number; movedAfterHours: number } {
	const weeks = base.weeks.map((w) => ({ ...w, arrivals: w.arrivals.slice(), handleS: w.handleS.slice() }));
	const today = currentAsyncShare(base);
	const toAsync = share >= today;
	const fraction = toAsync ? (today < 1 ? (share - today) / (1 - today) : 0) : today > 0 ? (today - share) / today : 0;
	const sourceMode: Mode = toAsync ? 'sync' : 'async';
	const target = receivingChannel(weeks, toAsync ? 'async' : 'sync', base);
	const handleFactor = toAsync ? base.asyncToSyncHandleRatio : 1 / base.asyncToSyncHandleRatio;
	const volumeFactor = toAsync ? 1 + base.extraRecontact : 1;
	let moved = 0;
	let movedAfterHours = 0;
	base.weeks.forEach((original, c) => {
		if (original.mode !== sourceMode || fraction <= 0) return;
		const source = weeks[c];
		for (let t = 0; t < source.arrivals.length; t++) {
			const leaving = fraction * base.eligible[c][t];
			if (leaving <= 0) continue;
			source.arrivals[t] -= leaving;
			const arriving = leaving * volumeFactor;
			const workload = target.arrivals[t] * target.handleS[t] + arriving * original.handleS[t] * handleFactor;
			target.arrivals[t] += arriving;
			target.handleS[t] = workload / target.arrivals[t];
			moved += leaving;
			if (!base.businessOpen[t]) movedAfterHours += leaving;
		}
	});
	return { weeks, moved: toAsync ? moved : -moved, movedAfterHours };
}

/** Staff every channel at a share and price it. */
export function evaluateShare(base: MixBase, share: number, assumptions: PlanAssumptions): MixPoint {
	const { weeks, moved, movedAfterHours } = weeksAtShare(base, share);
	const hoursPerInterval = base.intervalMin / 60;
	const staffed = staffWeeks(weeks, (week) => contextFor(week, base, assumptions));
	let agentHours = 0;
	let cost = base.botCostPerWeek;
	let meetsTargets = true;
	weeks.forEach((week, c) => {
		const scheduled = sum(staffed[c].map((s) => s.agentsScheduled)) * hoursPerInterval;
		agentHours += scheduled;
		cost += scheduled * assumptions.costs.hourly[week.mode];
		const level = weightedServiceLevel([{ arrivals: week.arrivals, staffed: staffed[c] }]);
		if (level !== null && level < assumptions.sla[week.channel].target - 1e-9) meetsTargets = false;
	});
	const byMode = (mode: Mode) =>
		weightedServiceLevel(weeks.flatMap((week, c) => (week.mode === mode ? [{ arrivals: week.arrivals, staffed: staffed[c] }] : [])));
	return {
		asyncShare: share,
		weeks,
		staffed,
		agentHours,
		cost,
		syncServiceLevel: byMode('sync'),
		asyncServiceLevel: byMode('async'),
		meetsTargets,
		movedPerWeek: moved,
		movedAfterHours
	};
}

export function contextFor(week: ChannelWeek, base: Pick<MixBase, 'intervalMin' | 'businessOpen'>, assumptions: PlanAssumptions): StaffingContext {
	return {
		intervalMin: base.intervalMin,
		sla: assumptions.sla[week.channel],
		planning: assumptions.planning,
		maxOccupancy: assumptions.costs.occupancy[week.mode],
		businessOpen: base.businessOpen
	};
}

export function frontier(base: MixBase, assumptions: PlanAssumptions): MixPoint[] {
	return FRONTIER_SHARES.map((share) => evaluateShare(base, share, assumptions));
}

/** The cheapest point meeting every target; equal costs (to the currency unit) go to the share closest to today's. */
export function recommend(points: MixPoint[], todayShare: number): MixPoint {
	const meeting = points.filter((p) => p.meetsTargets);
	const pool = meeting.length > 0 ? meeting : points;
	return pool.reduce((best, p) => {
		const [a, b] = [Math.round(p.cost), Math.round(best.cost)];
		if (a < b) return p;
		if (a === b && Math.abs(p.asyncShare - todayShare) < Math.abs(best.asyncShare - todayShare)) return p;
		return best;
	});
}
