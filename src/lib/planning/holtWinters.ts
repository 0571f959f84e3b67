/**
 * Additive Holt-Winters (level, linear trend, additive season of length m), the trend-aware
 * forecast beside the K-week mean (forecastMethods.ts). Smoothing parameters are fitted by a
 * fixed grid minimising the one-step-ahead SSE: deterministic, and a few hundred fits of a
 * ~100-point series cost well under a millisecond each, so the browser's what-if can refit.
 */

export interface HoltWintersParameters {
	alpha: number;
	beta: number;
	gamma: number;
}

export interface HoltWintersFit extends HoltWintersParameters {
	/** state after the last observation */
	level: number;
	/** change of the level per step */
	trend: number;
	/** season by position `t mod m` */
	season: number[];
	/** observations fitted */
	length: number;
	/** one-step-ahead sum of squared errors over the series */
	sse: number;
}

// a small grid: alpha wide (level may move fast or slowly), beta and gamma small (a trend and a season change slowly)
const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const BETAS = [0, 0.01, 0.03, 0.1, 0.2];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.4];

/** Two full seasons give the starting level, trend and season; fewer cannot separate trend from season. */
export function canFitHoltWinters(length: number, m: number): boolean {
	return m >= 2 && length >= 2 * m;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Starting state from the first two seasons: a line through their means, the season as the average deviation from it. */
function initialState(series: number[], m: number): { level: number; trend: number; season: number[] } {
	const first = mean(series.slice(0, m));
	const second = mean(series.slice(m, 2 * m));
	const trend = (second - first) / m;
	// the line's value at step t: the first season's mean sits at its centre (m - 1) / 2
	const line = (t: number) => first + (t - (m - 1) / 2) * trend;
	const season = Array.from({ length: m }, (_, i) => (series[i] - line(i) + (series[i + m] - line(i + m))) / 2);
	const offset = mean(season);
	// the state "before step 0": level at step -1
	return { level: line(-1), trend, season: season.map((s) => s - offset) };
}

type State = { level: number; trend: number; season: number[] };

/** Runs the recursions over the series with fixed parameters; the returned state is after the last observation. */
export function runHoltWinters(series: number[], m: number, parameters: HoltWintersParameters, start: State = initialState(series, m)): HoltWintersFit {
	const { alpha, beta, gamma } = parameters;
	let { level, trend } = start;
	const season = start.season.slice();
	let sse = 0;
	for (let t = 0, at = 0; t < series.length; t++, at = at + 1 === m ? 0 : at + 1) {
		const s = season[at];
		const y = series[t];
		const error = y - (level + trend + s);
		sse += error * error;
		const nextLevel = alpha * (y - s) + (1 - alpha) * (level + trend);
		trend = beta * (nextLevel - level) + (1 - beta) * trend;
		season[at] = gamma * (y - nextLevel) + (1 - gamma) * s;
		level = nextLevel;
	}
	return { alpha, beta, gamma, level, trend, season, length: series.length, sse };
}

/** The grid point with the smallest one-step SSE (ties: the first, so the fit is deterministic). */
export function fitHoltWinters(series: number[], m: number): HoltWintersFit {
	if (!canFitHoltWinters(series.length, m)) throw new Error(`Holt-Winters needs two seasons (${2 * m} points); got ${series.length}.`);
	const start = initialState(series, m);
	let best: HoltWintersFit | null = null;
	for (const alpha of ALPHAS)
		for (const beta of BETAS)
			for (const gamma of GAMMAS) {
				const fit = runHoltWinters(series, m, { alpha, beta, gamma }, start);
				if (best === null || fit.sse < best.sse) best = fit;
			}
	return best!;
}

/** The forecast `h` steps after the last observation (h = 1 is the next one). */
export function holtWintersForecast(fit: HoltWintersFit, h: number): number {
	const m = fit.season.length;
	return fit.level + h * fit.trend + fit.season[(fit.length - 1 + h) % m];
}
