/** Browser side of the upload flow: the file goes up as the raw body (XHR, for upload progress), the rest is JSON. */
import type { ImportStatus, UploadPreview } from './types';

export class UploadFailure extends Error {}

async function jsonOrSentence<T>(response: Response): Promise<T> {
	const body = await response.json().catch(() => null);
	if (!response.ok) throw new UploadFailure(body?.error ?? body?.message ?? `The server answered ${response.status}; reload the page and try again.`);
	return body as T;
}

/** Sends a file, reporting the share sent; resolves with the preview or rejects with the server's sentence. */
export function sendFile(file: File, onProgress: (fraction: number) => void): { done: Promise<UploadPreview>; abort: () => void } {
	const xhr = new XMLHttpRequest();
	const done = new Promise<UploadPreview>((resolve, reject) => {
		xhr.open('POST', '/data/upload');
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
		xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
		xhr.onload = () => {
			let body: { error?: string; message?: string } | null = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				body = null;
			}
			if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as UploadPreview);
			else reject(new UploadFailure(body?.error ?? body?.message ?? `The upload failed (${xhr.status}); try again.`));
		};
		xhr.onerror = () => reject(new UploadFailure('The upload was interrupted (network or server); try again.'));
		xhr.onabort = () => reject(new UploadFailure('The upload was cancelled.'));
		xhr.send(file);
	});
	return { done, abort: () => xhr.abort() };
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
	return jsonOrSentence<T>(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

export const previewAgain = (upload: string, preset: string, map: Record<string, string>, timezone: string, dateFormat: string) =>
	postJson<UploadPreview>('/data/preview', { upload, preset, map, timezone, dateFormat });

export interface ImportRequest {
	upload: string;
	dataset: string;
	preset: string;
	map: Record<string, string>;
	timezone: string;
	dateFormat: string;
	replace: boolean;
}

export const startImport = (request: ImportRequest) => postJson<{ job: string }>('/data/import', request);

export async function importStatus(job: string): Promise<ImportStatus> {
	return jsonOrSentence<ImportStatus>(await fetch(`/data/import/${encodeURIComponent(job)}`));
}

export async function discardUpload(upload: string): Promise<void> {
	await fetch(`/data/upload/${encodeURIComponent(upload)}`, { method: 'DELETE' });
}
