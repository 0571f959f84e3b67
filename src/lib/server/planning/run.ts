/** Builds a plan for the CLI and the server from the stored settings plus per-call overrides. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildPlanAndCheck } from '../../planning/plan';
import type { Plan, PlanAssumptions, PlanInputs } from '../../planning/planTypes';
import type { SimulationOptions } from '../../planning/simulationCheck';
import { readSettings } from '../settings/store';
import { boundedOption } from '../options';
import { readPlanInputs } from './inputs';

export interface PlanOverrides {
	dataset?: string;
	weeksHistory?: number;
	horizonDays?: number;
	growth?: number;
	/** staff to this quantile of each interval's forecast */
	quantile?: number;
	/** replications of the simulation check; 0 skips it */
	replications?: number;
}

const SIMULATION_SEED = 1;
const DEFAULT_REPLICATIONS = 20;

export interface DatasetPlan {
	plan: Plan;
	currency: string;
	/** what the plan was built from, for a report that staffs another mix of it */
	inputs: PlanInputs;
	assumptions: PlanAssumptions;
}

export async function planForDataset(connection: DuckDBConnection, overrides: PlanOverrides = {}): Promise<DatasetPlan> {
	const settings = await readSettings(connection);
	const planning = { ...settings.planning };
	if (overrides.weeksHistory !== undefined) planning.weeks_history = overrides.weeksHistory;
	if (overrides.horizonDays !== undefined) planning.horizon_days = overrides.horizonDays;
	if (overrides.growth !== undefined) planning.growth = overrides.growth;
	if (overrides.quantile !== undefined) planning.forecast_quantile = overrides.quantile;
	const inputs = await readPlanInputs(connection, settings, {
		dataset: overrides.dataset,
		weeksHistory: planning.weeks_history,
		horizonDays: planning.horizon_days,
		intervalMin: planning.interval_min
	});
	const replications = overrides.replications ?? DEFAULT_REPLICATIONS;
	const simulation = replications > 0 ? { seed: SIMULATION_SEED, replications } : null;
	const assumptions: PlanAssumptions = { sla: settings.sla, costs: settings.costs, planning, currency: settings.currency };
	return { plan: await buildPlanOffThread(inputs, assumptions, simulation), currency: settings.currency, inputs, assumptions };
}

/** `buildPlan` with the simulation check on a worker thread: a server request must not hold the event loop for it. */
export async function buildPlanOffThread(inputs: PlanInputs, assumptions: PlanAssumptions, simulation: SimulationOptions | null): Promise<Plan> {
	const { plan, check } = buildPlanAndCheck(inputs, assumptions, simulation);
	if (!check) return plan;
	// imported on demand so the bundler gives the worker module a chunk of its own (the worker loads that chunk)
	const { simulateOffThread } = await import('./simulationWorker');
	return { ...plan, mix: { ...plan.mix, simulation: await simulateOffThread(check) } };
}

/** Reads the plan options of `plan` and `report staffing` (cac camel-cases the flags). */
export function planOverrides(options: Record<string, unknown>): PlanOverrides {
	// bounded: one request must not be able to ask for hours of work (the check runs on a worker, but a core is a core)
	return {
		dataset: typeof options.dataset === 'string' ? options.dataset : undefined,
		weeksHistory: boundedOption(options, 'weeksHistory', 'weeks-history', 'weeksHistory'),
		horizonDays: boundedOption(options, 'horizonDays', 'horizon-days', 'horizonDays'),
		growth: boundedOption(options, 'growth', 'growth', 'growth'),
		quantile: boundedOption(options, 'quantile', 'quantile', 'forecastQuantile'),
		replications: boundedOption(options, 'replications', 'replications', 'replications')
	};
}

export const PLAN_OPTIONS = [
	{ flags: '--dataset <name>', description: 'Dataset (default: the most recently loaded)' },
	{ flags: '--weeks-history <k>', description: 'Full weeks averaged by the forecast (default from settings, 4)' },
	{ flags: '--horizon-days <d>', description: 'Days planned (default from settings, 7)' },
	{ flags: '--growth <g>', description: 'Volume growth as a share, e.g. 0.05' },
	{ flags: '--quantile <q>', description: 'Staff each interval to this quantile of its forecast, 0.5 to 0.95 (default from settings, 0.5)' },
	{ flags: '--replications <n>', description: 'Simulation-check replications of the recommended week (default 20; 0 skips)' }
];
