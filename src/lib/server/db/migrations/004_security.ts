import type { Migration } from './migration';

/** Audit log, sign-in failures (for the rate limit) and per-user API tokens (only their SHA-256 is stored). */
export const security: Migration = {
	version: 4,
	name: 'security',
	statements: [
		`CREATE SEQUENCE audit_log_seq START 1`,
		`CREATE TABLE audit_log (
			id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_seq'),
			at_time TIMESTAMP NOT NULL,
			actor VARCHAR NOT NULL,           -- a user name, "cli", "system" or "anonymous"
			action VARCHAR NOT NULL,          -- e.g. sign_in, sign_in_failed, upload, dataset_delete, setting_change, export, user_add
			target VARCHAR,                   -- what it acted on: a dataset, setting key, user name, report
			detail VARCHAR,                   -- JSON text; never holds a password or token
			address VARCHAR                   -- client address when the action came over HTTP
		)`,
		`CREATE INDEX audit_log_at ON audit_log (at_time)`,
		`CREATE TABLE sign_in_failures (
			at_time TIMESTAMP NOT NULL,
			username VARCHAR NOT NULL,
			address VARCHAR NOT NULL
		)`,
		`CREATE TABLE api_tokens (
			token_id VARCHAR PRIMARY KEY,     -- the public part, shown in lists
			username VARCHAR NOT NULL,
			label VARCHAR NOT NULL,
			token_hash VARCHAR NOT NULL,
			created_at TIMESTAMP NOT NULL,
			last_used_at TIMESTAMP,
			revoked_at TIMESTAMP
		)`
	]
};
