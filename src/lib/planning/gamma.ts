/** Log-gamma and the regularised lower incomplete gamma, for Erlang A with large agent counts. */

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
	9.9843695780195716e-6, 1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	const z = x - 1;
	let sum = LANCZOS[0];
	for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
	const t = z + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-16;
const MAX_ITERATIONS = 100_000;

/** ln P(a, x), the regularised lower incomplete gamma: series below a + 1, continued fraction above. */
export function logRegularizedLowerGamma(a: number, x: number): number {
	if (x <= 0) return -Infinity;
	const logPrefix = -x + a * Math.log(x) - logGamma(a);
	if (x < a + 1) {
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < MAX_ITERATIONS; n++) {
			term *= x / (a + n);
			sum += term;
			if (term < sum * EPSILON) break;
		}
		return logPrefix + Math.log(sum);
	}
	// Lentz's continued fraction for Q(a, x); P = 1 - Q
	const tiny = 1e-300;
	let b = x + 1 - a;
	let c = 1 / tiny;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < MAX_ITERATIONS; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	return Math.log1p(-Math.exp(logPrefix) * h);
}
