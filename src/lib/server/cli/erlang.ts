import { UserError } from '../errors';
import type { CliCommand, CliOptions } from './command';
import { boundedOption } from '../options';
import { RANGES, rangeProblem, type RangeName } from '../../bounds';
import { evaluateSyncAgents, requiredSyncAgents } from '../../planning/syncStaffing';
import type { SyncQueue, SyncService } from '../../planning/erlang';

function queueFrom(options: CliOptions): SyncQueue {
	const required = (key: string, flag: string, range: RangeName) => boundedOption(options, key, flag, range) ?? missing(flag, range);
	const queue: SyncQueue = {
		volume: required('volume', 'volume', 'volume'),
		intervalS: required('intervalMin', 'interval-min', 'intervalMin') * 60,
		ahtS: required('ahtS', 'aht-s', 'ahtS'),
		targetS: required('targetS', 'target-s', 'targetS'),
		serviceLevel: required('sl', 'sl', 'serviceLevel'),
		shrinkage: boundedOption(options, 'shrinkage', 'shrinkage', 'shrinkage') ?? 0,
		maxOccupancy: boundedOption(options, 'maxOccupancy', 'max-occupancy', 'maxOccupancy') ?? null,
		patienceS: boundedOption(options, 'patienceS', 'patience-s', 'patienceS') ?? null,
		maxAbandon: boundedOption(options, 'maxAbandon', 'max-abandon', 'maxAbandon') ?? null
	};
	if (queue.maxAbandon !== null && queue.patienceS === null)
		throw new UserError('--max-abandon needs --patience-s: abandonment is modelled by Erlang A, which needs the mean patience.');
	const load = (queue.volume * queue.ahtS) / queue.intervalS;
	const problem = rangeProblem('loadErlangs', load);
	if (problem) throw new UserError(`${problem} Give fewer contacts, a shorter handle time or a longer interval.`);
	return queue;
}

function missing(flag: string, range: RangeName): never {
	throw new UserError(`--${flag} is required; give ${RANGES[range].what}.`);
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
		const agents = boundedOption(options, 'agents', 'agents', 'agents');
		const service = agents === undefined ? requiredSyncAgents(queue) : evaluateSyncAgents(queue, agents);
		context.print(erlangJson(service), summary(service, agents !== undefined));
	}
};
