let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs heavy writes (imports, deletes, settings changes that re-derive) one after another in this process:
 * each holds a lot of memory, derive flips process-wide DuckDB settings that staging relies on, and an import
 * must be derived under the settings that are current when it commits.
 */
export function exclusiveWrite<T>(work: () => Promise<T>): Promise<T> {
	const run = previous.then(work);
	previous = run.catch(() => undefined);
	return run;
}
