import type { Migration } from './migration';

/** The first schema: datasets, their conversations and rejects, settings, users. Timestamps are UTC TIMESTAMP. */
export const initial: Migration = {
	version: 1,
	name: 'initial',
	statements: [
		`CREATE SEQUENCE dataset_ids START 1`,
		`CREATE TABLE datasets (
			dataset_id INTEGER PRIMARY KEY DEFAULT nextval('dataset_ids'),
			name VARCHAR NOT NULL,            -- unique, enforced by the importer (DuckDB checks UNIQUE too eagerly inside one transaction)
			kind VARCHAR NOT NULL,            -- 'conversations' | 'messages'
			preset VARCHAR NOT NULL,
			source_file VARCHAR,
			timezone VARCHAR NOT NULL,
			mapping VARCHAR NOT NULL,         -- JSON: canonical field -> header
			rows_read BIGINT NOT NULL,
			rows_loaded BIGINT NOT NULL,
			rows_rejected BIGINT NOT NULL,
			flags VARCHAR NOT NULL,           -- JSON: flag name -> count
			uploaded_by VARCHAR,
			loaded_at TIMESTAMP NOT NULL,
			min_created_at TIMESTAMP,
			max_created_at TIMESTAMP,
			max_event_at TIMESTAMP            -- latest timestamp of any kind: "now" for ages
		)`,
		`CREATE TABLE conversations (
			dataset_id INTEGER NOT NULL,
			conversation_id VARCHAR NOT NULL,
			created_at TIMESTAMP NOT NULL,
			first_response_at TIMESTAMP,
			closed_at TIMESTAMP,
			status VARCHAR NOT NULL,          -- resolved | open | abandoned
			channel VARCHAR NOT NULL,         -- normalised: voice chat messaging sms whatsapp social email other
			channel_raw VARCHAR,
			mode VARCHAR NOT NULL,            -- sync | async
			mode_from_source BOOLEAN NOT NULL,-- the file gave the mode; channel_modes does not override it
			queue VARCHAR,
			agent_id VARCHAR,
			customer_hash VARCHAR,
			source_handle_s DOUBLE,           -- focus time from the export or the sessionizer
			bot_involved BOOLEAN NOT NULL,
			bot_resolved BOOLEAN NOT NULL,
			reopens INTEGER,
			csat_raw VARCHAR,
			csat_satisfied BOOLEAN,           -- null when unrated or unreadable
			priority VARCHAR,                 -- low normal high urgent
			category VARCHAR,
			sentiment DOUBLE,                 -- -1..1
			messages_in INTEGER,
			messages_out INTEGER,
			source_line BIGINT
		)`,
		`CREATE TABLE rejects (
			dataset_id INTEGER NOT NULL,
			line BIGINT,
			reason VARCHAR NOT NULL,
			raw VARCHAR
		)`,
		`CREATE TABLE settings (
			key VARCHAR PRIMARY KEY,
			value VARCHAR NOT NULL,           -- JSON
			updated_at TIMESTAMP NOT NULL,
			updated_by VARCHAR
		)`,
		`CREATE TABLE install (
			key VARCHAR PRIMARY KEY,          -- e.g. customer_salt: secrets of this installation, never shown as settings
			value VARCHAR NOT NULL
		)`,
		`CREATE TABLE users (
			username VARCHAR PRIMARY KEY,
			password_hash VARCHAR NOT NULL,
			role VARCHAR NOT NULL,            -- viewer | analyst | manager | admin
			disabled BOOLEAN NOT NULL DEFAULT false,
			created_at TIMESTAMP NOT NULL
		)`
	]
};
