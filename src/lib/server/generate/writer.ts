import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { simulateConversations, defaultDays, type GenerationConfig } from '../../planning/simulate/demo';
import { ZoneClock } from '../../planning/simulate/zone';
import { conversationsFormat, messagesFormat } from './canonical';
import { freshdeskFormat, intercomFormat, zendeskFormat } from './vendors';
import type { GeneratedFormat, GeneratedFormatName } from './format';

const FORMAT_BY_NAME: Record<GeneratedFormatName, GeneratedFormat> = {
	conversations: conversationsFormat,
	messages: messagesFormat,
	zendesk: zendeskFormat,
	intercom: intercomFormat,
	freshdesk: freshdeskFormat
};

/** The `generate --json` contract. */
export interface GenerateResult {
	format: GeneratedFormatName;
	out: string;
	conversations: number;
	rows: number;
	seconds: number;
}

const CHUNK_CHARS = 1 << 20;

/**
 * Simulates and streams one file: lines gather into ~1 MB chunks, each written with
 * backpressure (a `.gz` path is gzip-compressed on the way). Same config → same bytes.
 */
export async function writeGenerated(path: string, format: GeneratedFormatName, config: GenerationConfig): Promise<GenerateResult> {
	const started = performance.now();
	const shape = FORMAT_BY_NAME[format];
	const days = config.days ?? defaultDays(config.conversations);
	const context = { zone: new ZoneClock(config.timezone ?? 'UTC'), endMs: Date.parse(`${config.start ?? '2026-08-01'}T00:00:00Z`) + days * 86_400_000 };
	const sink = openSink(path);
	let conversations = 0;
	let rows = 0;
	let lines: string[] = [shape.header];
	let chars = 0;
	try {
		for (const c of simulateConversations({ ...config, days, messages: shape.needsMessages })) {
			conversations++;
			const before = lines.length;
			rows += shape.write(c, context, lines);
			for (let k = before; k < lines.length; k++) chars += lines[k].length;
			if (chars >= CHUNK_CHARS) {
				await sink.write(lines.join(''));
				lines = [];
				chars = 0;
			}
		}
		await sink.write(lines.join(''));
		await sink.end();
	} catch (error) {
		sink.destroy();
		throw error;
	}
	return { format, out: path, conversations, rows, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

interface Sink {
	write(text: string): Promise<void>;
	end(): Promise<void>;
	destroy(): void;
}

function openSink(path: string): Sink {
	const file: WriteStream = createWriteStream(path);
	const input = path.endsWith('.gz') ? new PassThrough() : null;
	const entry: NodeJS.WritableStream & { destroy(): void } = input ?? file;
	const done = input !== null ? pipeline(input, createGzip({ level: 6 }), file) : once(file, 'finish').then(() => undefined);
	done.catch(() => {}); // surfaced by end()
	return {
		async write(text) {
			if (!entry.write(text)) await Promise.race([once(entry, 'drain'), done.then(() => undefined)]);
		},
		async end() {
			entry.end();
			await done;
		},
		destroy() {
			entry.destroy();
			file.destroy();
		}
	};
}
