import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne } from '../db/sql';

/**
 * Sign-in rate limit. Failures are counted per (account, address) pair, so guessing from one address never locks
 * the account for its owner elsewhere: the first PAIR_FREE_FAILURES cost nothing, then each further try waits
 * PAIR_FIRST_DELAY_SECONDS after the last failure, doubling with every failure, at most PAIR_MAX_DELAY_SECONDS.
 */
export const PAIR_FREE_FAILURES = 5;
export const PAIR_FIRST_DELAY_SECONDS = 30;
export const PAIR_MAX_DELAY_SECONDS = 15 * 60;
/** A pair's failures count this long (longer than the cap, so a patient guesser stays at the cap). */
export const PAIR_MEMORY_HOURS = 24;
/** One address across all accounts (password spraying): this many failures in the window block it until the oldest leaves. */
export const ADDRESS_MAX_FAILURES = 30;
export const ADDRESS_WINDOW_MINUTES = 15;

export interface Throttle {
	blocked: boolean;
	/** whole seconds until a try is allowed again (0 when not blocked) */
	waitSeconds: number;
}

/** The wait after a pair's `failures`-th failure. */
export function pairDelaySeconds(failures: number): number {
	if (failures < PAIR_FREE_FAILURES) return 0;
	return Math.min(PAIR_MAX_DELAY_SECONDS, PAIR_FIRST_DELAY_SECONDS * 2 ** (failures - PAIR_FREE_FAILURES));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether sign-in to this account from this address is held back at `now`, and for how long. */
export async function signInThrottle(connection: DuckDBConnection, username: string, address: string, now = Date.now()): Promise<Throttle> {
	const pair = await queryOne<{ n: number; last: Date | null }>(
		connection,
		`SELECT count(*) AS n, max(at_time) AS last FROM sign_in_failures WHERE username = ? AND address = ? AND at_time > ?::TIMESTAMP`,
		[username.toLowerCase(), address, iso(now - PAIR_MEMORY_HOURS * 3_600_000)]
	);
	const pairFreeAt = pair?.last ? pair.last.getTime() + pairDelaySeconds(Number(pair.n)) * 1000 : 0;
	const spray = await queryOne<{ n: number; oldest: Date | null }>(
		connection,
		// the ADDRESS_MAX_FAILURES-th newest failure decides when one slot frees up
		`SELECT count(*) AS n, min(at_time) AS oldest FROM (
			SELECT at_time FROM sign_in_failures WHERE address = ? AND at_time > ?::TIMESTAMP ORDER BY at_time DESC LIMIT ${ADDRESS_MAX_FAILURES}
		)`,
		[address, iso(now - ADDRESS_WINDOW_MINUTES * 60_000)]
	);
	const addressFreeAt = spray?.oldest && Number(spray.n) >= ADDRESS_MAX_FAILURES ? spray.oldest.getTime() + ADDRESS_WINDOW_MINUTES * 60_000 : 0;
	const waitSeconds = Math.max(0, Math.ceil((Math.max(pairFreeAt, addressFreeAt) - now) / 1000));
	return { blocked: waitSeconds > 0, waitSeconds };
}

export async function recordSignInFailure(connection: DuckDBConnection, username: string, address: string, now = Date.now()): Promise<void> {
	await execute(connection, `INSERT INTO sign_in_failures VALUES (?::TIMESTAMP, ?, ?)`, [iso(now), username.toLowerCase(), address]);
	// rows past the longest memory count for nothing; dropping them keeps the table small
	await execute(connection, `DELETE FROM sign_in_failures WHERE at_time < ?::TIMESTAMP`, [iso(now - PAIR_MEMORY_HOURS * 3_600_000)]);
}

/** A successful sign-in forgives its own pair only: a guesser at another address keeps waiting. */
export async function clearSignInFailures(connection: DuckDBConnection, username: string, address: string): Promise<void> {
	// the rows stay (without the name) so the address still counts them against spraying
	await execute(connection, `UPDATE sign_in_failures SET username = '' WHERE username = ? AND address = ?`, [username.toLowerCase(), address]);
}

/** The one sentence a held-back sign-in gets, whatever held it back. */
export function throttleMessage(throttle: Throttle): string {
	const seconds = throttle.waitSeconds;
	const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
	return `Too many attempts; wait ${wait} before trying again.`;
}
