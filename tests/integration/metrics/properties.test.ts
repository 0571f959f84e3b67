import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../../helpers/temp';
import { seedDataset, type SeedConversation } from './seed';
import { computeMetrics } from '../../../src/lib/server/metrics/index';
import { queryRows } from '../../../src/lib/server/db/sql';

const BASE = Date.parse('2026-03-02T00:00:00Z');
const at = (minute: number) => new Date(BASE + minute * 60_000).toISOString().replace('Z', '');

/** Every number to 9 significant digits: sums of the same values in another order differ in the last bits. */
const roundedGroups = (groups: object[]) =>
	JSON.parse(JSON.stringify(groups, (_, v) => (typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(9)) : v)));

/** A conversation as minutes from BASE: created, then an optional reply and end after it. */
const conversationArb = fc.record({
	created: fc.integer({ min: 0, max: 2000 }),
	wait: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
	duration: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
	status: fc.constantFrom('resolved', 'open', 'abandoned'),
	agent: fc.constantFrom('a1', 'a2', 'a3', null),
	channel: fc.constantFrom('chat', 'email', 'voice')
});
type Generated = typeof conversationArb extends fc.Arbitrary<infer T> ? T : never;

function toSeed(g: Generated, i: number): SeedConversation {
	const first = g.wait === null ? null : g.created + g.wait;
	const closed = g.duration === null ? null : (first ?? g.created) + g.duration;
	return {
		id: `c${i}`,
		created: at(g.created),
		first: first === null ? null : at(first),
		closed: closed === null ? null : at(closed),
		status: g.status as SeedConversation['status'],
		agent: g.agent,
		channel: g.channel,
		customer: i % 3 === 0 ? 'same' : null
	};
}

/** Length of the union of [s, e) intervals, by brute force. */
function unionLength(intervals: [number, number][]): number {
	const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
	let total = 0;
	let end = -Infinity;
	for (const [s, e] of sorted) {
		if (e <= end) continue;
		total += e - Math.max(s, end);
		end = e;
	}
	return total;
}

describe('metric properties', () => {
	it('attributed agent seconds sum to each agent’s busy time', async () => {
		const db = await tempDatabase();
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(conversationArb, { minLength: 1, maxLength: 40 }), async (generated) => {
				const name = `p${n++}`;
				const seeds = generated.map(toSeed);
				await seedDataset(db, name, seeds);
				const sums = await queryRows<{ agent_id: string; total: number }>(
					db.connection,
					`SELECT agent_id, sum(attributed_agent_s) AS total FROM conversation_facts JOIN datasets USING (dataset_id)
					WHERE name = ? AND attributed_agent_s IS NOT NULL GROUP BY agent_id`,
					[name]
				);
				for (const { agent_id, total } of sums) {
					const windows = seeds
						.filter((s) => s.agent === agent_id && s.first && s.closed)
						.map((s) => [Date.parse(s.first! + 'Z') / 1000, Date.parse(s.closed! + 'Z') / 1000] as [number, number]);
					expect(total).toBeCloseTo(unionLength(windows), 6);
				}
			}),
			{ numRuns: 25 }
		);
	});

	it('backlog equals a brute-force count at each whole hour', async () => {
		const db = await tempDatabase();
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(conversationArb, { minLength: 1, maxLength: 40 }), async (generated) => {
				const name = `b${n++}`;
				const seeds = generated.map(toSeed);
				await seedDataset(db, name, seeds);
				const result = await computeMetrics(db.connection, { dataset: name, by: 'channel' });
				for (const group of result.groups) {
					const mine = seeds.filter((s) => s.channel === group.key);
					const created = mine.map((s) => Date.parse(s.created + 'Z'));
					const end = mine.map((s) =>
						s.closed
							? Date.parse(s.closed + 'Z')
							: s.status === 'open'
								? Infinity
								: Math.max(Date.parse(s.created + 'Z'), s.first ? Date.parse(s.first + 'Z') : 0)
					);
					const lo = Math.floor(Math.min(...created) / 3_600_000) * 3_600_000;
					const hi = Math.floor(Math.max(...created) / 3_600_000) * 3_600_000 + 3_600_000;
					const samples: number[] = [];
					for (let t = lo; t < hi; t += 3_600_000) samples.push(created.filter((c, i) => c <= t && t < end[i]).length);
					expect(group.backlog_peak).toBe(Math.max(...samples));
					expect(group.backlog_mean).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 9);
				}
			}),
			{ numRuns: 25 }
		);
	});

	it('concurrency_mean is 1 when no windows overlap', async () => {
		const db = await tempDatabase();
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 30 }), async (gaps) => {
				const name = `k${n++}`;
				// back-to-back or separated windows of one agent: each starts at or after the previous end
				let cursor = 0;
				const seeds = gaps.map(([length, gap], i) => {
					const start = cursor + gap;
					cursor = start + length;
					return { id: `w${i}`, created: at(start), first: at(start), closed: at(start + length), agent: 'solo', channel: 'chat' };
				});
				await seedDataset(db, name, seeds);
				const [group] = (await computeMetrics(db.connection, { dataset: name })).groups;
				expect(group.concurrency_mean).toBe(1);
				expect(group.concurrency_max).toBe(1);
			}),
			{ numRuns: 25 }
		);
	});

	it('does not depend on row order', async () => {
		const db = await tempDatabase();
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(conversationArb, { minLength: 1, maxLength: 30 }), fc.integer(), async (generated, seed) => {
				const seeds = generated.map(toSeed);
				const shuffled = [...seeds]
					.sort(
						(a, b) => ((a.id.length * 31 + a.id.charCodeAt(a.id.length - 1) * seed) % 97) - ((b.id.length * 31 + b.id.charCodeAt(b.id.length - 1) * seed) % 97)
					)
					.reverse();
				const [one, two] = [`o${n}`, `r${n++}`];
				await seedDataset(db, one, seeds);
				await seedDataset(db, two, shuffled);
				const a = await computeMetrics(db.connection, { dataset: one, by: 'channel' });
				const b = await computeMetrics(db.connection, { dataset: two, by: 'channel' });
				// equal up to float summation order (DuckDB adds in parallel, in whatever order the rows come)
				expect(roundedGroups(b.groups)).toEqual(roundedGroups(a.groups));
				// a filter that keeps every row takes the live sweep instead of the stored per-group concurrency: same numbers
				const live = await computeMetrics(db.connection, { dataset: one, by: 'channel', from: '2000-01-01' });
				expect(live.groups.map((g) => [g.key, g.concurrency_mean, g.concurrency_max])).toEqual(
					a.groups.map((g) => [g.key, g.concurrency_mean, g.concurrency_max])
				);
			}),
			{ numRuns: 20 }
		);
	});
});
