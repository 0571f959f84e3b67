import { describe, expect, it } from 'vitest';
import { describeRange, parseDecimal, rangeProblem, RANGES, datasetNameProblem, dayProblem } from '../../../src/lib/bounds';
import { settingProblem } from '../../../src/lib/settings/validate';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings/defaults';
import { openDatabase } from '../../../src/lib/server/open';
import { readSettings } from '../../../src/lib/server/settings/store';
import { computeMetrics, computeSeries } from '../../../src/lib/server/metrics/index';
import { ingestText } from '../../helpers/ingest';
import { tempDir } from '../../helpers/temp';
import { join } from 'node:path';

const planning = (change: Record<string, unknown>) => ({ ...DEFAULT_SETTINGS.planning, ...change });

describe('the ranges of $lib/bounds', () => {
	it('reads only plain decimals: "" and "0x10" are not numbers, "1e3" and "-0.5" are', () => {
		expect([parseDecimal(''), parseDecimal('0x10'), parseDecimal('Infinity'), parseDecimal('1 2')].every(Number.isNaN)).toBe(true);
		expect([parseDecimal('1e3'), parseDecimal('-0.5'), parseDecimal(' 12 '), parseDecimal('.5')]).toEqual([1000, -0.5, 12, 0.5]);
	});

	it('says each range in words', () => {
		expect(describeRange(RANGES.growth)).toBe('from -0.9 to 5');
		expect(describeRange(RANGES.serviceLevel)).toBe('above 0 and below 1');
		expect(describeRange(RANGES.weeksHistory)).toBe('a whole number from 1 to 52');
		expect(rangeProblem('growth', Number.NaN, 'growth')).toBe('growth must be from -0.9 to 5; got NaN.');
	});

	it('refuses the planning values that killed or stalled the server, and the one saved as null', () => {
		expect(settingProblem('planning', planning({ growth: 1e308 }))).toBe('planning.growth (a share, 0.05 for +5%) must be from -0.9 to 5; got 1e+308.');
		expect(settingProblem('planning', planning({ growth: 100000 }))).toBe('planning.growth (a share, 0.05 for +5%) must be from -0.9 to 5; got 100000.');
		// "abc" parsed as NaN was stored as null: NaN is not in any range
		expect(settingProblem('planning', planning({ growth: Number.NaN }))).toBe('planning.growth (a share, 0.05 for +5%) must be from -0.9 to 5; got NaN.');
		expect(settingProblem('planning', planning({ max_concurrency: Infinity }))).toBe('planning.max_concurrency must be above 0 and at most 20; got Infinity.');
		expect(settingProblem('planning', planning({ growth: 0.05 }))).toBeNull();
		// staffing below the point forecast (or at a tail the normal band cannot speak for) is refused
		expect(settingProblem('planning', planning({ forecast_quantile: 0.3 }))).toBe('planning.forecast_quantile must be from 0.5 to 0.95; got 0.3.');
		expect(settingProblem('planning', planning({ forecast_quantile: 0.8 }))).toBeNull();
	});

	it('bounds the other stored numbers and lists', () => {
		expect(settingProblem('focus_cap_s', 1e12)).toBe('focus_cap_s must be from 1 to 86400; got 1000000000000.');
		expect(settingProblem('max_upload_bytes', 1e15)).toBe('max_upload_bytes must be a whole number from 1048576 to 68719476736; got 1000000000000000.');
		expect(settingProblem('holidays', ['0001-01-01'])).toBe('The holiday 0001-01-01 is outside the years 1900 to 2199 this app reads.');
		expect(
			settingProblem(
				'holidays',
				Array.from({ length: 400 }, () => '2026-12-25')
			)
		).toBe('Give at most 366 holidays.');
	});

	it('limits dataset names in length and characters', () => {
		expect(datasetNameProblem('x'.repeat(100000))).toBe('The dataset name is 100000 characters long; use at most 64.');
		expect(datasetNameProblem('a\u0000b')).toBe(
			'The dataset name "a?b" has characters a name may not have; use letters, digits, spaces and . _ ( ) -, starting with a letter or digit.'
		);
		expect(datasetNameProblem('Q3 tickets (Zendesk)')).toBeNull();
	});

	it('reads days within the years it can store', () => {
		expect(dayProblem('275760-09-13', 'from date')).toBe('The from date "275760-09-13" is not a date; use YYYY-MM-DD.');
		expect(dayProblem('2026-02-30', 'from date')).toBe('The from date "2026-02-30" is not a date; use YYYY-MM-DD.');
		expect(dayProblem('0001-01-01', 'from date')).toBe('The from date 0001-01-01 is outside the years 1900 to 2199 this app reads.');
	});
});

describe('stored values and requests stay within the data', () => {
	it("reads a stored planning value outside today's bounds as the default, so /plan cannot crash on it after a restart", async () => {
		const db = await openDatabase(join(tempDir(), 'bounds.duckdb'));
		// what an older version let the Plan page save
		await db.connection.run(`INSERT INTO settings VALUES ('planning', '${JSON.stringify(planning({ growth: 1e308 }))}', now()::TIMESTAMP, NULL)`);
		expect((await readSettings(db.connection)).planning.growth).toBe(0);
		db.close();
	});

	it('cuts a range of centuries to the days of the data and refuses one outside them', async () => {
		const db = await openDatabase(join(tempDir(), 'range.duckdb'));
		// two conversations on 2026-08-03 and one on 2026-08-05: the data's days are [2026-08-03, 2026-08-06)
		const csv = [
			'conversation_id,created_at,first_response_at,closed_at,channel,agent_id',
			'c1,2026-08-03T10:00:00Z,2026-08-03T10:01:00Z,2026-08-03T10:10:00Z,chat,a1',
			'c2,2026-08-03T11:00:00Z,2026-08-03T11:02:00Z,2026-08-03T11:20:00Z,chat,a1',
			'c3,2026-08-05T09:00:00Z,2026-08-05T09:00:30Z,2026-08-05T09:05:00Z,chat,a2'
		].join('\n');
		await ingestText(db, 'range.csv', csv, { dataset: 'range' });
		const wide = await computeMetrics(db.connection, { dataset: 'range', from: '1900-01-02', to: '2100-01-01' });
		expect([wide.from, wide.to]).toEqual(['2026-08-03T00:00:00.000Z', '2026-08-06T00:00:00.000Z']);
		expect(wide.groups[0].conversations).toBe(3);
		// 3 days of 15-minute buckets: 288 points, not 200 years' worth
		const series = await computeSeries(db.connection, 'arrivals', { dataset: 'range', from: '1900-01-02', to: '2100-01-01', interval: '15m' });
		expect(series.series[0].points.length).toBe(288);
		await expect(computeMetrics(db.connection, { dataset: 'range', from: '0001-01-01', to: '9999-12-31' })).rejects.toThrow(
			'--from 0001-01-01 is outside the years 1900 to 2199 this app reads.'
		);
		await expect(computeMetrics(db.connection, { dataset: 'range', from: '275760-09-13' })).rejects.toThrow(
			'--from 275760-09-13 is outside the years 1900 to 2199 this app reads.'
		);
		await expect(computeMetrics(db.connection, { dataset: 'range', from: '2030-01-01', to: '2030-02-01' })).rejects.toThrow(
			'Dataset "range" has conversations from 2026-08-03 to 2026-08-05; the range asked for lies outside those days.'
		);
		db.close();
	});
});

describe('dataset names', () => {
	it('refuses a name of 100,000 characters or with a NUL at import, and loads nothing', async () => {
		const db = await openDatabase(join(tempDir(), 'names.duckdb'));
		const csv = 'conversation_id,created_at,channel\nc1,2026-08-03T10:00:00Z,chat\n';
		await expect(ingestText(db, 'a.csv', csv, { dataset: 'x'.repeat(100000) })).rejects.toThrow('The dataset name is 100000 characters long; use at most 64.');
		await expect(ingestText(db, 'a.csv', csv, { dataset: 'a\u0000b' })).rejects.toThrow('The dataset name "a?b" has characters a name may not have');
		// a long file name gives a name cut to the bound, not a refusal
		const loaded = await ingestText(db, `${'quarterly-export-'.repeat(8)}.csv`, csv);
		// 8 x 17 characters cut at 64, then the trailing "-" dropped
		expect(loaded.dataset).toBe('quarterly-export-quarterly-export-quarterly-export-quarterly-exp');
		db.close();
	});
});

describe('the audit log pager', () => {
	it('shows the last page for a page number past it, however large', async () => {
		const { recordAudit, listAudit } = await import('../../../src/lib/server/audit/index');
		const db = await openDatabase(join(tempDir(), 'audit.duckdb'));
		for (let i = 0; i < 3; i++) await recordAudit(db.connection, { actor: 'ann', action: 'export', target: `t${i}` });
		// 3 entries, 2 a page: the last page is 2 and holds the oldest entry
		for (const asked of [1e308, 1e20, Infinity, 3]) {
			const result = await listAudit(db.connection, { page: asked, pageSize: 2 });
			expect([result.page, result.entries.map((e) => e.target)]).toEqual([2, ['t0']]);
		}
		db.close();
	});
});
