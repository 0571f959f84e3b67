import { createHash, randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne, queryRows } from '../db/sql';
import { UserError } from '../errors';
import type { Role } from './roles';

/** Per-user API tokens for `Authorization: Bearer cm_<id>_<secret>`; only the SHA-256 of the whole token is stored. */
export interface ApiToken {
	token_id: string;
	username: string;
	label: string;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

const TOKEN = /^cm_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Creates a token for a user; the returned `token` is shown once and cannot be recovered later. */
export async function createToken(connection: DuckDBConnection, username: string, label: string): Promise<{ token: string; token_id: string }> {
	const name = label.trim();
	if (name.length === 0 || name.length > 80) throw new UserError('Give the token a label of 1-80 characters, such as the script that will use it.');
	if (!(await queryOne(connection, 'SELECT 1 FROM users WHERE username = ? AND NOT disabled', [username]))) {
		throw new UserError(`There is no active user named "${username}".`);
	}
	const tokenId = randomBytes(5).toString('hex').slice(0, 8);
	const token = `cm_${tokenId}_${randomBytes(32).toString('base64url')}`;
	await execute(connection, `INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?::TIMESTAMP, NULL, NULL)`, [
		tokenId,
		username,
		name,
		hashToken(token),
		new Date().toISOString()
	]);
	return { token, token_id: tokenId };
}

/** Tokens of one user (or all when `username` is null), newest first; never their secrets. */
export async function listTokens(connection: DuckDBConnection, username: string | null): Promise<ApiToken[]> {
	const rows = await queryRows<{ token_id: string; username: string; label: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
		connection,
		`SELECT token_id, username, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE ? IS NULL OR username = ? ORDER BY created_at DESC`,
		[username, username]
	);
	return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString(), last_used_at: iso(r.last_used_at), revoked_at: iso(r.revoked_at) }));
}

/** Revokes a token; returns its owner. */
export async function revokeToken(connection: DuckDBConnection, tokenId: string): Promise<string> {
	const row = await queryOne<{ username: string }>(connection, 'SELECT username FROM api_tokens WHERE token_id = ? AND revoked_at IS NULL', [tokenId]);
	if (!row) throw new UserError(`There is no active API token "${tokenId}".`);
	await execute(connection, 'UPDATE api_tokens SET revoked_at = ?::TIMESTAMP WHERE token_id = ?', [new Date().toISOString(), tokenId]);
	return row.username;
}

/** The user a bearer token stands for, when it is well-formed, not revoked and the account is enabled. */
export async function tokenUser(connection: DuckDBConnection, token: string): Promise<{ username: string; role: Role } | null> {
	if (!TOKEN.test(token)) return null;
	const row = await queryOne<{ username: string; role: Role; token_id: string }>(
		connection,
		`SELECT u.username, u.role, t.token_id FROM api_tokens t JOIN users u USING (username)
		 WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT u.disabled`,
		[hashToken(token)]
	);
	if (!row) return null;
	await execute(connection, 'UPDATE api_tokens SET last_used_at = ?::TIMESTAMP WHERE token_id = ?', [new Date().toISOString(), row.token_id]);
	return { username: row.username, role: row.role };
}
