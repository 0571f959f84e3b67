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
	await execute(connection, `INSERT INTO users (username, password_hash, role, disabled, created_at) VALUES (?, ?, ?, false, now()::TIMESTAMP)`, [
		username,
		await hashPassword(password),
		role
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
	if (!row || row.disabled) return null;
	if (!(await passwordMatches(row.password_hash, password))) return null;
	return { username: row.username, role: row.role, disabled: row.disabled, created_at: row.created_at.toISOString() };
}
