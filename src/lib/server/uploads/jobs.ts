/**
 * Imports run as background jobs so the page can poll their progress; a job is kept a while
 * after it ends so a reload still finds its summary.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { isUserError } from '../errors';
import { ingestFile, type IngestOptions, type IngestResult } from '../ingest/index';
import { recordAudit } from '../audit/index';
import { discardUpload, type UploadedFile } from './store';

export type ImportState = 'running' | 'done' | 'failed';

export interface ImportJob {
	id: string;
	uploadId: string;
	username: string;
	state: ImportState;
	/** 0..1 */
	progress: number;
	/** the rows are committed and readable; the derive (agent time, cost, stored concurrency) still runs until `done` */
	queryable: boolean;
	startedAt: number;
	endedAt: number | null;
	result: IngestResult | null;
	/** one sentence for the user when the import failed */
	error: string | null;
}

const KEEP_ENDED_MS = 3600_000;
const jobs = new Map<string, ImportJob>();

export type ImportChoices = Pick<IngestOptions, 'dataset' | 'preset' | 'timezone' | 'map' | 'replace' | 'dateFormat'>;

function forgetOldJobs(now: number): void {
	for (const [id, job] of jobs) if (job.endedAt !== null && now - job.endedAt > KEEP_ENDED_MS) jobs.delete(id);
}

/**
 * Starts importing an upload; the file is deleted once it is imported (kept after a failure, for a retry with other choices).
 * `address`: the client address of the request that started it, for the audit entry.
 */
export function startImport(db: Database, upload: UploadedFile, choices: ImportChoices, address: string): ImportJob {
	forgetOldJobs(Date.now());
	const job: ImportJob = {
		id: randomUUID(),
		uploadId: upload.id,
		username: upload.uploadedBy,
		state: 'running',
		progress: 0,
		queryable: false,
		startedAt: Date.now(),
		endedAt: null,
		result: null,
		error: null
	};
	jobs.set(job.id, job);
	const onProgress = (fraction: number) => (job.progress = Math.max(job.progress, Math.min(0.99, fraction)));
	const onQueryable = () => void (job.queryable = true);
	ingestFile(db, upload.path, { ...choices, uploadedBy: upload.uploadedBy, sourceName: upload.name, onProgress, onQueryable })
		.then((result) => {
			Object.assign(job, { state: 'done', progress: 1, result, endedAt: Date.now() });
			discardUpload(upload.id);
			const detail = { file: upload.name, rows_loaded: result.rows_loaded, rows_rejected: result.rows_rejected };
			recordAudit(db.connection, { actor: upload.uploadedBy, action: 'upload', target: result.dataset, address, detail }).catch((e: unknown) =>
				console.error('Audit failed:', e)
			);
		})
		.catch((error: unknown) => {
			const message = isUserError(error)
				? error.message
				: 'The import failed on the server; try again, and if it fails again tell your admin (details are in the server log).';
			if (!isUserError(error)) console.error('Import failed:', error);
			Object.assign(job, { state: 'failed', error: message, endedAt: Date.now() });
		});
	return job;
}

/** The job with this id, if it belongs to this user. */
export function findImportJob(id: string, username: string): ImportJob | undefined {
	const job = jobs.get(id);
	return job && job.username === username ? job : undefined;
}

/** A running import of this upload, so a double click does not start two. */
export function runningImportOf(uploadId: string): ImportJob | undefined {
	for (const job of jobs.values()) if (job.uploadId === uploadId && job.state === 'running') return job;
	return undefined;
}

/** What the page polls (/data/import/[job]): progress, then the summary with its first rejects (the full list is the reject report). */
export interface ImportStatus {
	state: ImportState;
	progress: number;
	queryable: boolean;
	seconds: number;
	result: IngestResult | null;
	error: string | null;
}

const REJECTS_SHOWN = 20;

export function importStatus(job: ImportJob, now = Date.now()): ImportStatus {
	const result = job.result ? { ...job.result, rejects: job.result.rejects.slice(0, REJECTS_SHOWN) } : null;
	return {
		state: job.state,
		progress: job.progress,
		queryable: job.queryable,
		seconds: ((job.endedAt ?? now) - job.startedAt) / 1000,
		result,
		error: job.error
	};
}
