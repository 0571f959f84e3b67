/** One entry point for a synchronous queue: Erlang A when patience is known, else Erlang C. */
import { evaluateErlangC, requiredAgentsErlangC, type SyncQueue, type SyncService } from './erlang';
import { evaluateErlangA, requiredAgentsErlangA } from './erlangA';

const usesPatience = (queue: SyncQueue) => queue.patienceS != null && queue.patienceS > 0;

/** The fewest agents meeting the queue's targets, with the service they give. */
export function requiredSyncAgents(queue: SyncQueue): SyncService {
	return usesPatience(queue) ? requiredAgentsErlangA(queue) : requiredAgentsErlangC(queue);
}

/** The service a given number of agents gives. */
export function evaluateSyncAgents(queue: SyncQueue, agents: number): SyncService {
	return usesPatience(queue) ? evaluateErlangA(queue, agents) : evaluateErlangC(queue, agents);
}
