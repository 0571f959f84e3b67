/** The two sums the planning modules share. */

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Mean of the values weighted by their weights, skipping missing values and zero weights; null when nothing counts. */
export function weightedMean(pairs: [value: number | null, weight: number][]): number | null {
	let total = 0;
	let weight = 0;
	for (const [v, w] of pairs) if (v !== null && w > 0) [total, weight] = [total + v * w, weight + w];
	return weight > 0 ? total / weight : null;
}
