/**
 * Request bodies are small everywhere but the streamed upload (whose cap is the max_upload_bytes setting): a body is
 * read up to REQUEST_BODY_MAX_BYTES before any handler sees it, so no request can make the server hold more.
 */
import { REQUEST_BODY_MAX_BYTES } from '../../bounds';
import { formatBytes } from '../uploads/store';

/** The one route that streams a large body to disk. */
export function takesLargeBody(method: string, pathname: string): boolean {
	return method === 'POST' && pathname === '/data/upload';
}

const tooLarge = () =>
	`The request body is over ${formatBytes(REQUEST_BODY_MAX_BYTES)}, more than any form or API call here needs; upload files on the Data page.`;

/** The request with its body read (at most the limit), or the sentence refusing it: answer it with REFUSAL_HEADERS. */
export async function boundedRequest(request: Request): Promise<Request | string> {
	if (request.body === null) return request;
	const declared = Number(request.headers.get('content-length'));
	if (declared > REQUEST_BODY_MAX_BYTES) return tooLarge();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		// the rest stays unread (the stream pauses the socket) until the refusal closes the connection
		if (size > REQUEST_BODY_MAX_BYTES) return tooLarge();
		chunks.push(value);
	}
	return new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks), signal: request.signal });
}

/** A refused body is not read to its end: closing the connection after the answer drops the rest. */
export const REFUSAL_HEADERS = { connection: 'close' } as const;
