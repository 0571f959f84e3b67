import { CHANNELS, DEFAULT_SETTINGS, MODES, WEEKDAYS, type SettingKey, type Settings } from './defaults';
import { dayProblem, rangeProblem, type RangeName } from '../bounds';

/** Returns one sentence saying what is wrong with a value for `key`, or null when it is valid. */
export function settingProblem(key: string, value: unknown): string | null {
	if (!(key in DEFAULT_SETTINGS)) {
		return `There is no setting "${key}"; known settings are ${Object.keys(DEFAULT_SETTINGS).join(', ')}.`;
	}
	const check = checks[key as SettingKey];
	return check(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Whether `v` is a number in the named range of $lib/bounds (the one place ranges live). */
const within = (name: RangeName) => (v: unknown) => rangeProblem(name, v) === null;
/** Lists a user can store are short: a settings row is read on every page. */
const LIST_MAX = 366;
const SPANS_PER_DAY_MAX = 12;
const CATEGORY_MAX_LENGTH = 100;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function validTimeZone(zone: unknown): boolean {
	if (typeof zone !== 'string' || zone === '') return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

function perChannel(value: unknown, what: string, ok: (v: unknown) => boolean): string | null {
	if (!isRecord(value)) return `Give ${what} as an object keyed by channel (${CHANNELS.join(', ')}).`;
	for (const [channel, v] of Object.entries(value)) {
		if (!(CHANNELS as readonly string[]).includes(channel)) return `"${channel}" is not a channel; use ${CHANNELS.join(', ')}.`;
		if (!ok(v)) return `The ${what} for ${channel} is not valid.`;
	}
	return null;
}

const checks: Record<SettingKey, (value: unknown) => string | null> = {
	timezone: (v) => (validTimeZone(v) ? null : `"${String(v)}" is not an IANA time zone; use a name such as "Europe/Berlin" or "UTC".`),
	business_hours: (v) => {
		if (!isRecord(v)) return 'Give business_hours as {"mon":[["09:00","17:00"]], ...} with local times.';
		for (const [day, spans] of Object.entries(v)) {
			if (!(WEEKDAYS as readonly string[]).includes(day)) return `"${day}" is not a weekday; use ${WEEKDAYS.join(', ')}.`;
			if (!Array.isArray(spans)) return `The hours for ${day} must be a list of ["HH:MM","HH:MM"] pairs.`;
			if (spans.length > SPANS_PER_DAY_MAX) return `Give at most ${SPANS_PER_DAY_MAX} spans of hours for ${day}.`;
			for (const span of spans) {
				if (!Array.isArray(span) || span.length !== 2 || !CLOCK.test(String(span[0])) || !CLOCK.test(String(span[1])))
					return `The hours for ${day} must be pairs of times such as ["09:00","17:00"].`;
				if (String(span[0]) >= String(span[1])) return `On ${day}, ${span[0]}-${span[1]} ends before it starts.`;
			}
		}
		return null;
	},
	holidays: (v) => {
		const asList = 'Give holidays as a list of local dates such as ["2026-12-25"].';
		if (!Array.isArray(v) || v.some((d) => typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))) return asList;
		if (v.length > LIST_MAX) return `Give at most ${LIST_MAX} holidays.`;
		return (v as string[]).map((d) => dayProblem(d, 'holiday')).find((p) => p !== null) ?? null;
	},
	channel_modes: (v) => perChannel(v, 'mode', (m) => (MODES as readonly unknown[]).includes(m)),
	sla: (v) =>
		perChannel(
			v,
			'SLA ({"frt_s": seconds, "target": 0..1, "clock": "calendar"|"business"})',
			(s) => isRecord(s) && within('slaSeconds')(s.frt_s) && within('share')(s.target) && (s.clock === 'calendar' || s.clock === 'business')
		),
	costs: (v) => {
		if (!isRecord(v) || !isRecord(v.hourly) || !isRecord(v.occupancy))
			return 'Give costs as {"hourly":{"sync":32,"async":32},"occupancy":{"sync":0.85,"async":0.85},"bot_per_conversation":0.5}.';
		for (const mode of MODES) {
			const problem =
				rangeProblem('hourlyCost', v.hourly[mode], `the hourly cost for ${mode}`) ?? rangeProblem('occupancy', v.occupancy[mode], `the occupancy for ${mode}`);
			if (problem) return problem;
		}
		return rangeProblem('botCost', v.bot_per_conversation, 'bot_per_conversation');
	},
	currency: (v) => (typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? null : 'Give the currency as a three-letter code such as "USD".'),
	repeat_window_days: (v) => rangeProblem('repeatWindowDays', v, 'repeat_window_days'),
	close_after_s: (v) => perChannel(v, 'close_after_s (60 s to 90 days)', within('closeAfterS')),
	focus_cap_s: (v) => rangeProblem('focusCapS', v, 'focus_cap_s'),
	sync_categories: (v) => {
		if (!Array.isArray(v) || !v.every((c) => typeof c === 'string')) return 'Give sync_categories as a list of category names.';
		if (v.length > LIST_MAX) return `Give at most ${LIST_MAX} sync categories.`;
		return v.some((c: string) => c.length > CATEGORY_MAX_LENGTH) ? `A sync category name may have at most ${CATEGORY_MAX_LENGTH} characters.` : null;
	},
	planning: (v) => {
		if (!isRecord(v))
			return 'Give planning as an object (interval_min, weeks_history, horizon_days, growth, shrinkage, max_concurrency, max_abandon, min_agents, min_saving_share, min_history_weeks, forecast_quantile).';
		if (![15, 30, 60].includes(v.interval_min as number)) return 'planning.interval_min must be 15, 30 or 60.';
		return (
			rangeProblem('weeksHistory', v.weeks_history, 'planning.weeks_history') ??
			rangeProblem('horizonDays', v.horizon_days, 'planning.horizon_days') ??
			rangeProblem('growth', v.growth, 'planning.growth (a share, 0.05 for +5%)') ??
			rangeProblem('shrinkage', v.shrinkage, 'planning.shrinkage') ??
			rangeProblem('maxConcurrency', v.max_concurrency, 'planning.max_concurrency') ??
			(v.max_abandon === null ? null : rangeProblem('maxAbandon', v.max_abandon, 'planning.max_abandon (or null)')) ??
			(v.min_agents === undefined ? null : perChannel(v.min_agents, 'planning.min_agents (whole agents from 0 to 10000)', within('minAgents'))) ??
			(v.forecast_quantile === undefined ? null : rangeProblem('forecastQuantile', v.forecast_quantile, 'planning.forecast_quantile')) ??
			(v.min_saving_share === undefined ? null : rangeProblem('minSavingShare', v.min_saving_share, 'planning.min_saving_share')) ??
			(v.min_history_weeks === undefined ? null : rangeProblem('minHistoryWeeks', v.min_history_weeks, 'planning.min_history_weeks'))
		);
	},
	max_upload_bytes: (v) => rangeProblem('maxUploadBytes', v, 'max_upload_bytes')
};

/** Merges a partial object value over the default so a stored setting from an older version gains new sub-keys. */
export function withDefaults<K extends SettingKey>(key: K, stored: unknown): Settings[K] {
	const fallback = DEFAULT_SETTINGS[key];
	if (isRecord(fallback) && isRecord(stored) && key !== 'business_hours') {
		return { ...(fallback as object), ...stored } as Settings[K];
	}
	return (stored ?? fallback) as Settings[K];
}
