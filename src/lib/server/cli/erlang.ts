import { UserError } from '../errors';
import type { CliCommand, CliOptions } from './command';
import { evaluateSyncAgents, requiredSyncAgents } from '../../planning/syncStaffing';
import type { SyncQueue, SyncService } from '../../planning/erlang';

function numberOption(options: CliOptions, key: string, flag: string, check: (n: number) => boolean, what: string, required = true): number | undefined {
	const raw = options[key];
	if (raw === undefined || raw === null || raw === false) {
		if (required) throw new UserError(`--${flag} is required; give ${what}.`);
		return undefined;
	}
	const value = Number(raw);
	if (!Number.isFinite(value) || !check(value)) throw new UserError(`--${flag} must be ${what}; got "${String(raw)}".`);
	return value;
}

const share = (n: number) => n >= 0 && n <= 1;
const positive = (n: number) => n > 0;

function queueFrom(options: CliOptions): SyncQueue {
	return {
		volume: numberOption(options, 'volume', 'volume', (n) => n >= 0, 'the contacts per interval (0 or more)')!,
		intervalS: numberOption(options, 'intervalMin', 'interval-min', positive, 'the interval length in minutes (above 0)')! * 60,
		ahtS: numberOption(options, 'ahtS', 'aht-s', positive, 'the average handle time in seconds (above 0)')!,
		targetS: numberOption(options, 'targetS', 'target-s', (n) => n >= 0, 'the answer-within threshold in seconds')!,
		serviceLevel: numberOption(options, 'sl', 'sl', (n) => n > 0 && n < 1, 'the service-level target as a share between 0 and 1, e.g. 0.8')!,
		shrinkage: numberOption(options, 'shrinkage', 'shrinkage', (n) => n >= 0 && n < 1, 'a share from 0 to below 1', false) ?? 0,
		maxOccupancy: numberOption(options, 'maxOccupancy', 'max-occupancy', (n) => n > 0 && n <= 1, 'a share above 0 and at most 1', false) ?? null,
		patienceS: numberOption(options, 'patienceS', 'patience-s', positive, 'the mean patience in seconds (above 0)', false) ?? null,
		maxAbandon: numberOption(options, 'maxAbandon', 'max-abandon', share, 'a share between 0 and 1', false) ?? null
	};
}

/** The `erlang --json` contract of product.md, at full precision: rounding belongs to the text summary. */
export function erlangJson(service: SyncService) {
	const finite = (n: number) => (Number.isFinite(n) ? n : null);
	return {
		model: service.model,
		load_erlangs: service.loadErlangs,
		agents: service.agents,
		agents_scheduled: service.agentsScheduled,
		service_level: service.serviceLevel,
		occupancy: service.occupancy,
		p_wait: service.pWait,
		asa_s: finite(service.asaS),
		p_abandon: service.pAbandon
	};
}

function summary(service: SyncService, evaluated: boolean): string {
	const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
	const lines = [
		`${service.model === 'erlang_a' ? 'Erlang A' : 'Erlang C'}, offered load ${service.loadErlangs.toFixed(2)} Erlangs`,
		`${evaluated ? 'Agents given' : 'Agents needed'}: ${service.agents} (${service.agentsScheduled} scheduled after shrinkage)`,
		`Service level ${pct(service.serviceLevel)}, occupancy ${pct(service.occupancy)}, P(wait) ${pct(service.pWait)}, mean wait of answered contacts ${Number.isFinite(service.asaS) ? `${service.asaS.toFixed(1)} s` : 'unbounded (too few agents)'}`
	];
	if (service.pAbandon !== null) lines.push(`Abandonment ${pct(service.pAbandon)}`);
	return lines.join('\n');
}

export const erlangCommand: CliCommand = {
	spec: 'erlang',
	description: 'One staffing calculation (Erlang C, or Erlang A with --patience-s): the agents needed, or with --agents the service they give',
	options: [
		{ flags: '--volume <n>', description: 'Contacts offered in the interval' },
		{ flags: '--interval-min <m>', description: 'Interval length in minutes' },
		{ flags: '--aht-s <s>', description: 'Average handle time in seconds' },
		{ flags: '--target-s <s>', description: 'Answer within this many seconds' },
		{ flags: '--sl <share>', description: 'Service-level target, 0..1' },
		{ flags: '--shrinkage <share>', description: 'Share of paid time not available (default 0)' },
		{ flags: '--max-occupancy <share>', description: 'Occupancy cap, 0..1' },
		{ flags: '--patience-s <s>', description: 'Mean patience in seconds: use Erlang A' },
		{ flags: '--max-abandon <share>', description: 'Highest acceptable abandonment rate (Erlang A)' },
		{ flags: '--agents <n>', description: 'Evaluate this many agents instead of searching' }
	],
	examples: ['erlang --volume 100 --interval-min 30 --aht-s 180 --target-s 20 --sl 0.8 --shrinkage 0.3 --max-occupancy 0.85'],
	async run(_args, options, context) {
		const queue = queueFrom(options);
		const agents = numberOption(options, 'agents', 'agents', (n) => Number.isInteger(n) && n >= 0, 'a whole number of agents', false);
		const service = agents === undefined ? requiredSyncAgents(queue) : evaluateSyncAgents(queue, agents);
		context.print(erlangJson(service), summary(service, agents !== undefined));
	}
};
