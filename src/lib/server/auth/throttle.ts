import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne } from '../db/sql';

/** Sign-in rate limit: this many failures within the window, per account or per address, block further tries. */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

export interface Throttle {
	blocked: boolean;
	/** whole minutes until the oldest counted failure leaves the window (at least 1 when blocked) */
	waitMinutes: number;
}

/** Whether sign-in for this name or from this address is blocked now. */
export async function signInThrottle(connection: DuckDBConnection, username: string, address: string): Promise<Throttle> {
	const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
	const worst = { blocked: false, waitMinutes: 0 };
	for (const [column, value] of [['username', username.toLowerCase()], ['address', address]] as const) {
		const row = await queryOne<{ n: number; oldest: Date | null }>(
			connection,
			// the MAX_FAILURES-th newest failure decides when one slot frees up
			`SELECT count(*) AS n, min(at_time) AS oldest FROM (
				SELECT at_time FROM sign_in_failures WHERE ${column} = ? AND at_time > ?::TIMESTAMP ORDER BY at_time DESC LIMIT ${MAX_FAILURES}
			)`,
			[value, since.toISOString()]
		);
		if (row && row.n >= MAX_FAILURES && row.oldest) {
			const wait = Math.max(1, Math.ceil((row.oldest.getTime() + WINDOW_MINUTES * 60_000 - Date.now()) / 60_000));
			worst.blocked = true;
			worst.waitMinutes = Math.max(worst.waitMinutes, wait);
		}
	}
	return worst;
}

export async function recordSignInFailure(connection: DuckDBConnection, username: string, address: string): Promise<void> {
	await execute(connection, `INSERT INTO sign_in_failures VALUES (?::TIMESTAMP, ?, ?)`, [new Date().toISOString(), username.toLowerCase(), address]);
	// old rows count for nothing; dropping them keeps the table small
	await execute(connection, `DELETE FROM sign_in_failures WHERE at_time < ?::TIMESTAMP`, [new Date(Date.now() - WINDOW_MINUTES * 60_000).toISOString()]);
}

/** A successful sign-in forgives the account's earlier failures (the address keeps its count). */
export async function clearSignInFailures(connection: DuckDBConnection, username: string): Promise<void> {
	// the rows stay (without the name) so the address still counts them
	await execute(connection, `UPDATE sign_in_failures SET username = '' WHERE username = ?`, [username.toLowerCase()]);
}

export function throttleMessage(throttle: Throttle): string {
	return `Too many attempts; wait ${throttle.waitMinutes} minute${throttle.waitMinutes === 1 ? '' : 's'} before trying again.`;
}
