import { createHash, randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne } from '../db/sql';
import type { Role } from './roles';

export const SESSION_COOKIE = 'cm_session';
/** Sessions expire this long after sign-in, whatever the activity. */
export const SESSION_DAYS = 14;

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Starts a session; returns the random id for the cookie (only its hash is stored). */
export async function startSession(connection: DuckDBConnection, username: string): Promise<{ id: string; expires: Date }> {
	const id = randomBytes(32).toString('base64url');
	const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
	// times are bound from JS in UTC: DuckDB's now()::TIMESTAMP is in the machine's zone
	await execute(connection, `DELETE FROM sessions WHERE expires_at <= ?::TIMESTAMP`, [new Date().toISOString()]);
	await execute(connection, `INSERT INTO sessions VALUES (?, ?, ?::TIMESTAMP, ?::TIMESTAMP)`, [
		hashId(id),
		username,
		new Date().toISOString(),
		expires.toISOString()
	]);
	return { id, expires };
}

/** The signed-in user of a cookie id, when the session is live and the account enabled. */
export async function sessionUser(connection: DuckDBConnection, id: string): Promise<{ username: string; role: Role } | null> {
	const row = await queryOne<{ username: string; role: Role }>(
		connection,
		`SELECT u.username, u.role FROM sessions s JOIN users u USING (username)
		 WHERE s.id_hash = ? AND s.expires_at > ?::TIMESTAMP AND NOT u.disabled`,
		[hashId(id), new Date().toISOString()]
	);
	return row ?? null;
}

export async function endSession(connection: DuckDBConnection, id: string): Promise<void> {
	await execute(connection, 'DELETE FROM sessions WHERE id_hash = ?', [hashId(id)]);
}

/** Signs a user out on every device. */
export async function endAllSessions(connection: DuckDBConnection, username: string): Promise<void> {
	await execute(connection, 'DELETE FROM sessions WHERE username = ?', [username]);
}
