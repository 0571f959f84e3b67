import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { allAudit, listAudit, recordAudit } from '../../../src/lib/server/audit/index';
import { auditCsv } from '../../../src/lib/server/audit/csv';

describe('audit log', () => {
	it('records events newest first, pages them, filters, and drops secret-looking detail keys', async () => {
		const db = await tempDatabase();
		for (let i = 1; i <= 7; i++) await recordAudit(db.connection, { actor: i % 2 ? 'maria' : 'cli', action: 'upload', target: `set${i}`, detail: { rows: i } });
		await recordAudit(db.connection, { actor: 'ops', action: 'user_add', target: 'new', detail: { role: 'viewer', password: 'hunter2-secret', api_token: 'cm_x' }, address: '10.0.0.5' });
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
});
