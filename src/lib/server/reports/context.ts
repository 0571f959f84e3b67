/**
 * What a staffing report says it is, built once and written by every writer (CSV comment lines, the XLSX
 * Summary sheet, the PDF title block): dataset, zone, history and forecast weeks, the mix staffed, every
 * what-if and setting that shaped the plan, and who generated it when.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, format } from 'date-fns';
import type { Plan, PlanAssumptions, PlanInputs, PlanInterval } from '../../planning/planTypes';
import { staffedMix, type StaffedMixKind } from '../../planning/staffedMix';
import type { SlaTarget } from '../../settings/defaults';

export interface WhatIfFactors {
	ahtFactor: number;
	concurrencyFactor: number;
}

export interface ReportContext {
	dataset: string;
	timezone: string;
	intervalMin: number;
	/** local days, first and last included */
	history: { from: string; to: string; weeks: number };
	forecast: { from: string; to: string; days: number };
	mix: { today: number; recommended: number; chosen: number | null; staffed: StaffedMixKind; staffedShare: number };
	whatIf: { growth: number; ahtFactor: number; concurrencyFactor: number; shrinkage: number };
	settings: PlanAssumptions;
	targets: (SlaTarget & { channel: string })[];
	recommendation: Plan['mix']['recommended'] & { reasons: string[] };
	/** bots' cost of the week, in every mix's weekly cost beside the agents' */
	botCostPerWeek: number;
	generatedAt: Date;
	generatedBy: string;
}

/** A report: its context, the plan and the staffing rows of the mix it staffs. */
export interface StaffingReport {
	context: ReportContext;
	plan: Plan;
	rows: PlanInterval[];
}

export interface ReportRequest {
	plan: Plan;
	/** the inputs and assumptions the plan was built from, what-ifs applied */
	inputs: PlanInputs;
	assumptions: PlanAssumptions;
	factors: WhatIfFactors;
	/** null: the recommended mix; 'today'; or an async share */
	chosen: number | 'today' | null;
	generatedBy: string;
	generatedAt?: Date;
}

const day = (date: Date) => format(date, 'yyyy-MM-dd');

export function staffingReport(request: ReportRequest): StaffingReport {
	const { plan, inputs, assumptions, factors, chosen } = request;
	const staffed = staffedMix(plan, inputs, assumptions, chosen);
	// the horizon starts on a local Monday; the forecast averaged the full weeks right before the last (partial) one
	const start = new TZDate(Date.parse(inputs.horizon[0]?.start ?? new Date().toISOString()), inputs.timezone);
	const days = Math.max(1, Math.round((inputs.horizon.length * inputs.intervalMin) / 1440));
	const historyEnd = addWeeks(start, -1);
	const channels = new Set(staffed.intervals.map((r) => r.channel));
	return {
		context: {
			dataset: plan.dataset ?? '',
			timezone: plan.timezone,
			intervalMin: plan.interval_min,
			history: { from: day(addWeeks(historyEnd, -plan.weeks_history)), to: day(addDays(historyEnd, -1)), weeks: plan.weeks_history },
			forecast: { from: day(start), to: day(addDays(start, days - 1)), days },
			mix: {
				today: plan.mix.current_async_share,
				recommended: plan.mix.recommended.async_share,
				chosen: typeof chosen === 'number' ? chosen : null,
				staffed: staffed.kind,
				staffedShare: staffed.asyncShare
			},
			whatIf: {
				growth: assumptions.planning.growth,
				ahtFactor: factors.ahtFactor,
				concurrencyFactor: factors.concurrencyFactor,
				shrinkage: assumptions.planning.shrinkage
			},
			settings: assumptions,
			targets: Object.entries(assumptions.sla)
				.filter(([channel]) => channels.has(channel as PlanInterval['channel']))
				.map(([channel, target]) => ({ channel, ...target })),
			recommendation: { ...plan.mix.recommended, reasons: plan.mix.reasons },
			botCostPerWeek: inputs.botConversationsPerWeek * assumptions.costs.bot_per_conversation,
			generatedAt: request.generatedAt ?? new Date(),
			generatedBy: request.generatedBy
		},
		plan,
		rows: staffed.intervals
	};
}
