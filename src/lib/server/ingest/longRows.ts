import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * The line numbers (the header is line 1) of the records of a plain CSV longer than `maxBytes`. DuckDB's read_csv drops
 * such a record without a reject when it does not fit its buffer, so the importer finds them itself: one pass that
 * jumps from quote to newline with native searches (quoted newlines stay inside their record), run beside the staging.
 */
export async function findLongRows(path: string, maxBytes: number): Promise<number[]> {
	const long: number[] = [];
	let line = 1;
	let recordStart = 0;
	let quoted = false;
	let offset = 0;
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
		let at = 0;
		// the next newline and quote, searched again only once passed (chunk.length = none): one linear pass however they mix
		let newline = -1;
		let quote = -1;
		const next = (byte: number, from: number) => {
			const found = chunk.indexOf(byte, from);
			return found < 0 ? chunk.length : found;
		};
		while (at < chunk.length) {
			if (quote < at) quote = next(QUOTE, at);
			if (quoted) {
				// a doubled quote ("") closes and opens again: the same as staying inside
				if (quote === chunk.length) break;
				quoted = false;
				at = quote + 1;
				continue;
			}
			if (newline < at) newline = next(NEWLINE, at);
			if (quote < newline) {
				quoted = true;
				at = quote + 1;
				continue;
			}
			if (newline === chunk.length) break;
			const end = offset + newline;
			if (end - recordStart > maxBytes) long.push(line);
			line++;
			recordStart = end + 1;
			at = newline + 1;
		}
		offset += chunk.length;
	}
	if (offset - recordStart > maxBytes) long.push(line);
	return long;
}
