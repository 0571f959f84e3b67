import type { DuckDBConnection } from '@duckdb/node-api';
import { recordAudit } from './index';

/**
 * Role refusals (403) are audited as `access_denied`, bounded so a flood of them cannot grow the log without limit:
 * one entry per (user, path) a minute, and at most DENIALS_PER_USER_PER_MINUTE a minute per user (a user probing many
 * paths). Only signed-in users are refused by role, so the log grows at most by this much per account and minute.
 */
export const DENIALS_PER_USER_PER_MINUTE = 10;
const MINUTE_MS = 60_000;
/** A path is the caller's to choose; the log keeps this many characters of it. */
const PATH_CHARS = 200;

export interface Denial {
	username: string;
	method: string;
	path: string;
	address: string;
}

// what was recorded in the last minute, per user; in memory, so the check and the mark happen before any await
const recent = new Map<string, { path: string; at: number }[]>();

function admit(username: string, path: string, now: number): boolean {
	if (recent.size > 1000) for (const [user, entries] of recent) if (entries.every((e) => now - e.at >= MINUTE_MS)) recent.delete(user);
	const entries = (recent.get(username) ?? []).filter((e) => now - e.at < MINUTE_MS);
	const admitted = entries.length < DENIALS_PER_USER_PER_MINUTE && !entries.some((e) => e.path === path);
	if (admitted) entries.push({ path, at: now });
	recent.set(username, entries);
	return admitted;
}

/** Audits a role refusal unless this user's recent refusals already fill the bound. */
export async function recordDenial(connection: DuckDBConnection, denial: Denial, now = Date.now()): Promise<void> {
	const path = denial.path.slice(0, PATH_CHARS);
	if (!admit(denial.username, path, now)) return;
	await recordAudit(connection, { actor: denial.username, action: 'access_denied', target: path, address: denial.address, detail: { method: denial.method } });
}
