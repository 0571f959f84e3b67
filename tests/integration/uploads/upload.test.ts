import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../../helpers/server';

let server: RunningServer;
let dataDir: string;
let cookie: string;

/** Signs in through the login form and returns the session cookie. */
async function signInCookie(): Promise<string> {
	const response = await fetch(server.url + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD })
	});
	const set = response.headers.get('set-cookie') ?? '';
	const session = /cm_session=[^;]+/.exec(set)?.[0];
	if (!session) throw new Error(`No session cookie after sign-in (${response.status})`);
	return session;
}

function residentMb(pid: number): number {
	const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return kb / 1024;
}

const uploadHeaders = (name: string) => ({ origin: server.url, cookie, 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' });

beforeAll(async () => {
	// a data folder of our own: tempDir() folders are removed after each test, this one lives for the file
	dataDir = mkdtempSync(join(tmpdir(), 'cm-server-'));
	server = await startServer({}, dataDir);
	cookie = await signInCookie();
}, 180_000);

afterAll(async () => {
	await server?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const HEADER = 'conversation_id,created_at,first_response_at,closed_at,channel,agent_id\n';
const ROW = 'c0000000000,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:10:00Z,chat,agent-17\n';

describe('upload endpoint', () => {
	it('streams a 1 GB body to disk without holding it in memory', async () => {
		// 1 MiB chunks of whole rows; 1,024 of them plus the header line
		const rowsPerChunk = Math.floor((1024 * 1024) / ROW.length);
		const chunk = new TextEncoder().encode(ROW.repeat(rowsPerChunk));
		const chunks = 1024;
		let sent = -1;
		// counted as the stream hands them over: what the server must report and store, byte for byte
		let streamedBytes = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				const piece = sent === -1 ? new TextEncoder().encode(HEADER) : sent < chunks ? chunk.slice() : null;
				if (piece) {
					streamedBytes += piece.length;
					controller.enqueue(piece);
				} else controller.close();
				sent++;
			}
		});
		const baseline = residentMb(server.pid);
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, residentMb(server.pid))), 50);
		const response = await fetch(server.url + '/data/upload', {
			method: 'POST',
			headers: uploadHeaders('big export.csv'),
			body,
			duplex: 'half'
		} as RequestInit);
		clearInterval(sampler);
		const preview = await response.json();
		expect(response.status).toBe(200);
		expect(preview.upload.bytes).toBe(streamedBytes);
		// the size the server saw: within 2 MiB of a GiB (1,024 chunks of whole rows under 1 MiB each)
		expect(preview.upload.bytes).toBeGreaterThan(1024 ** 3 - 2 * 1024 ** 2);
		expect(preview.upload.name).toBe('big export.csv');
		expect(preview.preset).toBe('generic');
		expect(preview.fields.find((f: { field: string }) => f.field === 'created_at').header).toBe('created_at');
		expect(preview.rows[0][0]).toBe('c0000000000');
		// stored under a generated name, never the client's
		const files = readdirSync(join(server.dataDir, 'uploads'));
		expect(files).toEqual([`${preview.upload.id}.upload`]);
		expect(statSync(join(server.dataDir, 'uploads', files[0])).size).toBe(streamedBytes);
		console.log(`1 GB upload: server RSS ${baseline.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB while streaming`);
		expect(peak).toBeLessThan(500);

		const discarded = await fetch(`${server.url}/data/upload/${preview.upload.id}`, { method: 'DELETE', headers: { origin: server.url, cookie } });
		expect(discarded.status).toBe(204);
		expect(readdirSync(join(server.dataDir, 'uploads'))).toEqual([]);
	}, 180_000);

	it('refuses a file that is not CSV by name, with one sentence', async () => {
		const response = await fetch(server.url + '/data/upload', { method: 'POST', headers: uploadHeaders('report.xlsx'), body: 'PK\u0003\u0004' });
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'report.xlsx is not a CSV file; export the data as .csv (or .csv.gz) and upload that.' });
	});

	it('answers a malformed X-File-Name with 400 and one sentence, not a 500', async () => {
		const response = await fetch(server.url + '/data/upload', {
			method: 'POST',
			headers: { ...uploadHeaders('a.csv'), 'x-file-name': '%E0%A4%A.csv' },
			body: HEADER + ROW
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: 'The X-File-Name header is not a valid percent-encoded file name; upload the file again from the Data page.'
		});
	});

	it('refuses a file name over 255 characters or with control characters, with one sentence', async () => {
		const long = await fetch(server.url + '/data/upload', { method: 'POST', headers: uploadHeaders(`${'n'.repeat(252)}.csv`), body: HEADER + ROW });
		expect(long.status).toBe(400);
		expect(await long.json()).toEqual({ error: 'The file name is 256 characters long, over the 255 allowed; rename the file and upload it again.' });
		const control = await fetch(server.url + '/data/upload', { method: 'POST', headers: uploadHeaders('export\r\nSet-Cookie: x.csv'), body: HEADER + ROW });
		expect(control.status).toBe(400);
		expect(await control.json()).toEqual({ error: 'The file name holds control characters (such as a line break); rename the file and upload it again.' });
	});

	it('refuses a gzip bomb at the upload preview in one sentence, without inflating it', async () => {
		// 480 MB of one row deflates to under 2 MB (compressed off the loop: a test process stalled past the server's keep-alive reuses a closed socket)
		const bomb = await promisify(gzip)(HEADER + ROW.repeat(Math.floor((480 * 1024 ** 2) / ROW.length)));
		expect(bomb.length).toBeLessThan(2 * 1024 ** 2);
		const before = residentMb(server.pid);
		const response = await fetch(server.url + '/data/upload', { method: 'POST', headers: uploadHeaders('bomb.csv.gz'), body: bomb });
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error:
				'bomb.csv.gz inflates to more than 100 times its compressed size, which a CSV export does not do (it looks like a decompression bomb); decompress it yourself and upload the CSV.'
		});
		// the refusal came after the first MB of content, not after 480 MB of it
		expect(residentMb(server.pid) - before).toBeLessThan(100);
		expect(readdirSync(join(server.dataDir, 'uploads'))).toEqual([]);
	}, 60_000);

	it('refuses an upload without the page origin (CSRF)', async () => {
		const response = await fetch(server.url + '/data/upload', {
			method: 'POST',
			headers: { ...uploadHeaders('a.csv'), origin: 'http://evil.example' },
			body: HEADER + ROW
		});
		expect(response.status).toBe(403);
	});

	it('refuses a body over the max_upload_bytes setting, saved through the Settings page, with one sentence', async () => {
		// the Sessions section saves close_after_s, focus_cap_s, repeat_window_days and max_upload_bytes together
		const form = new URLSearchParams({ section: 'sessions', focus_cap_min: '10', repeat_window_days: '7', max_upload_mb: '1' });
		for (const channel of ['voice', 'chat', 'messaging', 'sms', 'whatsapp', 'social', 'email', 'other'])
			form.set(`close.${channel}`, channel === 'email' ? '5760' : '1440');
		const saved = await fetch(server.url + '/settings?/save', {
			method: 'POST',
			headers: { origin: server.url, cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: form
		});
		const outcome = await saved.json();
		expect(outcome.type, JSON.stringify(outcome) + server.output().slice(-3000)).toBe('success');
		expect(outcome.data).toContain('Saved; derived values of 1 dataset recomputed.');

		// 2 MiB of rows, streamed without a length so the cap is found while counting
		const rows = new TextEncoder().encode(HEADER + ROW.repeat(Math.ceil((2 * 1024 * 1024) / ROW.length)));
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < rows.length; i += 65536) controller.enqueue(rows.slice(i, i + 65536));
				controller.close();
			}
		});
		const response = await fetch(server.url + '/data/upload', { method: 'POST', headers: uploadHeaders('too-big.csv'), body, duplex: 'half' } as RequestInit);
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({
			error: 'too-big.csv is over the 1.0 MB upload limit; split the export or ask an analyst to raise the max_upload_bytes setting.'
		});
		expect(readdirSync(join(server.dataDir, 'uploads'))).toEqual([]);
	});
});
