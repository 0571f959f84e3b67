/**
 * The Settings page's forms: which keys each section saves, and how form fields become setting
 * values. A value that is not a number comes back as one sentence naming the field.
 */
import { CHANNELS, MODES, type Settings, type SettingKey } from '$lib/settings/defaults';

export const SECTIONS = {
	calendar: ['timezone', 'business_hours', 'holidays'],
	sla: ['sla'],
	costs: ['costs', 'currency'],
	channels: ['channel_modes', 'sync_categories'],
	sessions: ['close_after_s', 'focus_cap_s', 'repeat_window_days', 'max_upload_bytes'],
	planning: ['planning']
} as const satisfies Record<string, SettingKey[]>;
export type SectionName = keyof typeof SECTIONS;

export class FieldProblem extends Error {}

function text(form: FormData, name: string): string {
	return String(form.get(name) ?? '').trim();
}

function number(form: FormData, name: string, label: string): number {
	const raw = text(form, name).replace(',', '.');
	const value = Number(raw);
	if (raw === '' || !Number.isFinite(value)) throw new FieldProblem(`Give the ${label} as a number; "${raw}" is not one.`);
	return value;
}

const percent = (form: FormData, name: string, label: string) => Math.round(number(form, name, label) * 1e4) / 1e6;

function jsonField(form: FormData, name: string, label: string): unknown {
	try {
		return JSON.parse(text(form, name));
	} catch {
		throw new FieldProblem(`The ${label} could not be read; reload the page and try again.`);
	}
}

const list = (raw: string) =>
	raw
		.split(/[\n,;]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');

type Parser = (form: FormData) => unknown;

const perChannel = <T>(read: (channel: (typeof CHANNELS)[number]) => T) => Object.fromEntries(CHANNELS.map((c) => [c, read(c)]));

const PARSERS: { [K in SettingKey]: Parser } = {
	timezone: (f) => text(f, 'timezone'),
	business_hours: (f) => jsonField(f, 'business_hours', 'business hours'),
	holidays: (f) => list(text(f, 'holidays')),
	sla: (f) =>
		perChannel((c) => ({
			frt_s: number(f, `sla.${c}.frt`, `${c} first-response target`) * number(f, `sla.${c}.unit`, 'unit'),
			target: percent(f, `sla.${c}.target`, `${c} target share`),
			clock: text(f, `sla.${c}.clock`)
		})),
	costs: (f) => ({
		hourly: Object.fromEntries(MODES.map((m) => [m, number(f, `costs.hourly.${m}`, `${m} hourly cost`)])),
		occupancy: Object.fromEntries(MODES.map((m) => [m, percent(f, `costs.occupancy.${m}`, `${m} occupancy`)])),
		bot_per_conversation: number(f, 'costs.bot', 'bot cost per conversation')
	}),
	currency: (f) => text(f, 'currency').toUpperCase(),
	channel_modes: (f) => perChannel((c) => text(f, `mode.${c}`)),
	sync_categories: (f) => list(text(f, 'sync_categories')),
	close_after_s: (f) => perChannel((c) => Math.round(number(f, `close.${c}`, `${c} close-after time`) * 60)),
	focus_cap_s: (f) => Math.round(number(f, 'focus_cap_min', 'focus cap') * 60),
	repeat_window_days: (f) => number(f, 'repeat_window_days', 'repeat window'),
	max_upload_bytes: (f) => Math.round(number(f, 'max_upload_mb', 'upload limit') * 1024 * 1024),
	planning: (f) => {
		const abandon = text(f, 'planning.max_abandon');
		return {
			interval_min: number(f, 'planning.interval_min', 'interval'),
			weeks_history: number(f, 'planning.weeks_history', 'weeks of history'),
			horizon_days: number(f, 'planning.horizon_days', 'horizon'),
			growth: percent(f, 'planning.growth', 'volume growth'),
			shrinkage: percent(f, 'planning.shrinkage', 'shrinkage'),
			max_concurrency: number(f, 'planning.max_concurrency', 'maximum concurrency'),
			max_abandon: abandon === '' ? null : percent(f, 'planning.max_abandon', 'maximum abandonment'),
			// empty: the point forecast
			forecast_quantile: text(f, 'planning.forecast_quantile') === '' ? 0.5 : percent(f, 'planning.forecast_quantile', 'forecast percentile staffed for'),
			// left out when the form has no such field: the stored value's default fills it
			...(text(f, 'planning.min_saving_share') === ''
				? {}
				: { min_saving_share: percent(f, 'planning.min_saving_share', 'smallest saving worth a mix change') }),
			...(text(f, 'planning.min_history_weeks') === ''
				? {}
				: { min_history_weeks: number(f, 'planning.min_history_weeks', 'weeks of history a recommendation needs') }),
			// an empty field or 0 means no minimum for that channel
			min_agents: Object.fromEntries(
				CHANNELS.filter((c) => text(f, `planning.min_agents.${c}`) !== '')
					.map((c) => [c, number(f, `planning.min_agents.${c}`, `${c} minimum agents`)])
					.filter(([, n]) => n !== 0)
			)
		};
	}
};

/** The values a section's form gives, key by key; throws FieldProblem with one sentence. */
export function sectionValues(section: SectionName, form: FormData): Partial<Settings> {
	return Object.fromEntries(SECTIONS[section].map((key) => [key, PARSERS[key](form)])) as Partial<Settings>;
}

export function isSection(name: string): name is SectionName {
	return name in SECTIONS;
}
