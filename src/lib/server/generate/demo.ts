import { writeGenerated, type GenerateResult } from './writer';

export interface DemoOptions {
	/** default 80,000 */
	conversations?: number;
	/** default 1 */
	seed?: number;
	/** default 90 */
	days?: number;
	/** last day (exclusive), `YYYY-MM-DD` or a Date; default today (UTC), so the demo is recent */
	end?: string | Date;
	/** zone that shapes demand and shifts; default UTC */
	timezone?: string;
}

/** Writes the first-run demo dataset as generic conversation rows ending today. */
export async function generateDemo(path: string, options: DemoOptions = {}): Promise<GenerateResult> {
	const days = options.days ?? 90;
	const end = options.end instanceof Date ? options.end : options.end !== undefined ? new Date(`${options.end}T00:00:00Z`) : new Date();
	const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
	const start = new Date(endDay - days * 86_400_000).toISOString().slice(0, 10);
	return writeGenerated(path, 'conversations', {
		conversations: options.conversations ?? 80_000,
		seed: options.seed ?? 1,
		days,
		start,
		timezone: options.timezone
	});
}
