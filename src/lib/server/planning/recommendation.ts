/**
 * The recommendation in one card (issue 14, item 12): the Overview's summary of the same plan the Plan page
 * builds from the saved assumptions (no simulation, which only checks it), kept per dataset version and settings.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildPlan } from '../../planning/plan';
import type { RecommendationCard } from '../../planning/planTypes';
import { cachedResult } from '../metrics/cache';
import { isUserError } from '../errors';
import { readSettings } from '../settings/store';
import { readPlanInputs } from './inputs';

async function computeCard(connection: DuckDBConnection, dataset: string | undefined): Promise<RecommendationCard> {
	const settings = await readSettings(connection);
	const assumptions = { sla: settings.sla, costs: settings.costs, planning: settings.planning, currency: settings.currency };
	try {
		const inputs = await readPlanInputs(connection, settings, {
			dataset,
			weeksHistory: settings.planning.weeks_history,
			horizonDays: settings.planning.horizon_days,
			intervalMin: settings.planning.interval_min
		});
		const { mix, dataset: name } = buildPlan(inputs, assumptions);
		return {
			state: 'ready',
			dataset: name ?? '',
			decision: mix.decision,
			currentAsyncShare: mix.current_async_share,
			asyncShare: mix.recommended.async_share,
			savingPerWeek: mix.recommended.saving_vs_current,
			savingShare: mix.decision === 'move' ? mix.cheapest.saving_share : null,
			currency: settings.currency,
			mainReason: mix.main_reason,
			costEstimated: Object.values(mix.cost_per_conversation).some((c) => c?.estimated)
		};
	} catch (error) {
		if (isUserError(error)) return { state: 'unavailable', reason: error.message };
		throw error;
	}
}

export function recommendationCard(connection: DuckDBConnection, dataset: string | undefined): Promise<RecommendationCard> {
	return cachedResult(connection, 'recommendation-card', { dataset }, () => computeCard(connection, dataset));
}
