import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, sql } from '../db/sql';
import { buildFilter, resolveDataset, withinDataset, type MetricsQuery } from './filters';

/** One slice of the coverage breakdown: how many, their share, and the wait to the first human reply. */
export interface CoverageSlice {
	conversations: number;
	share: number | null;
	wait_mean_s: number | null;
	wait_p90_s: number | null;
}

export interface CoverageReport {
	dataset: string;
	after_hours: {
		conversations: number;
		bot_resolved: CoverageSlice;
		answered_after_hours: CoverageSlice;
		waited_for_opening: CoverageSlice;
		unanswered: CoverageSlice;
	};
	in_hours: {
		conversations: number;
		bot_resolved: CoverageSlice;
		answered: CoverageSlice;
		unanswered: CoverageSlice;
	};
}

/** metrics.md "Coverage breakdown": what happens to conversations that arrive after hours, and in hours for comparison. */
export async function computeCoverage(connection: DuckDBConnection, asked: MetricsQuery = {}): Promise<CoverageReport> {
	const dataset = await resolveDataset(connection, asked.dataset);
	const query = withinDataset(asked, dataset);
	const filter = buildFilter(dataset.datasetId, query);
	const rows = await queryRows<{ after_hours: boolean; coverage: string; n: number; wait_mean_s: number | null; wait_p90_s: number | null }>(
		connection,
		sql`SELECT after_hours, coverage, count(*) AS n, avg(frt_s) AS wait_mean_s, quantile_cont(frt_s, 0.9) AS wait_p90_s
		FROM conversation_facts WHERE ${filter.where} GROUP BY ALL`
	);
	const total = (afterHours: boolean) => rows.filter((r) => r.after_hours === afterHours).reduce((sum, r) => sum + r.n, 0);
	const slice = (afterHours: boolean, coverage: string): CoverageSlice => {
		const row = rows.find((r) => r.after_hours === afterHours && r.coverage === coverage);
		const all = total(afterHours);
		return {
			conversations: row?.n ?? 0,
			share: all > 0 ? (row?.n ?? 0) / all : null,
			wait_mean_s: row?.wait_mean_s ?? null,
			wait_p90_s: row?.wait_p90_s ?? null
		};
	};
	return {
		dataset: dataset.name,
		after_hours: {
			conversations: total(true),
			bot_resolved: slice(true, 'bot_resolved'),
			answered_after_hours: slice(true, 'answered_after_hours'),
			waited_for_opening: slice(true, 'waited_for_opening'),
			unanswered: slice(true, 'unanswered')
		},
		in_hours: {
			conversations: total(false),
			bot_resolved: slice(false, 'bot_resolved'),
			answered: slice(false, 'answered_in_hours'),
			unanswered: slice(false, 'unanswered')
		}
	};
}
