/**
 * The dashboard pages' server data loads, by name: the route's own `dashboardPageData` (scope from
 * the URL, the "matches nothing" count, the page's loader, the page cache) on a connection we pass.
 * A new page is one line here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { dashboardPageData } from '../dashboard/load';
import type { DashboardScope } from '../dashboard/filters';
import { loadOverview } from '../dashboard/overview';
import { loadCost, loadCoverage, loadResponsiveness, loadWorkload } from '../dashboard/pages';

export interface BenchPage {
	name: string;
	/** the route's path */
	path: string;
	/** the page's query string; `{first}` and `{last}` become the dataset's first and last day (the URL's `to` is inclusive) */
	search: string;
	load: (connection: DuckDBConnection, scope: DashboardScope) => Promise<unknown>;
}

export const BENCH_PAGES: BenchPage[] = [
	{ name: 'overview', path: '/', search: '', load: loadOverview },
	{ name: 'overview, all data', path: '/', search: 'from={first}&to={last}', load: loadOverview },
	{ name: 'overview, email only', path: '/', search: 'channel=email', load: loadOverview },
	{ name: 'responsiveness', path: '/responsiveness', search: '', load: (c, s) => loadResponsiveness(c, s, 'calendar') },
	{ name: 'responsiveness, business clock', path: '/responsiveness', search: 'clock=business', load: (c, s) => loadResponsiveness(c, s, 'business') },
	{ name: 'workload', path: '/workload', search: '', load: loadWorkload },
	{ name: 'workload, all data', path: '/workload', search: 'from={first}&to={last}', load: loadWorkload },
	{ name: 'coverage', path: '/coverage', search: '', load: loadCoverage },
	{ name: 'cost', path: '/cost', search: '', load: loadCost }
];

/** The URL path of each page, for the load test. */
export const PAGE_PATHS = [...new Set(BENCH_PAGES.map((page) => page.path))];

export interface DatasetDays {
	first: string;
	last: string;
}

/** The query string of a page with the dataset's days filled in. */
export function pageSearch(page: BenchPage, days: DatasetDays): string {
	return page.search.replace('{first}', days.first).replace('{last}', days.last);
}

/** One page's data load, as its route runs it. */
export async function loadPage(connection: DuckDBConnection, page: BenchPage, days: DatasetDays): Promise<void> {
	const data = await dashboardPageData(
		connection,
		new URL(`http://bench.local${page.path}?${pageSearch(page, days)}`),
		(c, scope) => page.load(c, scope) as Promise<object>
	);
	if (data.state === 'empty') throw new Error(`No dataset is loaded, so the page "${page.name}" has nothing to show.`);
	if (data.state === 'error') throw new Error(`The page "${page.name}" failed: ${data.message}`);
}
