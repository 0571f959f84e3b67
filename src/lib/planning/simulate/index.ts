/**
 * The seeded contact-center simulator (pure TypeScript, no I/O: runs on the server, in the
 * browser and in tests). Same seed → same conversations on every platform.
 *
 * Two entry points:
 * - `simulateConversations(config)`: a generator of demo conversations over N days
 *   (seasonality, shifts, impatient sync customers, async agents juggling K conversations,
 *   bots, repeats, CSAT...). Streams: memory is bounded by what is in flight.
 * - `simulatePlanWeek(plan, seed, replications)`: the planning "simulation check". Give it the
 *   forecast per channel and interval and the agents per interval (per mode or per channel);
 *   it returns simulated service level, waits and abandons per mode and channel
 *   (`SimulationSummary`), e.g. `summary.sync.service_level` beside the Erlang figure.
 */
export { simulateConversations, defaultDays, type GenerationConfig } from './demo';
export { simulatePlanWeek, type StaffingPlanInput, type PlanChannel, type SimulationSummary, type SimulatedService } from './plan';
export type { SimulatedConversation, SimulatedMessage, SimulatedRole, SimulatedStatus, SimulatedPriority } from './conversation';
export { Random, Categorical } from './random';
export { ZoneClock, formatUtcIso } from './zone';
