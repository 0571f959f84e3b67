/** The query and point of a series, apart from series.ts so the modules it draws on (pieces, created) can name them without a cycle. */
import type { SeriesInterval } from './buckets';
import type { MetricsQuery } from './filters';

/** Series filters; without `by` there is one series with key "all". Buckets are UTC. */
export interface SeriesQuery extends MetricsQuery {
	interval?: SeriesInterval;
}

/** One bucket: `t` its UTC start; `max` only for concurrency. */
export interface SeriesPoint {
	t: string;
	value: number | null;
	max?: number | null;
}
