/**
 * The plan (planning.md "plan --json"): forecast per channel, staffing per interval of the
 * horizon at today's mix, the mix frontier, the recommendation and its reasons. Pure.
 */
import type { ChannelWeek, StaffedInterval } from './channelStaffing';
import { staffWeeks } from './pooling';
import { forecastChannel, intervalsPerWeek, type ChannelForecast } from './forecast';
import { contextFor, currentAsyncShare, evaluateShare, frontier, recommend, type MixBase, type MixPoint } from './mix';
import { costPerConversationReason, mixReasons, moveCauseReason, tradeOffReason } from './mixReasons';
import { decideMix, holdSentence } from './mixDecision';
import { mixSensitivity, type MoveEconomics } from './mixSensitivity';
import { runSimulationRequest, type SimulationOptions, type SimulationRequest } from './simulationCheck';
import type { ChannelForecastSummary, FrontierPoint, Plan, PlanAssumptions, PlanInputs, PlanInterval } from './planTypes';
import { sum, weightedMean } from './sums';

const DEFAULT_HANDLE_S = { sync: 300, async: 600 };
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Business hours of the planned week with its holidays closed: the business clock does not run on them. */
export function plannedBusinessOpen(inputs: Pick<PlanInputs, 'businessOpen' | 'holidayWeekdays'>): boolean[] {
	const perDay = inputs.businessOpen.length / 7;
	return inputs.businessOpen.map((open, t) => open && !inputs.holidayWeekdays.includes(Math.floor(t / perDay)));
}

function buildMixBase(
	inputs: PlanInputs,
	assumptions: PlanAssumptions,
	forecasts: ChannelForecast[],
	weeks: ChannelWeek[]
): { base: MixBase; economics: MoveEconomics } {
	const businessOpen = plannedBusinessOpen(inputs);
	const eligible = inputs.channels.map((channel, c) => {
		if (channel.channel === 'email') return weeks[c].arrivals.map(() => 0);
		// async contacts after hours stay async: no sync staff is there to take them
		return weeks[c].arrivals.map((v, t) => (channel.mode === 'async' && !businessOpen[t] ? 0 : v * (1 - channel.syncPinnedShare)));
	});
	const modeMean = (mode: 'sync' | 'async', pick: (c: number) => number | null) =>
		weightedMean(inputs.channels.map((ch, c) => [ch.mode === mode && ch.channel !== 'email' ? pick(c) : null, sum(weeks[c].arrivals)]));
	const syncHandle = modeMean('sync', (c) => forecasts[c].meanHandleS);
	const asyncHandle = modeMean('async', (c) => forecasts[c].meanHandleS);
	const syncRepeat = modeMean('sync', (c) => inputs.channels[c].repeatRate);
	const asyncRepeat = modeMean('async', (c) => inputs.channels[c].repeatRate);
	const handleRatio = syncHandle && asyncHandle ? asyncHandle / syncHandle : 1;
	const asyncConcurrency = modeMean('async', (c) => inputs.channels[c].concurrency);
	const base: MixBase = {
		weeks,
		eligible,
		businessOpen,
		intervalMin: inputs.intervalMin,
		asyncToSyncHandleRatio: handleRatio,
		extraRecontact: syncRepeat !== null && asyncRepeat !== null ? Math.max(0, asyncRepeat - syncRepeat) : 0,
		botCostPerWeek: inputs.botConversationsPerWeek * assumptions.costs.bot_per_conversation,
		defaultConcurrency: asyncConcurrency ?? 1
	};
	const economics: MoveEconomics = {
		syncHandleS: syncHandle ?? DEFAULT_HANDLE_S.sync,
		handleRatio,
		concurrency: asyncConcurrency,
		focusShare: modeMean('async', (c) => inputs.channels[c].focusShare) ?? 1
	};
	return { base, economics };
}

/** One row per interval of the horizon and channel with volume, for channel weeks and their staffing (today's mix with its forecasts, or a mix point's). */
export function intervalRows(inputs: PlanInputs, weeks: ChannelWeek[], staffed: StaffedInterval[][], forecasts?: ChannelForecast[]): PlanInterval[] {
	const rows: PlanInterval[] = [];
	for (const interval of inputs.horizon) {
		weeks.forEach((week, c) => {
			if (sum(week.arrivals) <= 0) return;
			const s = staffed[c][interval.slot];
			const f = forecasts?.[c];
			rows.push({
				start: interval.start,
				mode: week.mode,
				channel: week.channel,
				forecast: round((f?.expected ?? week.arrivals)[interval.slot], 2),
				...(f ? { forecast_p10: round(f.low[interval.slot], 2), forecast_p90: round(f.high[interval.slot], 2) } : {}),
				aht_s: round(week.handleS[interval.slot], 1),
				concurrency: round(s.concurrency, 2),
				agents: s.agents,
				agents_scheduled: s.agentsScheduled,
				service_level: round(s.serviceLevel, 4),
				asa_s: Number.isFinite(s.asaS) ? round(s.asaS, 1) : null,
				occupancy: round(s.occupancy, 4)
			});
		});
	}
	return rows;
}

function forecastSummary(f: ChannelForecast): ChannelForecastSummary {
	const level = (v: number | null) => (v === null ? null : round(v, 4));
	return {
		method: f.method,
		note: f.methodReason,
		backtest_wape: level(f.backtestWape),
		mean_wape: level(f.wapes.mean),
		holt_winters_wape: level(f.wapes.holt_winters),
		seasonal_naive_wape: level(f.wapes.seasonal_naive),
		backtest_weeks: f.backtestWeeks,
		trend_per_week: f.trendPerWeek === null ? null : round(f.trendPerWeek, 1)
	};
}

function frontierPoint(point: MixPoint): FrontierPoint {
	const level = (v: number | null) => (v === null ? null : round(v, 4));
	return {
		async_share: point.asyncShare,
		agent_hours: round(point.agentHours, 1),
		cost: round(point.cost, 2),
		sync_service_level: level(point.syncServiceLevel),
		async_service_level: level(point.asyncServiceLevel),
		meets_targets: point.meetsTargets
	};
}

function recommendOrNull(points: MixPoint[], todayShare: number): MixPoint | null {
	return points.length > 0 ? recommend(points, todayShare) : null;
}

/** The forecast per channel and the mix base built on it: what the plan and the staffing at any share start from. */
export function forecastMixBase(inputs: PlanInputs, assumptions: PlanAssumptions): { forecasts: ChannelForecast[]; base: MixBase; economics: MoveEconomics } {
	const slots = intervalsPerWeek(inputs.intervalMin);
	const forecasts = inputs.channels.map((channel) =>
		forecastChannel(channel.history, slots, {
			weeksHistory: assumptions.planning.weeks_history,
			growth: assumptions.planning.growth,
			defaultHandleS: DEFAULT_HANDLE_S[channel.mode],
			holidayWeekdays: inputs.holidayWeekdays,
			closedWeekdays: inputs.closedWeekdays,
			leadWeeks: inputs.leadWeeks ?? 0,
			quantile: assumptions.planning.forecast_quantile ?? 0.5
		})
	);
	const weeks: ChannelWeek[] = inputs.channels.map((channel, c) => ({
		channel: channel.channel,
		mode: channel.mode,
		arrivals: forecasts[c].arrivals,
		handleS: forecasts[c].handleS,
		concurrency: channel.concurrency,
		focusShare: channel.focusShare,
		openS: channel.openS,
		patienceS: channel.patienceS,
		handleSamplesS: channel.handleSamplesS
	}));
	const { base, economics } = buildMixBase(inputs, assumptions, forecasts, weeks);
	return { forecasts, base, economics };
}

/** `simulation`: run the simulation check on the recommendation (seconds, not milliseconds: leave it out for what-if sliders). */
export function buildPlan(inputs: PlanInputs, assumptions: PlanAssumptions, simulation: SimulationOptions | null = null): Plan {
	const { plan, check } = buildPlanAndCheck(inputs, assumptions, simulation);
	return check ? { ...plan, mix: { ...plan.mix, simulation: runSimulationRequest(check) } } : plan;
}

/**
 * The plan with `mix.simulation` null, and the simulation check of its recommendation still to
 * run (null when not asked for): the server runs it off the event loop.
 */
export function buildPlanAndCheck(
	inputs: PlanInputs,
	assumptions: PlanAssumptions,
	simulation: SimulationOptions | null
): { plan: Plan; check: SimulationRequest | null } {
	const { forecasts, base, economics } = forecastMixBase(inputs, assumptions);
	const weeks = base.weeks;
	const todayShare = currentAsyncShare(base);
	const points = frontier(base, assumptions);
	const today = evaluateShare(base, todayShare, assumptions);
	const cheapest = recommend([...points, today], todayShare);
	const { planning } = assumptions;
	const decided = decideMix({
		today,
		cheapest,
		historyWeeks: inputs.historyWeeks,
		minHistoryWeeks: planning.min_history_weeks,
		minSavingShare: planning.min_saving_share
	});
	const best = decided.chosen;
	const money = (n: number) => `${Math.round(n).toLocaleString('en-US')} ${assumptions.currency}`;
	const pinnedSync = sum(inputs.channels.map((ch, c) => (ch.channel === 'email' ? 0 : sum(weeks[c].arrivals) * ch.syncPinnedShare)));
	const pinnedAsync = sum(inputs.channels.map((ch, c) => (ch.channel === 'email' ? sum(weeks[c].arrivals) : 0)));
	const decisionReasons =
		decided.decision === 'move'
			? mixReasons(best, {
					assumptions,
					todayShare,
					today,
					allSync: points[0],
					allAsync: points[points.length - 1],
					frontier: points,
					businessOpen: base.businessOpen,
					intervalMin: inputs.intervalMin,
					pinnedSync,
					pinnedAsync
				})
			: [
					holdSentence(decided, {
						cheapest,
						historyWeeks: inputs.historyWeeks,
						minHistoryWeeks: planning.min_history_weeks,
						minSavingShare: planning.min_saving_share,
						timezone: inputs.timezone,
						money
					})
				];
	// the alternative the sensitivity weighs the choice against: today's mix for a move, else the cheapest other share
	const others = [...points].filter((p) => Math.abs(p.asyncShare - best.asyncShare) > 1e-9 && (p.meetsTargets || !best.meetsTargets));
	const alternative =
		decided.decision === 'move' ? today : Math.abs(cheapest.asyncShare - best.asyncShare) > 1e-9 ? cheapest : (recommendOrNull(others, todayShare) ?? null);
	const sensitivity = mixSensitivity({ economics, assumptions, chosen: best, alternative, intervalMin: inputs.intervalMin });
	// which way the decision leans: the mode the chosen (or, when holding, the cheapest) mix moves volume to
	const leaning = decided.decision === 'move' ? best : cheapest;
	const toMode = leaning.asyncShare > todayShare + 1e-9 ? 'async' : leaning.asyncShare < todayShare - 1e-9 ? 'sync' : null;
	// the card's sentence: why this decision; for a move, its cause in the Cost page's numbers, else the saving
	const cause =
		decided.decision === 'move' && toMode
			? moveCauseReason(
					toMode,
					inputs.measured,
					{ breakEven: sensitivity.break_even_concurrency, measured: sensitivity.measured_concurrency },
					assumptions.currency
				)
			: null;
	const reasons = [
		...decisionReasons,
		cause,
		toMode ? tradeOffReason(toMode, inputs.measured) : null,
		costPerConversationReason(inputs.measured, inputs.measuredRange, assumptions.currency),
		...(decided.decision === 'insufficient_history' ? [] : sensitivity.inputs.map((i) => i.sentence))
	].filter((r): r is string => r !== null);
	const mainReason = cause ?? (decided.decision === 'move' && decisionReasons.length > 1 ? decisionReasons[1] : decisionReasons[0]);
	const todayStaffed = staffWeeks(base.weeks, (week) => contextFor(week, base, assumptions));
	const check =
		simulation && inputs.horizon.length > 0
			? {
					point: { weeks: best.weeks, staffed: best.staffed },
					start: inputs.horizon[0].start,
					intervalMin: inputs.intervalMin,
					assumptions,
					options: simulation,
					businessOpen: base.businessOpen
				}
			: null;
	const plan: Plan = {
		dataset: inputs.dataset,
		timezone: inputs.timezone,
		interval_min: inputs.intervalMin,
		weeks_history: Math.min(assumptions.planning.weeks_history, Math.max(0, inputs.weeksAvailable)),
		backtest_wape: Object.fromEntries(forecasts.map((f) => [f.channel, f.backtestWape === null ? null : round(f.backtestWape, 4)])),
		forecast: Object.fromEntries(forecasts.map((f) => [f.channel, forecastSummary(f)])),
		forecast_quantile: assumptions.planning.forecast_quantile ?? 0.5,
		intervals: intervalRows(inputs, base.weeks, todayStaffed, forecasts),
		recommended_intervals: intervalRows(inputs, best.weeks, best.staffed),
		mix: {
			current_async_share: round(todayShare, 4),
			frontier: points.map(frontierPoint),
			recommended: {
				async_share: round(best.asyncShare, 4),
				agent_hours: round(best.agentHours, 1),
				cost: round(best.cost, 2),
				saving_vs_current: round(today.cost - best.cost, 2)
			},
			decision: decided.decision,
			cheapest: {
				async_share: round(cheapest.asyncShare, 4),
				saving_vs_current: round(today.cost - cheapest.cost, 2),
				saving_share: decided.savingShare === null ? null : round(decided.savingShare, 4)
			},
			min_saving_share: planning.min_saving_share,
			measured_range: inputs.measuredRange,
			cost_per_conversation: Object.fromEntries(
				Object.entries(inputs.measured).map(([mode, m]) => [
					mode,
					{ value: m.costPerConversation === null ? null : round(m.costPerConversation, 4), estimated: m.costEstimated }
				])
			),
			sensitivity: {
				break_even_concurrency: sensitivity.break_even_concurrency === null ? null : round(sensitivity.break_even_concurrency, 2),
				measured_concurrency: sensitivity.measured_concurrency === null ? null : round(sensitivity.measured_concurrency, 2),
				inputs: sensitivity.inputs.map((i) => ({ ...i, today: round(i.today, 2), break_even: round(i.break_even, 2) }))
			},
			main_reason: mainReason,
			reasons,
			simulation: null
		}
	};
	return { plan, check };
}
