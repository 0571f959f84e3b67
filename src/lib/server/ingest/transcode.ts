import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Encoding } from './sniff';

/** Streams a UTF-16 or Windows-1252 file (gzip or not) into a UTF-8 file DuckDB can read; never holds the whole file. */
export async function transcodeToUtf8(input: string, output: string, encoding: Encoding, gzip: boolean): Promise<void> {
	const decoder = new TextDecoder(encoding, { ignoreBOM: false });
	const toUtf8 = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
		},
		flush(done) {
			done(null, Buffer.from(decoder.decode(), 'utf8'));
		}
	});
	const read = createReadStream(input, { highWaterMark: 1 << 20 });
	if (gzip) await pipeline(read, createGunzip(), toUtf8, createWriteStream(output));
	else await pipeline(read, toUtf8, createWriteStream(output));
}
