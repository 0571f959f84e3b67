import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryOne, queryRows } from '../db/sql';
import { UserError } from '../errors';
import { hashPassword, passwordMatches } from './passwords';
import { isRole, ROLES, type Role } from './roles';

export interface User {
	username: string;
	role: Role;
	disabled: boolean;
	created_at: string;
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('no-such-user-' + Math.random()));

const USERNAME = /^[a-zA-Z0-9._@-]{2,64}$/;

export async function countUsers(connection: DuckDBConnection): Promise<number> {
	return (await queryOne<{ n: number }>(connection, 'SELECT count(*) AS n FROM users'))!.n;
}

export async function addUser(connection: DuckDBConnection, username: string, role: string, password: string): Promise<User> {
	if (!USERNAME.test(username)) throw new UserError(`"${username}" is not a valid user name; use 2-64 letters, digits, dots, dashes, underscores or @.`);
	if (!isRole(role)) throw new UserError(`"${role}" is not a role; use ${ROLES.join(', ')}.`);
	if (password.length < 10) throw new UserError('The password is too short; use at least 10 characters.');
	if (await queryOne(connection, 'SELECT 1 FROM users WHERE username = ?', [username])) {
		throw new UserError(`A user named "${username}" exists already.`);
	}
	await execute(connection, `INSERT INTO users (username, password_hash, role, disabled, created_at) VALUES (?, ?, ?, false, ?::TIMESTAMP)`, [
		username,
		await hashPassword(password),
		role,
		new Date().toISOString()
	]);
	return { username, role, disabled: false, created_at: new Date().toISOString() };
}

export async function listUsers(connection: DuckDBConnection): Promise<User[]> {
	const rows = await queryRows<{ username: string; role: Role; disabled: boolean; created_at: Date }>(
		connection,
		'SELECT username, role, disabled, created_at FROM users ORDER BY username'
	);
	return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
}

/** The user when the name and password match an enabled account, else null (which of the two failed is not told). */
export async function checkCredentials(connection: DuckDBConnection, username: string, password: string): Promise<User | null> {
	const row = await queryOne<{ username: string; role: Role; disabled: boolean; created_at: Date; password_hash: string }>(
		connection,
		'SELECT * FROM users WHERE username = ?',
		[username]
	);
	// an unknown name costs the same hash check, so timing does not tell which names exist
	const matches = await passwordMatches(row?.password_hash ?? (await dummyHash()), password);
	if (!row || row.disabled || !matches) return null;
	return { username: row.username, role: row.role, disabled: row.disabled, created_at: row.created_at.toISOString() };
}

async function requireUser(connection: DuckDBConnection, username: string): Promise<{ role: Role; disabled: boolean }> {
	const row = await queryOne<{ role: Role; disabled: boolean }>(connection, 'SELECT role, disabled FROM users WHERE username = ?', [username]);
	if (!row) throw new UserError(`There is no user named "${username}"; list them with "users list".`);
	return row;
}

async function enabledAdmins(connection: DuckDBConnection): Promise<number> {
	return (await queryOne<{ n: number }>(connection, `SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled`))!.n;
}

/** Changes a role; returns the previous one. The last enabled admin keeps the admin role, so nobody locks the team out. */
export async function setRole(connection: DuckDBConnection, username: string, role: string): Promise<Role> {
	if (!isRole(role)) throw new UserError(`"${role}" is not a role; use ${ROLES.join(', ')}.`);
	const user = await requireUser(connection, username);
	if (user.role === 'admin' && role !== 'admin' && !user.disabled && (await enabledAdmins(connection)) <= 1) {
		throw new UserError(`"${username}" is the last active admin; make another user admin first.`);
	}
	await execute(connection, 'UPDATE users SET role = ? WHERE username = ?', [role, username]);
	return user.role;
}

/** Disables or re-enables an account; disabling ends its sessions and revokes its API tokens. */
export async function setDisabled(connection: DuckDBConnection, username: string, disabled: boolean): Promise<void> {
	const user = await requireUser(connection, username);
	if (disabled && user.role === 'admin' && !user.disabled && (await enabledAdmins(connection)) <= 1) {
		throw new UserError(`"${username}" is the last active admin; make another user admin first.`);
	}
	await execute(connection, 'UPDATE users SET disabled = ? WHERE username = ?', [disabled, username]);
	if (disabled) {
		await execute(connection, 'DELETE FROM sessions WHERE username = ?', [username]);
		await execute(connection, 'UPDATE api_tokens SET revoked_at = ?::TIMESTAMP WHERE username = ? AND revoked_at IS NULL', [
			new Date().toISOString(),
			username
		]);
	}
}

/** Sets a new password and ends the user's sessions (so a leaked one stops working everywhere). */
export async function resetPassword(connection: DuckDBConnection, username: string, password: string): Promise<void> {
	await requireUser(connection, username);
	if (password.length < 10) throw new UserError('The password is too short; use at least 10 characters.');
	await execute(connection, 'UPDATE users SET password_hash = ? WHERE username = ?', [await hashPassword(password), username]);
	await execute(connection, 'DELETE FROM sessions WHERE username = ?', [username]);
}
