/** The plan per channel: forecast volume, handle time, peak agents, agent-hours, expected service, forecast accuracy. */
import type { TableData } from '../table';
import type { Plan } from '../../planning/planTypes';
import { meanHandleS, meanServiceLevel, staffingTotals } from '../../planning/staffingTotals';

export function channelSummaryTable(plan: Plan): TableData {
	const byChannel = staffingTotals(plan.intervals, plan.interval_min, (r) => r.channel);
	return {
		columns: [
			{ key: 'channel', label: 'Channel', kind: 'text' },
			{ key: 'mode', label: 'Mode', kind: 'text' },
			{ key: 'volume', label: 'Forecast conversations', kind: 'count' },
			{ key: 'aht', label: 'Handle time', kind: 'duration' },
			{ key: 'peak', label: 'Peak scheduled agents', kind: 'count' },
			{ key: 'hours', label: 'Scheduled agent-hours', kind: 'count' },
			{ key: 'service', label: 'Expected service level', kind: 'percent' },
			{ key: 'wape', label: 'Backtest error (WAPE)', kind: 'percent' }
		],
		rows: [...byChannel].map(([channel, c]) => ({
			channel,
			mode: c.mode,
			volume: Math.round(c.volume),
			aht: meanHandleS(c),
			peak: c.peakScheduled,
			hours: Math.round(c.scheduledHours),
			service: meanServiceLevel(c),
			wape: plan.backtest_wape[channel] ?? null
		}))
	};
}
