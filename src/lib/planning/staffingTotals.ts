/** Totals of staffing rows (a channel's week, or one day of it): the Plan page's channel table and the reports share them. */
import type { PlanInterval } from './planTypes';

export interface StaffingTotals {
	mode: PlanInterval['mode'];
	/** forecast conversations */
	volume: number;
	/** forecast conversations x handle seconds, for the volume-weighted handle time */
	workSeconds: number;
	/** forecast conversations x expected service level, for the volume-weighted service level */
	served: number;
	peakRequired: number;
	peakScheduled: number;
	requiredHours: number;
	scheduledHours: number;
	/** agents on duty x occupancy, for the agent-weighted occupancy */
	busyAgents: number;
	agentIntervals: number;
}

const empty = (mode: PlanInterval['mode']): StaffingTotals => ({
	mode,
	volume: 0,
	workSeconds: 0,
	served: 0,
	peakRequired: 0,
	peakScheduled: 0,
	requiredHours: 0,
	scheduledHours: 0,
	busyAgents: 0,
	agentIntervals: 0
});

/** Rows grouped by `keyOf` (channel, or day and channel), in first-seen order. */
export function staffingTotals(rows: readonly PlanInterval[], intervalMin: number, keyOf: (row: PlanInterval) => string): Map<string, StaffingTotals> {
	const hours = intervalMin / 60;
	const groups = new Map<string, StaffingTotals>();
	for (const r of rows) {
		const key = keyOf(r);
		const t = groups.get(key) ?? empty(r.mode);
		t.volume += r.forecast;
		t.workSeconds += r.forecast * r.aht_s;
		t.served += r.forecast * r.service_level;
		t.peakRequired = Math.max(t.peakRequired, r.agents);
		t.peakScheduled = Math.max(t.peakScheduled, r.agents_scheduled);
		t.requiredHours += r.agents * hours;
		t.scheduledHours += r.agents_scheduled * hours;
		t.busyAgents += r.agents * r.occupancy;
		t.agentIntervals += r.agents;
		groups.set(key, t);
	}
	return groups;
}

/** Volume-weighted handle time and service level, agent-weighted occupancy; null with no volume or agents. */
export const meanHandleS = (t: StaffingTotals) => (t.volume > 0 ? t.workSeconds / t.volume : null);
export const meanServiceLevel = (t: StaffingTotals) => (t.volume > 0 ? t.served / t.volume : null);
export const meanOccupancy = (t: StaffingTotals) => (t.agentIntervals > 0 ? t.busyAgents / t.agentIntervals : null);
