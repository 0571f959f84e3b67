import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, joinSql, queryOne, queryRows, raw, sql, type Sql } from '../db/sql';

/** The events the audit log records; other strings are allowed for new kinds, these are the ones pages filter by. */
export const AUDIT_ACTIONS = [
	'sign_in',
	'sign_in_failed',
	'sign_in_throttled',
	'sign_out',
	'sign_out_everywhere',
	'upload',
	'dataset_delete',
	'dataset_default',
	'setting_change',
	'export',
	'user_add',
	'user_role',
	'user_disable',
	'user_enable',
	'user_password_reset',
	'token_create',
	'token_revoke',
	'access_denied'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
	/** who: a user name, "cli" for the command line, "system" for first run, "anonymous" for failed sign-ins without a match */
	actor: string;
	action: AuditAction | (string & {});
	/** what it acted on: a dataset name, setting key, user name, report kind */
	target?: string | null;
	/** extra facts as JSON-able values (rows loaded, old → new role, format); keys that look secret are dropped */
	detail?: Record<string, unknown> | string | null;
	/** the client address (auth/request.ts clientAddress) of every event that came over HTTP; null from the command line */
	address?: string | null;
}

export interface AuditEntry {
	id: number;
	at: string;
	actor: string;
	action: string;
	target: string | null;
	detail: string | null;
	address: string | null;
}

// a password or token must never reach the log, even when a caller passes its whole form
const SECRET_KEY = /pass|secret|token|hash|cookie|session/i;

function detailText(detail: AuditEvent['detail']): string | null {
	if (detail === undefined || detail === null) return null;
	if (typeof detail === 'string') return detail;
	const kept = Object.fromEntries(Object.entries(detail).filter(([key]) => !SECRET_KEY.test(key)));
	return JSON.stringify(kept);
}

/**
 * Appends one event to the audit log. Call it inside the same transaction as the change when there is one,
 * so a rolled-back change leaves no entry.
 */
export async function recordAudit(connection: DuckDBConnection, event: AuditEvent): Promise<void> {
	await execute(connection, `INSERT INTO audit_log (at_time, actor, action, target, detail, address) VALUES (?::TIMESTAMP, ?, ?, ?, ?, ?)`, [
		new Date().toISOString(),
		event.actor || 'anonymous',
		event.action,
		event.target ?? null,
		detailText(event.detail),
		event.address ?? null
	]);
}

export interface AuditQuery {
	/** 1-based page */
	page?: number;
	pageSize?: number;
	action?: string;
	actor?: string;
}

export const AUDIT_PAGE_SIZE = 50;

function where(query: AuditQuery): Sql {
	const parts = [...(query.action ? [sql`action = ${query.action}`] : []), ...(query.actor ? [sql`actor = ${query.actor}`] : [])];
	return parts.length ? sql`WHERE ${joinSql(parts, ' AND ')}` : raw('');
}

type AuditRow = Omit<AuditEntry, 'at'> & { at: Date };
const toEntry = (row: AuditRow): AuditEntry => ({ ...row, at: row.at.toISOString() });

/** One page of the log, newest first, and the total count for the pager. */
export async function listAudit(
	connection: DuckDBConnection,
	query: AuditQuery = {}
): Promise<{ entries: AuditEntry[]; total: number; page: number; pageSize: number }> {
	const pageSize = Math.min(500, Math.max(1, Math.floor(query.pageSize ?? AUDIT_PAGE_SIZE)));
	const filter = where(query);
	const total = (await queryOne<{ n: number }>(connection, sql`SELECT count(*) AS n FROM audit_log ${filter}`))!.n;
	// a page past the last (?page=1e308 from a hand-typed URL) shows the last one: its OFFSET must be a plain integer
	const lastPage = Math.max(1, Math.ceil(total / pageSize));
	const asked = query.page === undefined || Number.isNaN(query.page) ? 1 : query.page;
	const page = Math.min(lastPage, Math.max(1, Math.floor(asked)));
	const rows = await queryRows<AuditRow>(
		connection,
		sql`SELECT id, at_time AS "at", actor, action, target, detail, address FROM audit_log ${filter} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
	);
	return { entries: rows.map(toEntry), total, page, pageSize };
}

/** Every entry matching the filter, newest first (for the export). */
export async function allAudit(connection: DuckDBConnection, query: AuditQuery = {}): Promise<AuditEntry[]> {
	const filter = where(query);
	const rows = await queryRows<AuditRow>(
		connection,
		sql`SELECT id, at_time AS "at", actor, action, target, detail, address FROM audit_log ${filter} ORDER BY id DESC`
	);
	return rows.map(toEntry);
}
