import type { Migration } from './migration';

/** Sign-in sessions: the cookie holds a random id; only its SHA-256 is stored. */
export const sessions: Migration = {
	version: 3,
	name: 'sessions',
	statements: [
		`CREATE TABLE sessions (
			id_hash VARCHAR PRIMARY KEY,
			username VARCHAR NOT NULL,
			created_at TIMESTAMP NOT NULL,
			expires_at TIMESTAMP NOT NULL
		)`
	]
};
