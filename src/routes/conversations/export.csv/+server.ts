import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { getDatabase } from '$lib/server/open';
import { recordAudit } from '$lib/server/audit/index';
import { clientAddress } from '$lib/server/auth/request';
import { isUserError } from '$lib/server/errors';
import { readDashboardScope } from '$lib/server/dashboard/filters';
import { drillCount, drillCsvStream, readDrillSlice } from '$lib/server/dashboard/drill';
import { sliceToSearch } from '$lib/drill';
import { filtersToSearch } from '$lib/dashboardFilters';

/** Every conversation of the drill-down's selection as CSV, streamed; the export is audited with who, where from and what. */
export const GET: RequestHandler = async (event) => {
	const me = requireCapability(event.locals, 'manage_data');
	const db = await getDatabase();
	const connection = await db.connect();
	let handedOver = false;
	try {
		const scope = await readDashboardScope(connection, event.url);
		if (!scope) error(404, 'No dataset is loaded yet; load one on the Data page.');
		const slice = readDrillSlice(event.url.searchParams);
		const rows = await drillCount(connection, scope, slice);
		await recordAudit(db.connection, {
			actor: me.username,
			action: 'export',
			target: 'conversations',
			address: clientAddress(event),
			detail: {
				dataset: scope.filters.dataset,
				rows, // the range spelled out even when it is the default one, so the entry says which days left
				selection: `${filtersToSearch({ ...scope.filters, preset: 'custom' })}&${sliceToSearch(slice)}`.replace(/&$/, '')
			}
		});
		const body = drillCsvStream(connection, scope, slice, () => connection.closeSync());
		handedOver = true;
		const name = `conversations-${scope.filters.dataset.replace(/[^\p{L}\p{N}._-]+/gu, '-')}-${scope.filters.from}.csv`;
		return new Response(body, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' }
		});
	} catch (e) {
		if (isUserError(e)) error(400, e.message);
		throw e;
	} finally {
		if (!handedOver) connection.closeSync();
	}
};
