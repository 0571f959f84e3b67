/** The plan per channel: forecast volume, handle time, peak agents, agent-hours, expected service, forecast accuracy. */
import type { TableData } from '../table';
import type { Plan } from '../../planning/planTypes';

export function channelSummaryTable(plan: Plan): TableData {
	const hours = plan.interval_min / 60;
	const byChannel = new Map<string, { mode: string; volume: number; work: number; peak: number; scheduledHours: number; served: number }>();
	for (const r of plan.intervals) {
		const c = byChannel.get(r.channel) ?? { mode: r.mode, volume: 0, work: 0, peak: 0, scheduledHours: 0, served: 0 };
		c.volume += r.forecast;
		c.work += r.forecast * r.aht_s;
		c.peak = Math.max(c.peak, r.agents_scheduled);
		c.scheduledHours += r.agents_scheduled * hours;
		c.served += r.forecast * r.service_level;
		byChannel.set(r.channel, c);
	}
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
			aht: c.volume > 0 ? c.work / c.volume : null,
			peak: c.peak,
			hours: Math.round(c.scheduledHours),
			service: c.volume > 0 ? c.served / c.volume : null,
			wape: plan.backtest_wape[channel] ?? null
		}))
	};
}
