import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryRows } from '../db/sql';
import { groupKeySql } from '../metrics/filters';
import { SEGMENTS_CTES } from '../metrics/levels';

/** The groupings whose unfiltered concurrency is stored at derive (metrics.md `concurrency_mean`, `concurrency_max`). */
const DIMENSIONS = ['mode', 'channel', 'queue'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * The dense number of each agent of `rows` (`agent_no`, written with the conversations and used by every sweep):
 * temp table `derive_agents(agent_id, agent_no)`. One distinct scan, so it runs before the conversations are written.
 */
export async function deriveAgents(connection: DuckDBConnection, rows: string): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_agents AS
		SELECT agent_id, row_number() OVER (ORDER BY agent_id)::INTEGER AS agent_no
		FROM (SELECT DISTINCT agent_id FROM ${rows} WHERE agent_id IS NOT NULL)`
	);
}

/**
 * The per-agent +1/-1 sweep over the assigned windows [first_response_at, closed_at) of a dataset's
 * rows (`rows`: a relation with `rid`, `agent_id`, the timestamps and the group columns).
 * One running sum ordered by (agent_no, ts, delta, rid): closes sort before opens at the same
 * instant, so a hand-off is never two at once; each agent's deltas sum to zero, so no partition is needed.
 * Needs `deriveAgents`' table. Leaves temp tables `derive_attributed(rid, attributed_agent_s)`, `derive_sweep`
 * and `derive_groups` (the unfiltered concurrency per grouping), which `storeConcurrency` writes as the dataset's.
 * The agents are swept in runs of about `windowsPerRun` windows (whole agents), each sorted on its own.
 */
export async function deriveConcurrency(connection: DuckDBConnection, rows: string, windowsPerRun = WINDOWS_PER_RUN): Promise<void> {
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_windows AS
		SELECT c.rid, a.agent_no, c.first_response_at AS s, c.closed_at AS e, c.mode, c.channel, c.queue
		FROM ${rows} c JOIN derive_agents a ON a.agent_id = c.agent_id
		WHERE c.first_response_at IS NOT NULL AND c.closed_at > c.first_response_at`
	);
	const runs = await agentRuns(connection, windowsPerRun);
	await execute(connection, `CREATE OR REPLACE TEMP TABLE derive_sweep AS ${sweepSql('false')}`);
	await execute(connection, `CREATE OR REPLACE TEMP TABLE derive_attributed AS ${attributedSql('false')}`);
	for (const run of runs) {
		await execute(connection, `INSERT INTO derive_sweep ${sweepSql(IN_RUN)}`, { ...run });
		await execute(connection, `INSERT INTO derive_attributed ${attributedSql(IN_RUN)}`, { ...run });
	}
	await execute(connection, 'CREATE OR REPLACE TEMP TABLE derive_group_parts (dimension VARCHAR, key VARCHAR, weighted HUGEINT, busy HUGEINT, top HUGEINT)');
	for (const dimension of DIMENSIONS) {
		for (const run of runs) await deriveGroupConcurrency(connection, dimension, run);
	}
	await execute(
		connection,
		`CREATE OR REPLACE TEMP TABLE derive_groups AS
		SELECT dimension, key, (sum(weighted) / nullif(sum(busy), 0))::DOUBLE AS concurrency_mean, max(top)::INTEGER AS concurrency_max
		FROM derive_group_parts GROUP BY dimension, key`
	);
	await execute(connection, 'DROP TABLE derive_group_parts');
	await execute(connection, 'DROP TABLE derive_windows');
}

/**
 * Assigned windows per sort. The sweep and its integral sort every window twice over; at 10 M rows (7 M windows) one sort
 * spilled past the import's memory limit (both 22-26 s), runs of whole agents of about this size sort in memory (10-16 s).
 * A file of up to about this many windows is one run, sorted as before.
 */
const WINDOWS_PER_RUN = 2_500_000;

/** A run of consecutive agents, `agent_no` from `lo` to `hi`, whose windows are swept together. */
interface AgentRun {
	lo: number;
	hi: number;
}

/** The rows of a run's agents, with named parameters `$lo` and `$hi`. */
const IN_RUN = 'agent_no BETWEEN $lo AND $hi';

/** Cuts the agents into runs of about `windowsPerRun` windows; an agent is never split (its deltas must sum to zero in one run). */
async function agentRuns(connection: DuckDBConnection, windowsPerRun: number): Promise<AgentRun[]> {
	return queryRows<{ lo: number; hi: number }>(
		connection,
		`SELECT min(agent_no) AS lo, max(agent_no) AS hi FROM (
			SELECT agent_no, (sum(n) OVER (ORDER BY agent_no) - n) // ? AS run
			FROM (SELECT agent_no, count(*) AS n FROM derive_windows GROUP BY agent_no)
		) GROUP BY run ORDER BY run`,
		[windowsPerRun]
	);
}

/** The level k after each event of the windows meeting `condition`, until when and how long it is held (none after an agent's last event). */
function sweepSql(condition: string): string {
	return `WITH events AS (
			SELECT rid, agent_no, s AS ts, 1 AS delta FROM derive_windows WHERE ${condition}
			UNION ALL SELECT rid, agent_no, e AS ts, -1 AS delta FROM derive_windows WHERE ${condition}
		),
		levels AS (
			SELECT rid, agent_no, ts, delta,
				sum(delta) OVER sweep AS k,
				lead(ts) OVER sweep AS next_ts,
				lead(agent_no) OVER sweep AS next_agent
			FROM events
			WINDOW sweep AS (ORDER BY agent_no, ts, delta, rid ROWS UNBOUNDED PRECEDING)
		)
		SELECT * EXCLUDE (next_agent) REPLACE (CASE WHEN next_agent = agent_no THEN next_ts END AS next_ts),
			CASE WHEN k > 0 AND next_agent = agent_no THEN date_diff('microsecond', ts, next_ts) ELSE 0 END AS held_us
		FROM levels`;
}

/** F(event) = integral of 1/k over the agent's earlier segments; attributed = F(close) - F(open). Over the sweep rows meeting `condition`. */
function attributedSql(condition: string): string {
	return `SELECT rid, sum(CASE WHEN delta = -1 THEN f ELSE -f END) AS attributed_agent_s
		FROM (
			SELECT rid, delta,
				coalesce(sum(CASE WHEN k > 0 THEN held_us / 1e6 / k ELSE 0 END)
					OVER (ORDER BY agent_no, ts, delta, rid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS f
			FROM derive_sweep WHERE ${condition}
		)
		GROUP BY rid`;
}

/** Writes the sweep's level segments and the unfiltered group concurrency (from `deriveConcurrency`) as the dataset's. */
export async function storeConcurrency(connection: DuckDBConnection, datasetId: number): Promise<void> {
	await execute(
		connection,
		`INSERT INTO concurrency_segments
		SELECT ?, a.agent_id, s.ts, s.next_ts, s.k
		FROM derive_sweep s JOIN derive_agents a USING (agent_no)
		WHERE s.held_us > 0`,
		[datasetId]
	);
	await execute(connection, 'INSERT INTO group_concurrency SELECT ?, dimension, key, concurrency_mean, concurrency_max FROM derive_groups', [datasetId]);
}

/**
 * k_g per group and agent: mean = ∫k_g dt / ∫[k_g > 0] dt (summed over agents), max = the highest level held for
 * more than an instant. An agent whose windows all fall in one group has k_g = k, so the agents' sweep already
 * holds the answer; only agents working several groups get a sweep per group (running counts per group inside
 * the agents' sweep gave the same numbers at 5x the cost).
 */
async function deriveGroupConcurrency(connection: DuckDBConnection, dimension: Dimension, run: AgentRun): Promise<void> {
	const key = groupKeySql(dimension);
	await execute(
		connection,
		`INSERT INTO derive_group_parts
		WITH agent_groups AS (
			SELECT agent_no, min(${key}) AS key, count(DISTINCT ${key}) = 1 AS one_group FROM derive_windows WHERE ${IN_RUN} GROUP BY agent_no
		),
		one_group AS (
			SELECT g.key, sum(s.k * s.held_us) AS weighted, sum(s.held_us) AS busy, max(s.k) FILTER (WHERE s.held_us > 0) AS top
			FROM (SELECT * FROM derive_sweep WHERE ${IN_RUN}) s JOIN agent_groups g ON g.agent_no = s.agent_no AND g.one_group
			GROUP BY g.key
		),
		windows AS (
			SELECT ${key} AS key, w.agent_no, w.s, w.e FROM derive_windows w JOIN agent_groups g ON g.agent_no = w.agent_no AND NOT g.one_group
		),
		${SEGMENTS_CTES},
		several_groups AS (
			SELECT key, sum(k * date_diff('microsecond', ts, next_ts)) AS weighted, sum(date_diff('microsecond', ts, next_ts)) AS busy, max(k) AS top
			FROM segments GROUP BY key
		)
		SELECT $dimension, key, weighted, busy, top FROM one_group UNION ALL SELECT $dimension, key, weighted, busy, top FROM several_groups`,
		{ ...run, dimension }
	);
}
