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
	/** a bounded sample of the channel's measured handle times (last K weeks): the simulation check resamples them */
	handleSamplesS?: number[];
}

/** A mode's dashboard metrics the recommendation quotes (metrics.md, the `metrics --json` fields). */
export interface MeasuredMode {
	/** `cost_per_conversation`, the Cost page's and the Overview's number */
	costPerConversation: number | null;
	/** the handle time it prices is attributed agent time, not a handle-time column's (src/lib/server/metrics/handleSource.ts) */
	costEstimated: boolean;
	csatScore: number | null;
	frtP50S: number | null;
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
	/** full weeks of history the forecast had */
	weeksAvailable: number;
	/** full weeks between the history's end and the planned week (the data's partial last week); 0 when absent */
	leadWeeks?: number;
	/** full weeks (Monday to Sunday, local) the whole dataset holds: a mix recommendation needs `min_history_weeks` */
	historyWeeks: number;
	/** per mode, what the dashboard measures over the whole dataset; the plan quotes these, never recomputes them */
	measured: Partial<Record<Mode, MeasuredMode>>;
	/** the UTC days [from, to) those were measured over: the dashboard's default range */
	measuredRange: { from: string; to: string } | null;
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
	/** point forecast of the interval's conversations (at the recommended mix: the volume the mix gives the channel) */
	forecast: number;
	/** 80% prediction interval of the point forecast (today's mix only) */
	forecast_p10?: number;
	forecast_p90?: number;
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

/** How a channel's arrivals were forecast (planning.md "Forecast", issue 14 item 13). */
export interface ChannelForecastSummary {
	method: 'mean' | 'holt_winters';
	/** why, one sentence */
	note: string;
	/** backtest WAPE of the chosen method (= backtest_wape[channel]) */
	backtest_wape: number | null;
	mean_wape: number | null;
	holt_winters_wape: number | null;
	/** the baseline: the same interval of the last week */
	seasonal_naive_wape: number | null;
	/** weeks forecast in the backtest (rolling origins) */
	backtest_weeks: number;
	/** Holt-Winters' change of the weekly volume per week; null for the mean */
	trend_per_week: number | null;
}

export interface SimulationCheck {
	sync_service_level: number | null;
	async_service_level: number | null;
	replications: number;
}

/** `move`: the recommendation changes the mix; `keep_current`: no mix saves a material share; `insufficient_history`: too few weeks to say. */
export type MixDecision = 'move' | 'keep_current' | 'insufficient_history';

/** An input whose change would flip the recommendation, and where. */
export interface SensitivityInput {
	input: 'async_concurrency' | 'async_handle_s' | 'async_hourly_cost';
	today: number;
	/** the value at which the two choices cost the same */
	break_even: number;
	sentence: string;
}

export interface MixSensitivity {
	/** threads an async agent must hold at once for a moved conversation to cost no more than in sync; null when concurrency cannot change it */
	break_even_concurrency: number | null;
	measured_concurrency: number | null;
	inputs: SensitivityInput[];
}

export interface Plan {
	dataset: string | null;
	timezone: string;
	interval_min: number;
	weeks_history: number;
	backtest_wape: Record<string, number | null>;
	/** per channel: the forecast method, its backtest WAPE and the baselines' */
	forecast: Record<string, ChannelForecastSummary>;
	/** the quantile of each interval's forecast staffed for (0.5: the point forecast) */
	forecast_quantile: number;
	/** staffing per interval at today's mix */
	intervals: PlanInterval[];
	/** staffing per interval at the recommended mix: what to schedule if the recommendation is taken */
	recommended_intervals: PlanInterval[];
	mix: {
		current_async_share: number;
		frontier: FrontierPoint[];
		recommended: { async_share: number; agent_hours: number; cost: number; saving_vs_current: number };
		decision: MixDecision;
		/** the cheapest mix meeting every target, whether or not it is recommended, and its saving as a share of today's cost */
		cheapest: { async_share: number; saving_vs_current: number; saving_share: number | null };
		min_saving_share: number;
		/** the dashboard's cost per conversation per mode, as the Cost page shows it over `measured_range` */
		cost_per_conversation: Partial<Record<Mode, { value: number | null; estimated: boolean }>>;
		measured_range: { from: string; to: string } | null;
		sensitivity: MixSensitivity;
		/** the one sentence that carries the decision (the Overview card shows it) */
		main_reason: string;
		reasons: string[];
		simulation: SimulationCheck | null;
	};
}

/** The Overview's one-card summary of the recommendation (src/lib/server/planning/recommendation.ts). */
export type RecommendationCard =
	| {
			state: 'ready';
			dataset: string;
			decision: MixDecision;
			currentAsyncShare: number;
			asyncShare: number;
			savingPerWeek: number;
			/** the saving as a share of today's weekly cost */
			savingShare: number | null;
			currency: string;
			mainReason: string;
			/** the dashboard's cost per conversation per mode is an estimate (no handle-time column) */
			costEstimated: boolean;
	  }
	| { state: 'unavailable'; reason: string };
