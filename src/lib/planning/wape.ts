/** Weighted absolute percentage error: sum |actual - forecast| / sum actual; null without any actual volume. */
export function wape(actual: number[], forecast: number[]): number | null {
	let error = 0;
	let total = 0;
	for (let i = 0; i < actual.length; i++) {
		error += Math.abs(actual[i] - (forecast[i] ?? 0));
		total += actual[i];
	}
	return total > 0 ? error / total : null;
}
