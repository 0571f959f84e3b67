import { formatDurationWords, formatPercent } from '../../format';

/** The per-mode numbers a headline needs (a subset of a metrics group). */
export interface HeadlineGroup {
	key: string;
	conversations: number;
	frt_p50_s: number | null;
	after_hours_share: number | null;
	sla_attainment: number | null;
}

/**
 * One plain-language sentence for the top of the Overview, e.g.
 * "Async answers in 1 h 22 min at the median vs 0 s for sync; 50% of demand arrives after hours."
 */
export function overviewHeadline(groups: HeadlineGroup[]): string {
	const sync = groups.find((g) => g.key === 'sync');
	const async = groups.find((g) => g.key === 'async');
	const total = groups.reduce((sum, g) => sum + g.conversations, 0);
	if (total === 0) return 'No conversations match these filters.';
	const afterHours = groups.reduce((sum, g) => sum + (g.after_hours_share ?? 0) * g.conversations, 0) / total;
	const afterHoursPart = groups.some((g) => g.after_hours_share !== null) ? `${formatPercent(afterHours, 0)} of demand arrives after hours` : null;
	let speed: string;
	if (sync && async && sync.frt_p50_s !== null && async.frt_p50_s !== null) {
		speed = `Async answers in ${formatDurationWords(async.frt_p50_s)} at the median vs ${formatDurationWords(sync.frt_p50_s)} for sync`;
	} else {
		const only = sync ?? async!;
		speed =
			only.frt_p50_s !== null
				? `Only ${only.key} conversations here: first answer in ${formatDurationWords(only.frt_p50_s)} at the median`
				: `Only ${only.key} conversations here, none answered yet`;
	}
	return `${[speed, afterHoursPart].filter(Boolean).join('; ')}.`;
}
