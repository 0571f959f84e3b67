/** The planning steps of the benchmark: Erlang C solutions, a full plan, a simulated week. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { requiredAgentsErlangC } from '../../planning/erlang';
import { buildPlan } from '../../planning/plan';
import { simulatePlanWeek, type StaffingPlanInput } from '../../planning/simulate/index';
import { readSettings } from '../settings/store';
import { readPlanInputs } from '../planning/inputs';
import { timeMs } from './measure';

/** 10,000 interval solutions with the agent search, over a spread of volumes and targets. */
export async function erlangSolutionsMs(count = 10_000): Promise<{ ms: number; agents: number }> {
	let agents = 0;
	const ms = await timeMs(() => {
		for (let i = 0; i < count; i++) {
			const service = requiredAgentsErlangC({
				volume: 5 + (i % 400),
				intervalS: 1800,
				ahtS: 180 + (i % 7) * 60,
				targetS: 20 + (i % 3) * 20,
				serviceLevel: 0.8,
				maxOccupancy: 0.85,
				shrinkage: 0.3
			});
			agents += service.agents;
		}
	});
	return { ms, agents };
}

/** Forecast from the dataset, then the plan: 336 half-hour intervals x 11 mix points x both modes (no simulation check). */
export async function planMs(
	connection: DuckDBConnection,
	dataset: string
): Promise<{ inputs_ms: number; plan_ms: number; intervals: number; frontier: number }> {
	const settings = await readSettings(connection);
	const planning = { ...settings.planning, interval_min: 30, horizon_days: 7 };
	let inputs!: Awaited<ReturnType<typeof readPlanInputs>>;
	const inputsMs = await timeMs(async () => {
		inputs = await readPlanInputs(connection, settings, { dataset, weeksHistory: planning.weeks_history, horizonDays: 7, intervalMin: 30 });
	});
	let plan!: ReturnType<typeof buildPlan>;
	const ms = await timeMs(() => {
		plan = buildPlan(inputs, { sla: settings.sla, costs: settings.costs, planning, currency: settings.currency }, null);
	});
	return { inputs_ms: inputsMs, plan_ms: ms, intervals: inputs.horizon.length, frontier: plan.mix.frontier.length };
}

/** A week of 336 half-hour intervals with ~100 k contacts over four channels, staffed at ~85 % occupancy. */
export function weekOf100k(): StaffingPlanInput {
	const slots = 336;
	const shape = Array.from({ length: slots }, (_, s) => {
		const hour = (s % 48) / 2;
		return hour >= 8 && hour < 20 ? 1 + Math.sin(((hour - 8) / 12) * Math.PI) : 0.15;
	});
	const total = shape.reduce((a, b) => a + b, 0);
	const channel = (share: number) => shape.map((v) => (v / total) * 100_000 * share);
	const voice = channel(0.35);
	const chat = channel(0.25);
	const email = channel(0.25);
	const messaging = channel(0.15);
	const staff = (load: number[], ahtS: number, perAgent: number) => load.map((v) => Math.max(1, Math.ceil((v * ahtS) / 1800 / 0.85 / perAgent)));
	return {
		start: '2026-09-07T00:00:00Z',
		interval_min: 30,
		channels: [
			{ channel: 'voice', mode: 'sync', arrivals: voice, aht_s: 300, patience_s: 120, sla_s: 20 },
			{ channel: 'chat', mode: 'sync', arrivals: chat, aht_s: 420, patience_s: 180, sla_s: 60 },
			{ channel: 'email', mode: 'async', arrivals: email, aht_s: 360, concurrency: 2.5, sla_s: 14_400 },
			{ channel: 'messaging', mode: 'async', arrivals: messaging, aht_s: 300, concurrency: 2.5, sla_s: 3600 }
		],
		agents: {
			sync: staff(
				voice.map((v, i) => v + chat[i] * (420 / 300)),
				300,
				1
			),
			async: staff(
				email.map((v, i) => v + messaging[i]),
				330,
				2.5
			)
		}
	};
}

/** One simulated week at ~100 k contacts (one replication). */
export async function simulationWeekMs(): Promise<{ ms: number; contacts: number }> {
	const input = weekOf100k();
	let contacts = 0;
	const ms = await timeMs(() => {
		const summary = simulatePlanWeek(input, 1, 1);
		contacts = summary.sync.contacts + summary.async.contacts;
	});
	return { ms, contacts };
}
