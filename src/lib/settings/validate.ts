import { CHANNELS, DEFAULT_SETTINGS, MODES, WEEKDAYS, type SettingKey, type Settings } from './defaults';

/** Returns one sentence saying what is wrong with a value for `key`, or null when it is valid. */
export function settingProblem(key: string, value: unknown): string | null {
	if (!(key in DEFAULT_SETTINGS)) {
		return `There is no setting "${key}"; known settings are ${Object.keys(DEFAULT_SETTINGS).join(', ')}.`;
	}
	const check = checks[key as SettingKey];
	return check(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShare = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const isPositive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isNonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
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
			for (const span of spans) {
				if (!Array.isArray(span) || span.length !== 2 || !CLOCK.test(String(span[0])) || !CLOCK.test(String(span[1])))
					return `The hours for ${day} must be pairs of times such as ["09:00","17:00"].`;
				if (String(span[0]) >= String(span[1])) return `On ${day}, ${span[0]}-${span[1]} ends before it starts.`;
			}
		}
		return null;
	},
	holidays: (v) =>
		Array.isArray(v) && v.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)))
			? null
			: 'Give holidays as a list of local dates such as ["2026-12-25"].',
	channel_modes: (v) => perChannel(v, 'mode', (m) => (MODES as readonly unknown[]).includes(m)),
	sla: (v) =>
		perChannel(
			v,
			'SLA ({"frt_s": seconds, "target": 0..1, "clock": "calendar"|"business"})',
			(s) => isRecord(s) && isPositive(s.frt_s) && isShare(s.target) && (s.clock === 'calendar' || s.clock === 'business')
		),
	costs: (v) => {
		if (!isRecord(v) || !isRecord(v.hourly) || !isRecord(v.occupancy))
			return 'Give costs as {"hourly":{"sync":32,"async":32},"occupancy":{"sync":0.85,"async":0.85},"bot_per_conversation":0.5}.';
		for (const mode of MODES) {
			if (!isNonNegative(v.hourly[mode])) return `The hourly cost for ${mode} must be a number of at least 0.`;
			const occ = v.occupancy[mode];
			if (!(typeof occ === 'number' && occ > 0 && occ <= 1)) return `The occupancy for ${mode} must be above 0 and at most 1.`;
		}
		return isNonNegative(v.bot_per_conversation) ? null : 'bot_per_conversation must be a number of at least 0.';
	},
	currency: (v) => (typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? null : 'Give the currency as a three-letter code such as "USD".'),
	repeat_window_days: (v) => (isPositive(v) ? null : 'repeat_window_days must be a number of days above 0.'),
	close_after_s: (v) => perChannel(v, 'close_after_s', isPositive),
	focus_cap_s: (v) => (isPositive(v) ? null : 'focus_cap_s must be a number of seconds above 0.'),
	sync_categories: (v) =>
		Array.isArray(v) && v.every((c) => typeof c === 'string') ? null : 'Give sync_categories as a list of category names.',
	planning: (v) => {
		if (!isRecord(v)) return 'Give planning as an object (interval_min, weeks_history, horizon_days, growth, shrinkage, max_concurrency, max_abandon, min_agents).';
		if (![15, 30, 60].includes(v.interval_min as number)) return 'planning.interval_min must be 15, 30 or 60.';
		if (!Number.isInteger(v.weeks_history) || (v.weeks_history as number) < 1 || (v.weeks_history as number) > 52) return 'planning.weeks_history must be a whole number of weeks from 1 to 52.';
		if (!Number.isInteger(v.horizon_days) || (v.horizon_days as number) < 1 || (v.horizon_days as number) > 28) return 'planning.horizon_days must be a whole number of days from 1 to 28.';
		if (typeof v.growth !== 'number' || v.growth <= -1) return 'planning.growth must be a number above -1 (0.05 is +5%).';
		if (!(typeof v.shrinkage === 'number' && v.shrinkage >= 0 && v.shrinkage < 1)) return 'planning.shrinkage must be at least 0 and below 1.';
		if (!isPositive(v.max_concurrency)) return 'planning.max_concurrency must be a number above 0.';
		if (v.max_abandon !== null && !isShare(v.max_abandon)) return 'planning.max_abandon must be null or a share from 0 to 1.';
		if (v.min_agents !== undefined) return perChannel(v.min_agents, 'planning.min_agents (whole agents from 0 to 10000)', (n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 10_000);
		return null;
	},
	max_upload_bytes: (v) => (isPositive(v) ? null : 'max_upload_bytes must be a number of bytes above 0.')
};

/** Merges a partial object value over the default so a stored setting from an older version gains new sub-keys. */
export function withDefaults<K extends SettingKey>(key: K, stored: unknown): Settings[K] {
	const fallback = DEFAULT_SETTINGS[key];
	if (isRecord(fallback) && isRecord(stored) && key !== 'business_hours') {
		return { ...(fallback as object), ...stored } as Settings[K];
	}
	return (stored ?? fallback) as Settings[K];
}
