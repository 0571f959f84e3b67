import { open } from 'node:fs/promises';
import { UserError } from '../errors';
import { gunzipHead } from './gzip';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

/** What the first bytes of a file say about how to read it. */
export interface Sniffed {
	gzip: boolean;
	encoding: Encoding;
	/** the file starts with a byte-order mark */
	bom: boolean;
	delimiter: Delimiter;
	headers: string[];
	/** the first data records, split into fields, for previews and format detection */
	sampleRows: string[][];
	newline: '\n' | '\r\n';
}

const SAMPLE_BYTES = 1 << 20;
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];

async function readHead(path: string): Promise<Buffer> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(SAMPLE_BYTES);
		const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

function detectEncoding(bytes: Buffer): { encoding: Encoding; bom: boolean } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
	// UTF-16 without BOM: every other byte of ASCII text is NUL
	const sample = bytes.subarray(0, 4096);
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < sample.length; i++) {
		if (sample[i] !== 0) continue;
		if (i % 2 === 0) evenNul++;
		else oddNul++;
	}
	if (oddNul > sample.length / 4 && evenNul === 0) return { encoding: 'utf-16le', bom: false };
	if (evenNul > sample.length / 4 && oddNul === 0) return { encoding: 'utf-16be', bom: false };
	try {
		// drop a multi-byte character cut at the end of the sample
		let end = bytes.length;
		while (end > 0 && end > bytes.length - 4 && (bytes[end - 1] & 0xc0) === 0x80) end--;
		if (end > 0 && bytes[end - 1] >= 0xc0) end--;
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return { encoding: 'utf-8', bom: false };
	} catch {
		return { encoding: 'windows-1252', bom: false };
	}
}

function looksBinary(text: string): boolean {
	const sample = text.slice(0, 8192);
	if (sample.length === 0) return false;
	let control = 0;
	for (let i = 0; i < sample.length; i++) {
		const code = sample.charCodeAt(i);
		if (code === 0) return true;
		if (code < 32 && code !== 9 && code !== 10 && code !== 13) control++;
		if (code === 0xfffd) control++;
	}
	return control / sample.length > 0.02;
}

/** Splits text into CSV records (RFC 4180 quoting), stopping after `maxRecords`. */
export function splitRecords(text: string, delimiter: string, maxRecords: number): string[][] {
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	let i = 0;
	while (i < text.length && records.length < maxRecords) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else field += ch;
			i++;
			continue;
		}
		if (ch === '"' && field === '') quoted = true;
		else if (ch === delimiter) {
			record.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			if (ch === '\r' && text[i + 1] === '\n') i++;
		} else field += ch;
		i++;
	}
	// the sample may end mid-record; only keep a last record when the whole text was read
	if (i >= text.length && (field !== '' || record.length > 0) && !quoted && records.length < maxRecords) {
		record.push(field);
		records.push(record);
	}
	return records;
}

function chooseDelimiter(text: string): Delimiter {
	let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -1 };
	for (const delimiter of DELIMITERS) {
		const records = splitRecords(text, delimiter, 30).filter((r) => r.length > 1 || r[0] !== '');
		if (records.length === 0) continue;
		const width = records[0].length;
		if (width < 2) continue;
		const consistent = records.filter((r) => r.length === width).length / records.length;
		const score = consistent * 1000 + width;
		if (score > best.score) best = { delimiter, score };
	}
	return best.delimiter;
}

export function decode(bytes: Buffer, encoding: Encoding, bom: boolean): string {
	const body = bom ? bytes.subarray(encoding === 'utf-8' ? 3 : 2) : bytes;
	return new TextDecoder(encoding).decode(body);
}

/** Reads the start of a file and works out compression, encoding, delimiter and header. Refuses what is not a CSV. */
export async function sniffFile(path: string, displayName: string, overrides: { delimiter?: Delimiter } = {}): Promise<Sniffed> {
	let head = await readHead(path);
	if (head.length === 0) throw new UserError(`${displayName} is empty; export the data again and upload the CSV file.`);
	const gzip = head[0] === 0x1f && head[1] === 0x8b;
	// the head of the content, inflated streaming and bounded: never the whole file at once
	if (gzip) head = await gunzipHead(path, SAMPLE_BYTES, displayName);
	const { encoding, bom } = detectEncoding(head);
	const text = decode(head, encoding, bom);
	if (looksBinary(text)) {
		throw new UserError(
			`${displayName} is not a CSV text file (it looks like binary data such as an image or a spreadsheet); export the data as CSV and try again.`
		);
	}
	if (text.trim() === '') throw new UserError(`${displayName} is empty; export the data again and upload the CSV file.`);
	const delimiter = overrides.delimiter ?? chooseDelimiter(text);
	const records = splitRecords(text, delimiter, 2001);
	const headers = (records[0] ?? []).map((h) => h.trim());
	const sampleRows = records.slice(1).filter((r) => !(r.length === 1 && r[0] === ''));
	const newline = /\r\n/.test(text.slice(0, 65536)) ? '\r\n' : '\n';
	return { gzip, encoding, bom, delimiter, headers, sampleRows, newline };
}
