import { describe, expect, it } from 'vitest';
import { joinSql, raw, sql, valuesSql } from '../../../src/lib/server/db/sql';

describe('the sql template', () => {
	it('binds every interpolated value as a parameter, never as text', () => {
		const hostile = "x'); DROP TABLE conversations; --";
		const q = sql`SELECT * FROM conversation_facts WHERE queue = ${hostile} AND created_at >= ${new Date('2026-03-01T00:00:00Z')}::TIMESTAMP`;
		expect(q.text).toBe('SELECT * FROM conversation_facts WHERE queue = ? AND created_at >= ?::TIMESTAMP');
		expect(q.params).toEqual([hostile, new Date('2026-03-01T00:00:00Z')]);
	});

	it('splices nested fragments with their parameters in place, so order follows the text', () => {
		// the inner filter's two parameters sit between the outer ones: 1, then 'chat', 'q1', then 7
		const filter = sql`channel = ${'chat'} AND queue = ${'q1'}`;
		const q = sql`SELECT ${raw('mode')} AS key, count_if(x > ${1}) FROM t WHERE ${filter} LIMIT ${7}`;
		expect(q.text).toBe('SELECT mode AS key, count_if(x > ?) FROM t WHERE channel = ? AND queue = ? LIMIT ?');
		expect(q.params).toEqual([1, 'chat', 'q1', 7]);
	});

	it('joins lists of fragments and of values', () => {
		const clauses = joinSql([sql`dataset_id = ${3}`, sql`channel IN (${valuesSql(['chat', 'voice'])})`, raw('agent_no IS NOT NULL')], ' AND ');
		expect(clauses.text).toBe('dataset_id = ? AND channel IN (?, ?) AND agent_no IS NOT NULL');
		expect(clauses.params).toEqual([3, 'chat', 'voice']);
		expect(joinSql([], ' AND ').text).toBe('');
		// a null is a parameter too (bound as NULL), not the text "null"
		expect(sql`coalesce(${null}, 1)`).toMatchObject({ text: 'coalesce(?, 1)', params: [null] });
	});
});
