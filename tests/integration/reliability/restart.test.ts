import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/open';
import { queryRows } from '../../../src/lib/server/db/sql';
import { ADMIN_PASSWORD, startServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp';

async function signInStatus(url: string): Promise<{ status: number; cookie: string | undefined }> {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: url },
		body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD })
	});
	return { status: response.status, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
}

async function stored(dbPath: string) {
	const db = await openDatabase(dbPath);
	try {
		return {
			datasets: await queryRows(db.connection, 'SELECT dataset_id, name, rows_loaded, loaded_at FROM datasets ORDER BY dataset_id'),
			users: await queryRows(db.connection, 'SELECT username, password_hash, role FROM users ORDER BY username'),
			facts: (await queryRows<{ n: number }>(db.connection, 'SELECT count(*) AS n FROM conversation_facts'))[0].n
		};
	} finally {
		db.close();
	}
}

describe('restart on the same data folder', () => {
	it('keeps the datasets and the admin, loads no second demo and signs in with the same password', async () => {
		const dataDir = tempDir('reliability-restart-');
		const first = await startServer({}, dataDir);
		expect(first.output()).toContain('Created user "admin"');
		expect((await signInStatus(first.url)).status).toBe(303);
		await first.stop();
		const before = await stored(first.dbPath);
		expect(before.datasets.map((d) => d.name)).toEqual(['demo']);
		expect(before.users.map((u) => u.username)).toEqual(['admin']);
		expect(before.facts).toBe(before.datasets[0].rows_loaded);

		const second = await startServer({}, dataDir);
		try {
			expect(second.output()).not.toContain('Created user');
			expect(second.output()).not.toMatch(/demo dataset/i);
			const { status, cookie } = await signInStatus(second.url);
			expect(status).toBe(303);
			const page = await fetch(`${second.url}/`, { headers: { cookie: cookie ?? '' } });
			expect(page.status).toBe(200);
			expect(await page.text()).toContain('demo');
		} finally {
			await second.stop();
		}
		expect(await stored(first.dbPath)).toEqual(before);
	}, 300_000);
});
