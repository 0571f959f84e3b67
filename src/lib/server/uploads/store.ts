/**
 * Uploaded files: the request body streamed to a generated name in the data folder (never held
 * in memory, never the client's file name), a size cap while it streams, only CSV or gzip kept.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Database } from '../db/database';
import { UserError } from '../errors';
import { sniffFile } from '../ingest/sniff';

export interface UploadedFile {
	id: string;
	/** the name the user knows the file by (shown, never used as a path) */
	name: string;
	path: string;
	bytes: number;
	uploadedBy: string;
	receivedAt: number;
}

/** Uploads are kept for a retry after a failed import, then swept after this long. */
const STALE_AFTER_MS = 6 * 3600_000;
const ACCEPTED_NAME = /\.(csv|tsv|txt)(\.gz)?$|\.gz$/i;
const uploads = new Map<string, UploadedFile>();

export function uploadFolder(db: Database): string {
	const folder = join(dirname(db.path), 'uploads');
	mkdirSync(folder, { recursive: true });
	return folder;
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
	if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Answered with 413 rather than 400. */
export class UploadTooLargeError extends UserError {}

function overCap(name: string, cap: number): UserError {
	return new UploadTooLargeError(
		`${name} is over the ${formatBytes(cap)} upload limit; split the export or ask an analyst to raise the max_upload_bytes setting.`
	);
}

/** Longer names are refused: most file systems stop at 255 bytes, and the name is shown and stored with the dataset. */
export const MAX_FILE_NAME_CHARS = 255;
// C0 and C1 control characters (newlines, NUL, escapes) have no place in a name shown on pages and logs
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** The file name from an upload's X-File-Name header (percent-encoded by the page), refused when malformed, too long or holding control characters. */
function uploadFileName(header: string | null): string {
	let name: string;
	try {
		name = decodeURIComponent(header ?? '');
	} catch {
		throw new UserError('The X-File-Name header is not a valid percent-encoded file name; upload the file again from the Data page.');
	}
	if (name.length > MAX_FILE_NAME_CHARS) {
		throw new UserError(`The file name is ${name.length} characters long, over the ${MAX_FILE_NAME_CHARS} allowed; rename the file and upload it again.`);
	}
	if (CONTROL_CHARS.test(name)) throw new UserError('The file name holds control characters (such as a line break); rename the file and upload it again.');
	return name;
}

/** Refuses a file name that is not a CSV or gzip export before a byte is written. */
export function checkUploadName(name: string): void {
	if (!ACCEPTED_NAME.test(name.trim())) {
		throw new UserError(`${name || 'The file'} is not a CSV file; export the data as .csv (or .csv.gz) and upload that.`);
	}
}

/**
 * Past the cap a body is still read (and dropped) for a while: a client that is cut off mid-send
 * sees a reset connection instead of the sentence saying why.
 */
const DRAIN_BYTES = 64 * 1024 ** 2;

/** Counts bytes as they pass; past the cap it drops them, and fails at the end (or once the drain allowance is used). */
function byteCounter(cap: number, name: string, seen: { bytes: number }): Transform {
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			seen.bytes += chunk.length;
			if (seen.bytes <= cap) done(null, chunk);
			else if (seen.bytes > cap + DRAIN_BYTES) done(overCap(name, cap));
			else done();
		},
		flush(done) {
			done(seen.bytes > cap ? overCap(name, cap) : null);
		}
	});
}

/** Reads and drops a body the server refuses, when it is small enough for the answer to reach the client cleanly. */
async function drain(body: ReadableStream<Uint8Array>, declaredBytes: number): Promise<void> {
	if (declaredBytes > DRAIN_BYTES) return;
	const reader = body.getReader();
	while (!(await reader.read()).done) {
		// dropped
	}
}

export interface ReceiveOptions {
	/** the X-File-Name header as sent (percent-encoded) */
	fileNameHeader: string | null;
	/** the Content-Length the client announced, if any */
	declaredBytes: number | null;
	maxBytes: number;
	uploadedBy: string;
}

/** Streams a request body to a new file in the data folder; refuses what is too large or not CSV text. */
export async function receiveUpload(db: Database, body: ReadableStream<Uint8Array> | null, options: ReceiveOptions): Promise<UploadedFile> {
	let name: string;
	try {
		name = uploadFileName(options.fileNameHeader).trim();
		checkUploadName(name);
	} catch (error) {
		// read the small body the answer refuses: a client cut off mid-send sees a reset instead of the sentence
		if (body) await drain(body, options.declaredBytes ?? 0);
		throw error;
	}
	if (!body) throw new UserError('The upload was empty; pick a CSV file and try again.');
	if (options.declaredBytes !== null && options.declaredBytes > options.maxBytes) {
		await drain(body, options.declaredBytes);
		throw overCap(name, options.maxBytes);
	}
	sweepStaleUploads(db);
	const id = randomUUID();
	const path = join(uploadFolder(db), `${id}.upload`);
	const seen = { bytes: 0 };
	try {
		await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), byteCounter(options.maxBytes, name, seen), createWriteStream(path));
		if (seen.bytes === 0) throw new UserError(`${name} is empty; export the data again and upload the CSV file.`);
		// the sniffer refuses binary files (images, spreadsheets) renamed .csv
		await sniffFile(path, name);
	} catch (error) {
		rmSync(path, { force: true });
		throw error;
	}
	const upload: UploadedFile = { id, name, path, bytes: seen.bytes, uploadedBy: options.uploadedBy, receivedAt: Date.now() };
	uploads.set(id, upload);
	return upload;
}

/** The upload with this id, if this user sent it and it is still there. */
export function findUpload(id: string, username: string): UploadedFile {
	const upload = uploads.get(id);
	if (!upload || upload.uploadedBy !== username) {
		throw new UserError('That upload is no longer available (it was imported, discarded or the server restarted); upload the file again.');
	}
	return upload;
}

export function discardUpload(id: string): void {
	const upload = uploads.get(id);
	if (!upload) return;
	uploads.delete(id);
	rmSync(upload.path, { force: true });
}

/** Removes upload files older than a few hours, including those left by a previous server run. */
export function sweepStaleUploads(db: Database, now = Date.now()): number {
	const folder = uploadFolder(db);
	let removed = 0;
	for (const file of readdirSync(folder)) {
		const path = join(folder, file);
		try {
			if (now - statSync(path).mtimeMs < STALE_AFTER_MS) continue;
			rmSync(path, { force: true });
			removed++;
		} catch {
			// a file removed meanwhile is fine
		}
	}
	for (const [id, upload] of uploads) if (now - upload.receivedAt >= STALE_AFTER_MS) uploads.delete(id);
	return removed;
}
