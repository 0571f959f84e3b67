import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/open';
import { requireCapability } from '$lib/server/auth/guard';
import { allAudit, recordAudit } from '$lib/server/audit/index';
import { auditCsv } from '$lib/server/audit/csv';
import { clientAddress } from '$lib/server/auth/request';

/** The (filtered) audit log as CSV, formula-looking cells escaped. The export itself is audited. */
export const GET: RequestHandler = async (event) => {
	const me = requireCapability(event.locals, 'admin');
	const db = await getDatabase();
	const action = event.url.searchParams.get('action') || undefined;
	const actor = event.url.searchParams.get('actor') || undefined;
	const entries = await allAudit(db.connection, { action, actor });
	await recordAudit(db.connection, {
		actor: me.username,
		action: 'export',
		target: 'audit_log',
		address: clientAddress(event),
		detail: { rows: entries.length }
	});
	return new Response(auditCsv(entries), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
