/** Inputs and output of the plan (planning.md "plan --json"); shared by server, CLI and browser. */
import type { Channel, Mode, Settings } from '../settings/defaults';
import type { ChannelHistory } from './forecast';

/** What the data says about one channel (the server measures it; see src/lib/server/planning/inputs.ts). */
export interface PlanChannelInputs {
	channel: Channel;
	mode: Mode;
	history: ChannelHistory;
	/** measured mean concurrency of agents on the channel, null if unmeasured */
	concurrency: number | null;
	/**
	 * share of the channel's handle seconds that are focus time (`source_handle_s`: an export's or the
	 * sessionizer's); the rest fell back to `attributed_agent_s`, which is already split by concurrency
	 */
	focusShare: number;
	/** mean time a thread holds an agent's slot (first reply to close), for the open-thread cap */
	openS: number | null;
	/** mean patience from abandonment (abandons / total waiting time), null for Erlang C */
	patienceS: number | null;
	/** share of conversations that come back within the repeat window */
	repeatRate: number | null;
	/** share of the channel's conversations pinned to sync (urgent/high, sentiment <= -0.5, sync categories) */
	syncPinnedShare: number;
}

/** One interval of the planned horizon. */
export interface HorizonInterval {
	/** UTC instant the interval starts */
	start: string;
	/** interval of the local week (Monday 00:00 = 0) */
	slot: number;
}

export interface PlanInputs {
	dataset: string | null;
	timezone: string;
	intervalMin: number;
	/** full weeks of history the forecast had (at most K + 1) */
	weeksAvailable: number;
	horizon: HorizonInterval[];
	/** per interval of the week: inside business hours */
	businessOpen: boolean[];
	/** weekdays (0 = Monday) of the planned week that are holidays, and weekdays with no business hours */
	holidayWeekdays: number[];
	closedWeekdays: number[];
	channels: PlanChannelInputs[];
	/** conversations a week a bot takes part in, for the bot cost */
	botConversationsPerWeek: number;
}

export type PlanAssumptions = Pick<Settings, 'sla' | 'costs' | 'planning' | 'currency'>;

export interface PlanInterval {
	start: string;
	mode: Mode;
	channel: Channel;
	forecast: number;
	aht_s: number;
	concurrency: number;
	agents: number;
	agents_scheduled: number;
	service_level: number;
	/** mean wait of answered contacts (abandoners left out, as the simulator counts it); null when unbounded */
	asa_s: number | null;
	occupancy: number;
}

export interface FrontierPoint {
	async_share: number;
	agent_hours: number;
	cost: number;
	sync_service_level: number | null;
	async_service_level: number | null;
	meets_targets: boolean;
}

export interface SimulationCheck {
	sync_service_level: number | null;
	async_service_level: number | null;
	replications: number;
}

export interface Plan {
	dataset: string | null;
	timezone: string;
	interval_min: number;
	weeks_history: number;
	backtest_wape: Record<string, number | null>;
	/** staffing per interval at today's mix */
	intervals: PlanInterval[];
	/** staffing per interval at the recommended mix: what to schedule if the recommendation is taken */
	recommended_intervals: PlanInterval[];
	mix: {
		current_async_share: number;
		frontier: FrontierPoint[];
		recommended: { async_share: number; agent_hours: number; cost: number; saving_vs_current: number };
		reasons: string[];
		simulation: SimulationCheck | null;
	};
}
