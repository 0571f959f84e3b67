import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../src/lib/server/generate/index';
import { ingestFile } from '../../../src/lib/server/ingest/index';
import { sniffFile } from '../../../src/lib/server/ingest/sniff';
import { tempDatabase, tempDir } from '../../helpers/temp';

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel,agent_id\n';
const ROW = 'c0000000000,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:10:00Z,chat,agent-17\n';
const BOMB_SENTENCE =
	'inflates to more than 100 times its compressed size, which a CSV export does not do (it looks like a decompression bomb); decompress it yourself and upload the CSV.';

/** Gzips `parts` (each repeated `times`) streaming to a file: the same row over and over deflates about 1,000x. */
async function writeGzip(path: string, parts: { text: string; times: number }[]): Promise<void> {
	function* chunks() {
		for (const { text, times } of parts) {
			const block = Buffer.from(text.repeat(Math.max(1, Math.floor((1024 * 1024) / text.length))));
			const perBlock = block.length / text.length;
			for (let done = 0; done < times; done += perBlock) yield times - done >= perBlock ? block : Buffer.from(text.repeat(times - done));
		}
	}
	await pipeline(Readable.from(chunks()), createGzip(), createWriteStream(path));
}

/** The longest the event loop was kept from a 10 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
	let last = performance.now();
	let longest = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 10);
	try {
		await work();
	} finally {
		clearInterval(timer);
	}
	return longest;
}

describe('gzip input', () => {
	it('refuses a CSV-shaped gzip bomb (480 MB from under 2 MB) in one sentence while sniffing, without stalling the event loop', async () => {
		const path = join(tempDir(), 'bomb.csv.gz');
		// 480 MB of one 88-byte row: 5.7 M rows
		await writeGzip(path, [
			{ text: HEADER, times: 1 },
			{ text: ROW, times: Math.floor((480 * 1024 ** 2) / ROW.length) }
		]);
		expect(statSync(path).size).toBeLessThan(2 * 1024 ** 2);
		let refusal: unknown;
		const stall = await longestStall(() => sniffFile(path, 'bomb.csv.gz').catch((error) => (refusal = error)));
		expect((refusal as Error)?.message).toBe(`bomb.csv.gz ${BOMB_SENTENCE}`);
		// inflated in 16 KB steps on the thread pool: no step holds the loop anywhere near the 8 s reported
		expect(stall).toBeLessThan(250);
	}, 60_000);

	it('refuses a file whose head is an ordinary export but whose rest is a bomb, writing nothing', async () => {
		const db = await tempDatabase();
		const path = join(tempDir(), 'late-bomb.csv.gz');
		// 20,000 distinct rows (~1.8 MB, compressing ~5x) then 300 MB of one row
		const distinct = Array.from({ length: 20_000 }, (_, i) =>
			ROW.replace('c0000000000', `c${String(i).padStart(10, '0')}`).replace('agent-17', `agent-${i % 97}`)
		).join('');
		await writeGzip(path, [
			{ text: HEADER + distinct, times: 1 },
			{ text: ROW, times: Math.floor((300 * 1024 ** 2) / ROW.length) }
		]);
		await expect(ingestFile(db, path, { dataset: 'late' })).rejects.toThrow(`late-bomb.csv.gz ${BOMB_SENTENCE}`);
		const datasets = await db.connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM datasets');
		expect(datasets.getRowObjects()[0].n).toBe(0);
	}, 60_000);

	it('imports a real 20,000-conversation export as .csv.gz, inflated past the 1 MB from which the ratio is checked', async () => {
		const db = await tempDatabase();
		const dir = tempDir();
		await generateDemo(join(dir, 'demo.csv.gz'), { conversations: 20_000, seed: 7, days: 30, end: '2026-03-01' });
		await generateDemo(join(dir, 'demo.csv'), { conversations: 20_000, seed: 7, days: 30, end: '2026-03-01' });
		const compressed = statSync(join(dir, 'demo.csv.gz')).size;
		const plain = statSync(join(dir, 'demo.csv')).size;
		// an ordinary export: well over 1 MB inflated, at a ratio far under the bound
		expect(plain).toBeGreaterThan(2 * 1024 ** 2);
		expect(plain / compressed).toBeLessThan(20);
		const fromGzip = await ingestFile(db, join(dir, 'demo.csv.gz'), { dataset: 'gz' });
		const fromPlain = await ingestFile(db, join(dir, 'demo.csv'), { dataset: 'plain' });
		// the generator writes a few rows more than asked (the same seed, the same file either way)
		expect(fromPlain.rows_read).toBe(20_234);
		expect([fromGzip.rows_read, fromGzip.rows_loaded, fromGzip.rows_rejected, fromGzip.conversations]).toEqual([
			20_234,
			fromPlain.rows_loaded,
			fromPlain.rows_rejected,
			fromPlain.conversations
		]);
		expect(fromGzip.rows_loaded).toBeGreaterThan(20_000);
	}, 120_000);
});
