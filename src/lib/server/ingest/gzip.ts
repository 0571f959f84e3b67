/**
 * Gzip input, inflated streaming (zlib's streams run on the libuv pool, never blocking the event loop) and
 * bounded: a file that inflates past a size cap or a compression ratio is refused before it fills memory or disk.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { UserError } from '../errors';

/** Real CSV exports compress 5-20x (sparse, repetitive ones up to ~50x); a gzip bomb reaches DEFLATE's ~1,000x. */
export const MAX_COMPRESSION_RATIO = 100;
/** The ratio is judged from this much output on: a tiny file's header alone may compress far better than its rows. */
const RATIO_CHECKED_FROM_BYTES = 1024 ** 2;
/** 16 GB inflated is ~120 M conversation rows (a 10 M-row export is ~1.3 GB), past what one import is sized for. */
export const MAX_INFLATED_BYTES = 16 * 1024 ** 3;
/** Compressed bytes fed to zlib at a time: small enough that the ratio is measured early. */
const FEED_BYTES = 64 * 1024;

function formatSize(bytes: number): string {
	return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(0)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

function tooCompressed(name: string): UserError {
	return new UserError(
		`${name} inflates to more than ${MAX_COMPRESSION_RATIO} times its compressed size, which a CSV export does not do (it looks like a decompression bomb); decompress it yourself and upload the CSV.`
	);
}

function tooLarge(name: string): UserError {
	return new UserError(`${name} inflates to more than ${formatSize(MAX_INFLATED_BYTES)}; split the export into smaller files and upload each.`);
}

function unreadable(): UserError {
	return new UserError('The file looks gzip-compressed but cannot be decompressed; check that the download finished and try again.');
}

/** The refusal when `inflated` bytes came out of `consumed` compressed ones, or null while within bounds. */
function boundsBroken(gunzip: Gunzip, inflated: number, name: string): UserError | null {
	if (inflated > MAX_INFLATED_BYTES) return tooLarge(name);
	if (inflated >= RATIO_CHECKED_FROM_BYTES && inflated > MAX_COMPRESSION_RATIO * Math.max(1, gunzip.bytesWritten)) return tooCompressed(name);
	return null;
}

/** The first `maxBytes` of a gzip file's content (less when the file is shorter; a truncated stream is fine). */
export async function gunzipHead(path: string, maxBytes: number, name: string): Promise<Buffer> {
	const handle = await open(path, 'r');
	const gunzip = createGunzip();
	const chunks: Buffer[] = [];
	let inflated = 0;
	try {
		return await new Promise<Buffer>((resolve, reject) => {
			let settled = false;
			const finish = (error: Error | null) => {
				if (settled) return;
				settled = true;
				gunzip.destroy();
				if (error) reject(error);
				else resolve(Buffer.concat(chunks).subarray(0, maxBytes));
			};
			gunzip.on('data', (chunk: Buffer) => {
				chunks.push(chunk);
				inflated += chunk.length;
				const broken = boundsBroken(gunzip, inflated, name);
				if (broken) finish(broken);
				else if (inflated >= maxBytes) finish(null);
			});
			gunzip.on('end', () => finish(null));
			// a stream cut short (an upload's head) ends in an error after its data: what came out is still the head
			gunzip.on('error', () => finish(inflated > 0 ? null : unreadable()));
			const feed = async () => {
				let position = 0;
				while (!settled) {
					const buffer = Buffer.alloc(FEED_BYTES);
					const { bytesRead } = await handle.read(buffer, 0, FEED_BYTES, position);
					if (bytesRead === 0) return void gunzip.end();
					position += bytesRead;
					// one chunk in flight at a time: its callback runs once zlib has inflated it (or the stream was stopped)
					await new Promise<void>((r) => gunzip.write(buffer.subarray(0, bytesRead), () => r()));
				}
			};
			feed().catch((error: Error) => finish(error));
		});
	} finally {
		await handle.close();
	}
}

/** Counts inflated bytes as they pass and stops the stream once a bound is broken. */
function inflationGuard(gunzip: Gunzip, name: string): Transform {
	let inflated = 0;
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			inflated += chunk.length;
			done(boundsBroken(gunzip, inflated, name), chunk);
		}
	});
}

/** Gunzips a file streaming into `output`, through `convert` when given; refuses a bomb or a file past the size cap. */
export async function inflateToFile(input: string, output: string, name: string, convert?: Transform): Promise<void> {
	const gunzip = createGunzip();
	const stages: (Readable | Transform)[] = [createReadStream(input, { highWaterMark: FEED_BYTES }), gunzip, inflationGuard(gunzip, name)];
	if (convert) stages.push(convert);
	try {
		await pipeline([...stages, createWriteStream(output)]);
	} catch (error) {
		if (error instanceof UserError) throw error;
		if ((error as { code?: string }).code?.startsWith('Z_')) throw unreadable();
		throw error;
	}
}
