import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inflateToFile } from './gzip';
import type { Encoding } from './sniff';

function toUtf8From(encoding: Encoding): Transform {
	const decoder = new TextDecoder(encoding, { ignoreBOM: false });
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
		},
		flush(done) {
			done(null, Buffer.from(decoder.decode(), 'utf8'));
		}
	});
}

/**
 * Streams a gzip, UTF-16 or Windows-1252 file into a plain UTF-8 file DuckDB can read; never holds the whole file.
 * A gzip file is inflated here, bounded (gzip.ts), rather than by DuckDB, which would inflate a bomb unchecked.
 */
export async function readableCopy(input: string, output: string, name: string, encoding: Encoding, gzip: boolean): Promise<void> {
	const convert = encoding === 'utf-8' ? undefined : toUtf8From(encoding);
	if (gzip) await inflateToFile(input, output, name, convert);
	else await pipeline(createReadStream(input, { highWaterMark: 1 << 20 }), convert ?? toUtf8From(encoding), createWriteStream(output));
}
