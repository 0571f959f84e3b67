import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { allAudit, listAudit, recordAudit } from '../../../src/lib/server/audit/index';
import { auditCsv } from '../../../src/lib/server/audit/csv';
import { DENIALS_PER_USER_PER_MINUTE, recordDenial } from '../../../src/lib/server/audit/denials';

describe('audit log', () => {
	it('records events newest first, pages them, filters, and drops secret-looking detail keys', async () => {
		const db = await tempDatabase();
		for (let i = 1; i <= 7; i++) await recordAudit(db.connection, { actor: i % 2 ? 'maria' : 'cli', action: 'upload', target: `set${i}`, detail: { rows: i } });
		await recordAudit(db.connection, {
			actor: 'ops',
			action: 'user_add',
			target: 'new',
			detail: { role: 'viewer', password: 'hunter2-secret', api_token: 'cm_x' },
			address: '10.0.0.5'
		});
		const first = await listAudit(db.connection, { page: 1, pageSize: 3 });
		expect(first.total).toBe(8);
		expect(first.entries.map((e) => e.target)).toEqual(['new', 'set7', 'set6']);
		expect(first.entries[0]).toMatchObject({ actor: 'ops', action: 'user_add', detail: '{"role":"viewer"}', address: '10.0.0.5' });
		const third = await listAudit(db.connection, { page: 3, pageSize: 3 });
		expect(third.entries.map((e) => e.target)).toEqual(['set2', 'set1']);
		// maria = odd i: 1, 3, 5, 7
		expect((await listAudit(db.connection, { actor: 'maria' })).total).toBe(4);
		expect((await listAudit(db.connection, { action: 'user_add' })).entries.map((e) => e.target)).toEqual(['new']);
		expect(JSON.stringify(await allAudit(db.connection))).not.toContain('hunter2');
	});

	it('exports CSV with formula-looking cells escaped and quotes doubled', async () => {
		const db = await tempDatabase();
		await recordAudit(db.connection, { actor: '=HYPERLINK("http://x")', action: 'dataset_delete', target: '+cmd|calc', detail: '-2+3' });
		await recordAudit(db.connection, { actor: '@sum', action: 'upload', target: '\tTAB', detail: null });
		const csv = auditCsv(await allAudit(db.connection));
		const lines = csv.replace('\uFEFF', '').split('\r\n');
		expect(lines[0]).toBe('id,at,actor,action,target,detail,address');
		expect(lines[1]).toMatch(/^2,"?\d{4}-\d\d-\d\dT[^,]*,"'@sum",upload,"'\tTAB",,$/);
		expect(lines[2]).toMatch(/^1,[^,]+,"'=HYPERLINK\(""http:\/\/x""\)",dataset_delete,"'\+cmd\|calc","'-2\+3",$/);
	});

	it(`keeps one access_denied entry per user and path a minute, at most ${DENIALS_PER_USER_PER_MINUTE} a minute per user`, async () => {
		const db = await tempDatabase();
		const t0 = Date.parse('2026-03-02T10:00:00Z');
		const deny = (username: string, path: string, at: number) => recordDenial(db.connection, { username, method: 'GET', path, address: '10.0.0.7' }, at);
		for (let i = 0; i < 3; i++) await deny('deny-a', '/settings/users', t0 + i * 1000);
		expect((await allAudit(db.connection, { actor: 'deny-a' })).length).toBe(1);
		// a minute after the first, the same path counts again
		await deny('deny-a', '/settings/users', t0 + 60_000);
		expect((await allAudit(db.connection, { actor: 'deny-a' })).map((e) => [e.target, e.detail, e.address])).toEqual([
			['/settings/users', '{"method":"GET"}', '10.0.0.7'],
			['/settings/users', '{"method":"GET"}', '10.0.0.7']
		]);
		for (let i = 0; i < 25; i++) await deny('deny-b', `/settings/users/${i}`, t0 + i);
		expect((await allAudit(db.connection, { actor: 'deny-b' })).length).toBe(DENIALS_PER_USER_PER_MINUTE);
		await deny('deny-c', '/settings/users/1', t0 + 30);
		expect((await allAudit(db.connection, { actor: 'deny-c' })).length).toBe(1);
		// a path is cut to 200 characters
		await deny('deny-d', '/' + 'x'.repeat(500), t0);
		expect((await allAudit(db.connection, { actor: 'deny-d' }))[0].target!.length).toBe(200);
	});
});
