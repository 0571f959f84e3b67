/** What the Plan page and its export read: the measured inputs of a dataset and the saved assumptions. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readPlanInputs } from '$lib/server/planning/inputs';
import { readSettings } from '$lib/server/settings/store';
import type { PlanAssumptions, PlanInputs } from '$lib/planning/planTypes';

export const SIMULATION = { seed: 1, replications: 20 };

export async function planSources(connection: DuckDBConnection, dataset: string | undefined): Promise<{ inputs: PlanInputs; assumptions: PlanAssumptions }> {
	const settings = await readSettings(connection);
	const { planning } = settings;
	const inputs = await readPlanInputs(connection, settings, {
		dataset,
		weeksHistory: planning.weeks_history,
		horizonDays: planning.horizon_days,
		intervalMin: planning.interval_min
	});
	return { inputs, assumptions: { sla: settings.sla, costs: settings.costs, planning, currency: settings.currency } };
}
