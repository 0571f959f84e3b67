/**
 * The dashboard filter bar's state and its URL form (shared by server loads and the browser):
 * `?dataset=demo&from=2026-09-01&to=2026-09-30&channel=chat&channel=email&queue=…&agent=…`.
 * In the URL both days are included, as the From and To boxes show them (`to=2026-09-30` is the whole of 30 Sep);
 * in DashboardFilters `to` is the exclusive end the metrics take (metrics.md: created_at in [from, to)): urlTo / endOfUrlTo convert.
 */
export interface DashboardFilters {
	dataset: string;
	from: string;
	to: string;
	channels: string[];
	queues: string[];
	agents: string[];
	/** which preset the range came from ("custom" when typed) */
	preset: RangePreset;
}

/** What the filter bar offers for the current dataset. */
export interface FilterOptions {
	datasets: string[];
	/** the dataset pages open on without one in the URL (marked on the Data page, else the largest) */
	defaultDataset: string;
	channels: string[];
	queues: string[];
	agents: string[];
	/** first and last day (UTC) with conversations in the dataset */
	firstDay: string;
	lastDay: string;
}

export const RANGE_PRESETS = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', all: 'All data', custom: 'Custom' } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

/** The preset used when the URL names no range: a month is long enough to be stable, short enough to compare. */
export const DEFAULT_PRESET = '30d' satisfies RangePreset;

/** "2026-09-30" + n days (n may be negative). */
export function addDays(day: string, n: number): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The [from, to) of a preset, counted back from the dataset's last day (not today: datasets are historical). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, firstDay: string, lastDay: string): { from: string; to: string } {
	const to = addDays(lastDay, 1);
	if (preset === 'all') return { from: firstDay, to };
	const days = preset === '7d' ? 7 : preset === '30d' ? 30 : 90;
	const from = addDays(to, -days);
	return { from: from < firstDay ? firstDay : from, to };
}

/** The last day included, as the URL and the To box show it, of an exclusive end. */
export const urlTo = (toExclusive: string): string => addDays(toExclusive, -1);

/** The exclusive end the metrics take of the URL's (and the To box's) last included day. */
export const endOfUrlTo = (lastDay: string): string => addDays(lastDay, 1);

/** The URL query of the filters; the default range (last 30 days of the dataset) is left out so plain links stay short. */
export function filtersToSearch(filters: DashboardFilters): string {
	const params = new URLSearchParams();
	params.set('dataset', filters.dataset);
	if (filters.preset !== DEFAULT_PRESET) {
		params.set('from', filters.from);
		params.set('to', urlTo(filters.to));
	}
	for (const c of filters.channels) params.append('channel', c);
	for (const q of filters.queues) params.append('queue', q);
	for (const a of filters.agents) params.append('agent', a);
	return params.toString();
}

/** Which preset a [from, to) equals, else "custom". */
export function presetOf(from: string, to: string, firstDay: string, lastDay: string): RangePreset {
	for (const preset of ['30d', '7d', '90d', 'all'] as const) {
		const range = presetRange(preset, firstDay, lastDay);
		if (range.from === from && range.to === to) return preset;
	}
	return 'custom';
}
