/**
 * Seeded pseudo-random numbers: sfc32 (128-bit state, 32-bit integer arithmetic only), so the
 * same seed gives the same sequence on every platform and in the browser.
 */
export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		// splitmix32 spreads a small seed over the four state words
		let s = seed >>> 0;
		const next = (): number => {
			s = (s + 0x9e3779b9) | 0;
			let z = s;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.a = next();
		this.b = next();
		this.c = next();
		this.d = next();
		for (let i = 0; i < 12; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	exponential(mean: number): number {
		return -mean * Math.log(1 - this.next());
	}

	/** Standard normal by Box-Muller (one value per call keeps the stream simple to reason about). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Lognormal with the given mean (not median) and log-scale spread `sigma`. */
	lognormal(mean: number, sigma: number): number {
		return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * this.normal());
	}

	/** Poisson count: Knuth's product method for small means, a rounded normal above 30 (error well under 1%). */
	poisson(mean: number): number {
		if (mean <= 0) return 0;
		if (mean < 30) {
			const limit = Math.exp(-mean);
			let k = 0;
			let product = this.next();
			while (product > limit) {
				k++;
				product *= this.next();
			}
			return k;
		}
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
	}

	/** Geometric count of extra steps (0, 1, 2, ...) with the given mean. */
	geometric(mean: number): number {
		if (mean <= 0) return 0;
		const p = 1 / (1 + mean);
		return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
	}
}

/** Draws an index with probability proportional to its weight; precomputes the cumulative sums once. */
export class Categorical {
	private readonly cumulative: Float64Array;

	constructor(weights: readonly number[]) {
		this.cumulative = new Float64Array(weights.length);
		let sum = 0;
		weights.forEach((w, i) => {
			sum += Math.max(0, w);
			this.cumulative[i] = sum;
		});
		if (sum <= 0) throw new Error('Categorical needs at least one positive weight');
		for (let i = 0; i < weights.length; i++) this.cumulative[i] /= sum;
	}

	draw(random: Random): number {
		const u = random.next();
		const c = this.cumulative;
		for (let i = 0; i < c.length - 1; i++) if (u < c[i]) return i;
		return c.length - 1;
	}
}
