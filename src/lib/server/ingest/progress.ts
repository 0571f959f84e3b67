import type { DuckDBConnection } from '@duckdb/node-api';

/** A part of the progress bar, [from, to) of 0..1, that the statements run next fill. */
export type ProgressPhase = (from: number, to: number) => void;

export interface ImportProgress {
	phase: ProgressPhase;
	stop: () => void;
}

/**
 * One bar for the whole import: DuckDB's progress of the running statement, mapped into the current phase's part
 * of the bar (reading the file, deriving, writing), never going back. Without a listener it does nothing.
 */
export async function watchProgress(connection: DuckDBConnection, onProgress?: (fraction: number) => void): Promise<ImportProgress> {
	if (!onProgress) return { phase: () => {}, stop: () => {} };
	await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
	let from = 0;
	let to = 1;
	let shown = 0;
	const show = (fraction: number) => {
		if (fraction <= shown) return;
		shown = fraction;
		onProgress(fraction);
	};
	const timer = setInterval(() => {
		const p = connection.progress.percentage;
		if (p >= 0) show(from + (to - from) * Math.min(1, p / 100));
	}, 200);
	return {
		phase: (start, end) => {
			show(start);
			from = start;
			to = end;
		},
		stop: () => clearInterval(timer)
	};
}
