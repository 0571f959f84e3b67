/**
 * What-if changes to the plan's measured inputs and saved assumptions. Pure, so the Plan page
 * recomputes in the browser on every slider move and the export endpoint builds the same plan.
 */
import type { PlanAssumptions, PlanInputs } from '../../planning/planTypes';
import { parseDecimal, WHAT_IF_RANGES, type NumberRange } from '../../bounds';

export interface WhatIf {
	/** volume growth as a share, 0.05 = +5% */
	growth: number;
	/** multiplies every measured handle time */
	ahtFactor: number;
	/** multiplies async agents' measured concurrency and the most they may hold */
	concurrencyFactor: number;
	/** 0..<1 */
	shrinkage: number;
	/** the frontier point to inspect; null = the recommendation */
	asyncShare: number | null;
}

export function savedWhatIf(assumptions: PlanAssumptions): WhatIf {
	return { growth: assumptions.planning.growth, ahtFactor: 1, concurrencyFactor: 1, shrinkage: assumptions.planning.shrinkage, asyncShare: null };
}

/** The inputs and assumptions a plan under these what-ifs is built from (the originals are not changed). */
export function applyWhatIf(inputs: PlanInputs, assumptions: PlanAssumptions, whatIf: WhatIf): { inputs: PlanInputs; assumptions: PlanAssumptions } {
	const channels =
		whatIf.ahtFactor === 1 && whatIf.concurrencyFactor === 1
			? inputs.channels
			: inputs.channels.map((channel) => ({
					...channel,
					concurrency: channel.concurrency === null || channel.mode === 'sync' ? channel.concurrency : channel.concurrency * whatIf.concurrencyFactor,
					history:
						whatIf.ahtFactor === 1
							? channel.history
							: { ...channel.history, handleSeconds: channel.history.handleSeconds.map((week) => week.map((s) => s * whatIf.ahtFactor)) }
				}));
	return {
		inputs: { ...inputs, channels },
		assumptions: {
			...assumptions,
			planning: {
				...assumptions.planning,
				growth: whatIf.growth,
				shrinkage: whatIf.shrinkage,
				max_concurrency: assumptions.planning.max_concurrency * whatIf.concurrencyFactor
			}
		}
	};
}

function bounded(raw: string | null, fallback: number, range: NumberRange): number {
	const value = raw === null ? Number.NaN : parseDecimal(raw);
	if (!Number.isFinite(value)) return fallback;
	return Math.min(range.max, Math.max(range.min, value));
}

/** The slider's nearest position (0.3, not 0.30000000000000004: the frontier's shares are exact tenths). */
const onStep = (value: number, step: number) => Number((Math.round(value / step) * step).toFixed(6));

/** What-ifs as URL parameters (the export links carry them). */
export function whatIfToParams(whatIf: WhatIf): URLSearchParams {
	const params = new URLSearchParams({
		growth: String(whatIf.growth),
		aht: String(whatIf.ahtFactor),
		concurrency: String(whatIf.concurrencyFactor),
		shrinkage: String(whatIf.shrinkage)
	});
	if (whatIf.asyncShare !== null) params.set('share', String(whatIf.asyncShare));
	return params;
}

/** The same, read back with every value clamped to the slider ranges; missing ones keep the saved values. */
export function whatIfFromParams(params: URLSearchParams, saved: WhatIf): WhatIf {
	// a share that is not a number ("today", "recommended") leaves the slider at the recommendation
	const share = params.get('share');
	const numeric = share !== null && Number.isFinite(parseDecimal(share));
	return {
		growth: bounded(params.get('growth'), saved.growth, WHAT_IF_RANGES.growth),
		ahtFactor: bounded(params.get('aht'), saved.ahtFactor, WHAT_IF_RANGES.ahtFactor),
		concurrencyFactor: bounded(params.get('concurrency'), saved.concurrencyFactor, WHAT_IF_RANGES.concurrencyFactor),
		shrinkage: bounded(params.get('shrinkage'), saved.shrinkage, WHAT_IF_RANGES.shrinkage),
		asyncShare: numeric ? onStep(bounded(share, 0, WHAT_IF_RANGES.asyncShare), WHAT_IF_RANGES.asyncShare.step) : saved.asyncShare
	};
}

/** A page query with the what-if parameters replaced and the others (the dataset) kept: "?dataset=demo&growth=0.2&…". */
export function searchWithWhatIf(search: string, whatIf: WhatIf): string {
	const params = new URLSearchParams(search);
	for (const key of ['growth', 'aht', 'concurrency', 'shrinkage', 'share']) params.delete(key);
	for (const [key, value] of whatIfToParams(whatIf)) params.set(key, value);
	return `?${params}`;
}

/** Which mix a staffing report staffs: the slider's (its share, or the recommendation), the recommendation, or today's. */
export type ReportMix = 'slider' | 'recommended' | 'today';

/** The export link of a format: the what-ifs in `query`, `share` set for the mix picked. */
export function reportHref(format: string, query: string, mix: ReportMix): string {
	const params = new URLSearchParams(query);
	if (mix === 'today') params.set('share', 'today');
	else if (mix === 'recommended') params.delete('share');
	return `/plan/export/${format}?${params}`;
}
