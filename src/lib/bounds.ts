/**
 * The range of every number a user can send or store (settings, what-ifs, query strings, CLI flags) and of every
 * date and name, checked here and nowhere else. README "Input bounds" lists them; a value outside is one sentence.
 * Shared by server and browser, so it holds no I/O.
 */

export interface NumberRange {
	min: number;
	max: number;
	/** `min` itself is not allowed (a share above 0) */
	aboveMin?: boolean;
	/** `max` itself is not allowed (shrinkage below 1) */
	belowMax?: boolean;
	whole?: boolean;
	/** what the number is, for the sentence: "the contacts per interval" */
	what: string;
}

const DAY_S = 86_400;

/** Every bounded number by name; the bounds keep one request from asking for hours of work or gigabytes of memory. */
export const RANGES = {
	// planning (settings `planning`, the Plan page, /api/plan, `plan`): +500% is far past any plan a manager signs
	growth: { min: -0.9, max: 5, what: 'the volume growth as a share, 0.05 for +5%' },
	shrinkage: { min: 0, max: 0.9, what: 'the share of paid time away from queues, e.g. 0.3' },
	weeksHistory: { min: 1, max: 52, whole: true, what: 'the weeks of history' },
	horizonDays: { min: 1, max: 28, whole: true, what: 'the days planned' },
	replications: { min: 0, max: 50, whole: true, what: 'the simulation replications' },
	maxConcurrency: { min: 0, max: 20, aboveMin: true, what: 'the most conversations an async agent holds at once' },
	maxAbandon: { min: 0, max: 1, what: 'the highest acceptable abandonment as a share' },
	minAgents: { min: 0, max: 10_000, whole: true, what: 'the fewest agents an open interval has' },
	// staffing below the point forecast is understaffing by design; past 0.95 the normal tail of a few contacts means little
	forecastQuantile: { min: 0.5, max: 0.95, what: 'the forecast quantile staffed for, e.g. 0.8' },
	minSavingShare: { min: 0, max: 0.5, what: 'the saving, as a share of the weekly cost, below which the mix is kept' },
	minHistoryWeeks: { min: 1, max: 52, whole: true, what: 'the full weeks of history a mix recommendation needs' },
	// one Erlang calculation (`erlang`): the solvers loop over agents, so the load is bounded too (loadErlangs)
	volume: { min: 0, max: 1_000_000, what: 'the contacts offered in the interval' },
	intervalMin: { min: 1, max: 1440, what: 'the interval length in minutes' },
	ahtS: { min: 1, max: DAY_S, what: 'the average handle time in seconds' },
	targetS: { min: 0, max: DAY_S, what: 'the answer-within threshold in seconds' },
	serviceLevel: { min: 0, max: 1, aboveMin: true, belowMax: true, what: 'the service-level target as a share, e.g. 0.8' },
	maxOccupancy: { min: 0, max: 1, aboveMin: true, what: 'the occupancy cap as a share' },
	patienceS: { min: 1, max: DAY_S, what: 'the mean patience in seconds' },
	agents: { min: 0, max: 100_000, whole: true, what: 'the number of agents' },
	loadErlangs: { min: 0, max: 20_000, what: 'the offered load (contacts x handle time / interval) in Erlangs' },
	// metric settings
	slaSeconds: { min: 0, max: 30 * DAY_S, aboveMin: true, what: 'the first-response target in seconds' },
	share: { min: 0, max: 1, what: 'a share from 0 to 1' },
	hourlyCost: { min: 0, max: 10_000, what: 'the hourly cost' },
	occupancy: { min: 0, max: 1, aboveMin: true, what: 'the occupancy as a share' },
	botCost: { min: 0, max: 1_000, what: 'the bot cost per conversation' },
	repeatWindowDays: { min: 0, max: 365, aboveMin: true, what: 'the repeat-contact window in days' },
	closeAfterS: { min: 60, max: 90 * DAY_S, what: 'the close-after time in seconds' },
	focusCapS: { min: 1, max: DAY_S, what: 'the focus cap in seconds' },
	maxUploadBytes: { min: 1024 ** 2, max: 64 * 1024 ** 3, whole: true, what: 'the upload limit in bytes (1 MB to 64 GB)' },
	// the conversations behind a chart (/conversations): a page of the table, and a heatmap cell
	drillPage: { min: 1, max: 100_000, whole: true, what: 'the page number' },
	drillPageSize: { min: 10, max: 500, whole: true, what: 'the rows per page' },
	weekday: { min: 0, max: 6, whole: true, what: 'the weekday (0 = Monday to 6 = Sunday)' },
	hourOfDay: { min: 0, max: 23, whole: true, what: 'the hour of the day' },
	// the simulator (`generate`, `bench`)
	conversations: { min: 1, max: 50_000_000, whole: true, what: 'the number of conversations' },
	seed: { min: 0, max: 2 ** 32 - 1, whole: true, what: 'the seed' },
	simulatedDays: { min: 1, max: 3660, whole: true, what: 'the days simulated' },
	// the developers' bench (`bench`)
	benchRepeat: { min: 1, max: 20, whole: true, what: 'the runs of each measurement' },
	benchWarm: { min: 1, max: 100, whole: true, what: 'the warm runs per page' },
	loadSeconds: { min: 0, max: 3600, whole: true, what: 'the load test seconds' },
	loadClients: { min: 1, max: 500, whole: true, what: 'the load test clients' }
} as const satisfies Record<string, NumberRange>;

export type RangeName = keyof typeof RANGES;

/** "from 0 to 1", "above 0 and at most 20", "a whole number from 1 to 52". */
export function describeRange(range: NumberRange): string {
	const low = `${range.aboveMin ? 'above' : 'from'} ${range.min}`;
	const high = range.aboveMin || range.belowMax ? `${range.belowMax ? 'below' : 'at most'} ${range.max}` : `to ${range.max}`;
	const joined = range.aboveMin || range.belowMax ? `${low} and ${high}` : `${low} ${high}`;
	return range.whole ? `a whole number ${joined}` : joined;
}

export function inRange(value: number, range: NumberRange): boolean {
	if (!Number.isFinite(value)) return false;
	if (range.whole && !Number.isInteger(value)) return false;
	if (range.aboveMin ? value <= range.min : value < range.min) return false;
	return range.belowMax ? value < range.max : value <= range.max;
}

/**
 * One sentence when `value` is not a number in the named range, else null. `label` names the field as the user knows
 * it; `typed` is what they typed, quoted in the sentence (the value itself when not given).
 */
export function rangeProblem(name: RangeName, value: unknown, label: string = RANGES[name].what, typed: unknown = value): string | null {
	return numberProblem(RANGES[name], value, label, typed);
}

/** The same for a range that is not in RANGES (the what-if sliders). */
export function numberProblem(range: NumberRange, value: unknown, label: string = range.what, typed: unknown = value): string | null {
	if (typeof value === 'number' && inRange(value, range)) return null;
	const got = typeof typed === 'string' ? `; got "${printable(typed)}"` : typeof typed === 'number' ? `; got ${typed}` : '';
	return `${capitalise(label)} must be ${describeRange(range)}${got}.`;
}

/** "the hourly cost" starts a sentence as "The hourly cost"; a key such as planning.growth stays as it is written. */
const capitalise = (s: string) => (s.startsWith('the ') ? 'T' + s.slice(1) : s);

/** A plain decimal as people type it ("12", "-0.5", "1e3"); no hex, no blanks, no "Infinity". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number in `text`, or NaN when it is not a plain decimal (so `Number`'s "" → 0 and "0x10" → 16 never happen). */
export function parseDecimal(text: string): number {
	const trimmed = text.trim();
	return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The Plan page's what-if sliders; a URL value outside is clamped to them, a saved one refused (Plan page, its export). */
export const WHAT_IF_RANGES = {
	growth: { min: -0.5, max: 1, step: 0.05, what: 'the volume growth' },
	ahtFactor: { min: 0.5, max: 2, step: 0.05, what: 'the handle-time factor' },
	concurrencyFactor: { min: 0.5, max: 2, step: 0.05, what: 'the async concurrency factor' },
	shrinkage: { min: 0, max: 0.6, step: 0.01, what: 'the shrinkage' },
	asyncShare: { min: 0, max: 1, step: 0.1, what: 'the async share' }
} as const satisfies Record<string, NumberRange & { step: number }>;

/** Dates anywhere (filters, holidays) lie in these years: beyond them DuckDB and JavaScript dates disagree or overflow. */
export const YEARS = { min: 1900, max: 2199 } as const;

/** A `YYYY-MM-DD` day that exists, within YEARS; else one sentence naming `what`. */
export function dayProblem(text: string, what: string): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const valid = match !== null && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
	if (!valid) return `The ${what} "${text}" is not a date; use YYYY-MM-DD.`;
	const year = Number(match[1]);
	if (year < YEARS.min || year > YEARS.max) return `The ${what} ${text} is outside the years ${YEARS.min} to ${YEARS.max} this app reads.`;
	return null;
}

/** Dataset names: short enough to show in a filter bar, printable, and safe in a file name or URL. */
export const DATASET_NAME = { maxLength: 64, pattern: /^[\p{L}\p{N}][\p{L}\p{N} ._()-]*$/u } as const;

export function datasetNameProblem(name: string): string | null {
	if (name.length === 0) return 'The dataset name is empty; give it a name such as "q3-tickets".';
	if (name.length > DATASET_NAME.maxLength) return `The dataset name is ${name.length} characters long; use at most ${DATASET_NAME.maxLength}.`;
	if (!DATASET_NAME.pattern.test(name))
		return `The dataset name "${printable(name)}" has characters a name may not have; use letters, digits, spaces and . _ ( ) -, starting with a letter or digit.`;
	return null;
}

/** The text with control characters shown as "?", for quoting a refused value in a sentence. */
export function printable(text: string, max = 80): string {
	// eslint-disable-next-line no-control-regex
	const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
	return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Request bodies but the streamed upload (forms, JSON posts) stay small; the upload has its own cap (max_upload_bytes). */
export const REQUEST_BODY_MAX_BYTES = 256 * 1024;
