/** The per-channel totals of the staffed mix (XLSX Summary, PDF): volume, handle time, peaks, agent-hours, service, cost. */
import { meanHandleS, meanOccupancy, meanServiceLevel, staffingTotals, type StaffingTotals } from '../../planning/staffingTotals';
import type { StaffingReport } from './context';

export interface ChannelTotalsRow {
	channel: string;
	totals: StaffingTotals;
	handleS: number | null;
	serviceLevel: number | null;
	occupancy: number | null;
	/** scheduled agent-hours at the mode's hourly cost (bots are priced apart) */
	cost: number;
}

export function channelTotals(report: StaffingReport): ChannelTotalsRow[] {
	const hourly = report.context.settings.costs.hourly;
	return [...staffingTotals(report.rows, report.context.intervalMin, (r) => r.channel)].map(([channel, totals]) => ({
		channel,
		totals,
		handleS: meanHandleS(totals),
		serviceLevel: meanServiceLevel(totals),
		occupancy: meanOccupancy(totals),
		cost: totals.scheduledHours * hourly[totals.mode]
	}));
}
