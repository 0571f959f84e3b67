/**
 * Settings keys and their defaults (metrics.md "Settings and defaults", data.md sessionization,
 * planning.md). Shared by server and browser, so it holds no I/O.
 */
export const CHANNELS = ['voice', 'chat', 'messaging', 'sms', 'whatsapp', 'social', 'email', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const MODES = ['sync', 'async'] as const;
export type Mode = (typeof MODES)[number];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `[["09:00","17:00"], ...]` local times per weekday; "24:00" allowed as an end. */
export type BusinessHours = Record<Weekday, [string, string][]>;

export interface SlaTarget {
	frt_s: number;
	target: number;
	clock: 'calendar' | 'business';
}

export interface Costs {
	hourly: Record<Mode, number>;
	occupancy: Record<Mode, number>;
	bot_per_conversation: number;
}

export interface PlanningAssumptions {
	interval_min: number;
	weeks_history: number;
	horizon_days: number;
	growth: number;
	shrinkage: number;
	/** the most conversations an async agent may hold at once (K) */
	max_concurrency: number;
	/** optional ceiling on the sync abandonment rate, 0..1 */
	max_abandon: number | null;
	/** agents on the floor in every interval of business hours, per channel, whatever the demand (none when absent) */
	min_agents: Partial<Record<Channel, number>>;
	/** staff each interval to this quantile of its arrivals forecast: 0.5 the point forecast, 0.8 a busier week than 4 in 5 */
	forecast_quantile: number;
	/** a mix saving below this share of today's weekly cost is no material difference: keep today's mix */
	min_saving_share: number;
	/** full weeks of history below which the plan recommends no mix change */
	min_history_weeks: number;
}

export interface Settings {
	timezone: string;
	business_hours: BusinessHours;
	holidays: string[];
	channel_modes: Record<Channel, Mode>;
	sla: Record<Channel, SlaTarget>;
	costs: Costs;
	currency: string;
	repeat_window_days: number;
	close_after_s: Record<Channel, number>;
	focus_cap_s: number;
	sync_categories: string[];
	planning: PlanningAssumptions;
	max_upload_bytes: number;
}

export type SettingKey = keyof Settings;

const weekdayHours: [string, string][] = [['09:00', '17:00']];

export const DEFAULT_SETTINGS: Settings = {
	timezone: 'UTC',
	business_hours: {
		mon: weekdayHours,
		tue: weekdayHours,
		wed: weekdayHours,
		thu: weekdayHours,
		fri: weekdayHours,
		sat: [],
		sun: []
	},
	holidays: [],
	channel_modes: {
		voice: 'sync',
		chat: 'sync',
		messaging: 'async',
		sms: 'async',
		whatsapp: 'async',
		social: 'async',
		email: 'async',
		other: 'async'
	},
	sla: {
		voice: { frt_s: 20, target: 0.8, clock: 'calendar' },
		chat: { frt_s: 60, target: 0.8, clock: 'calendar' },
		messaging: { frt_s: 3600, target: 0.8, clock: 'business' },
		sms: { frt_s: 3600, target: 0.8, clock: 'business' },
		whatsapp: { frt_s: 3600, target: 0.8, clock: 'business' },
		social: { frt_s: 3600, target: 0.8, clock: 'business' },
		email: { frt_s: 86400, target: 0.9, clock: 'business' },
		other: { frt_s: 3600, target: 0.8, clock: 'business' }
	},
	costs: {
		hourly: { sync: 32, async: 32 },
		occupancy: { sync: 0.85, async: 0.85 },
		bot_per_conversation: 0.5
	},
	currency: 'USD',
	repeat_window_days: 7,
	close_after_s: {
		voice: 1800,
		chat: 1800,
		messaging: 86400,
		sms: 86400,
		whatsapp: 86400,
		social: 86400,
		email: 345600,
		other: 86400
	},
	focus_cap_s: 600,
	sync_categories: ['troubleshooting', 'outage', 'fraud', 'cancellation'],
	planning: {
		interval_min: 30,
		weeks_history: 4,
		horizon_days: 7,
		growth: 0,
		shrinkage: 0.3,
		// 5: the middle of the 3-5 simultaneous threads async agents sustain in practice (tools allow up to 8)
		max_concurrency: 5,
		max_abandon: null,
		min_agents: {},
		forecast_quantile: 0.5,
		// 3%: under it, forecast error (WAPE 30-50% per channel) swamps the difference
		min_saving_share: 0.03,
		// 4: one unusual week (a launch, an outage) must not decide the mix
		min_history_weeks: 4
	},
	max_upload_bytes: 2 * 1024 ** 3
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];
