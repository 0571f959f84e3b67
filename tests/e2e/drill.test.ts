import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, launchBrowser, signIn, startServer, TEST_OUTPUT, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/temp';
import { openDatabase } from '../../src/lib/server/open';
import { addUser } from '../../src/lib/server/auth/users';
import { generateDemo } from '../../src/lib/server/generate/index';
import { ingestFile } from '../../src/lib/server/ingest/index';

let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
	const dataDir = tempDir('drill-browser-');
	const db = await openDatabase(join(dataDir, 'channel-mix.duckdb'));
	await addUser(db.connection, 'admin', 'admin', ADMIN_PASSWORD);
	const demo = join(dataDir, 'demo.csv');
	// 30 days up to 28 Feb 2026: the week 15-21 Feb has the week before it as its previous period
	await generateDemo(demo, { conversations: 4000, seed: 5, days: 30, end: '2026-03-01' });
	await ingestFile(db, demo, { dataset: 'demo', sourceName: 'demo.csv' });
	db.close();
	server = await startServer({}, dataDir);
	browser = await launchBrowser();
	mkdirSync(TEST_OUTPUT, { recursive: true });
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.on('pageerror', (e) => errors.push(e.message));
	await signIn(page, server.url);
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const RANGE = 'dataset=demo&from=2026-02-15&to=2026-02-21';
const total = async () => Number((await page.getByTestId('drill-total').innerText()).replace(/[^\d]/g, ''));

/** The pixel (page coordinates) of a chart element, and its value, read from the live ECharts instance on the canvas node. */
async function elementOf(title: string, find: 'bar' | 'cell', seriesIndex: number, dataIndex: number): Promise<{ x: number; y: number; value: number }> {
	const canvas = page.locator('figure.chart', { hasText: title }).locator('.canvas');
	// mouse coordinates are the viewport's: bring the chart into it first
	await canvas.scrollIntoViewIfNeeded();
	const box = (await canvas.boundingBox())!;
	const point = await canvas.evaluate(
		(node, { find, seriesIndex, dataIndex }) => {
			interface Instance {
				getOption(): { series: { data: unknown[] }[] };
				convertToPixel(finder: { seriesIndex: number }, value: number[]): number[];
				getModel(): { getSeriesByIndex(i: number): { getData(): { getItemLayout(i: number): { x: number; y: number; width: number; height: number } } } };
			}
			const chart = (node as unknown as { chart: Instance }).chart;
			const datum = chart.getOption().series[seriesIndex].data[dataIndex];
			if (find === 'bar') {
				const rect = chart.getModel().getSeriesByIndex(seriesIndex).getData().getItemLayout(dataIndex);
				return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, value: datum as number };
			}
			const [hour, weekday, value] = datum as number[];
			const [x, y] = chart.convertToPixel({ seriesIndex }, [hour, weekday]);
			return { x, y, value };
		},
		{ find, seriesIndex, dataIndex }
	);
	return { x: box.x + point.x, y: box.y + point.y, value: point.value };
}

describe('drill-down from the charts', () => {
	it("opens a day's bar as the table of its conversations, as many as the bar counts", async () => {
		await page.goto(`${server.url}/?${RANGE}`);
		await page.waitForSelector('figure.chart:has-text("Conversations per day") [data-chart-ready="true"]');
		await page.locator('figure.chart', { hasText: 'Conversations per day' }).getByRole('button', { name: 'Previous period' }).click();
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(TEST_OUTPUT, 'drill-overview-bars.png'), fullPage: true });
		// series 0 is sync; the 4th bar is Wed 18 Feb
		const bar = await elementOf('Conversations per day', 'bar', 0, 3);
		expect(bar.value).toBeGreaterThan(0);
		await Promise.all([page.waitForURL(/\/conversations\?/), page.mouse.click(bar.x, bar.y)]);
		const url = new URL(page.url());
		expect(url.searchParams.get('mode')).toBe('sync');
		expect(url.searchParams.get('at')).toBe('2026-02-18T00:00:00.000Z');
		expect(url.searchParams.get('from')).toBe('2026-02-15');
		expect(url.searchParams.get('to')).toBe('2026-02-21');
		expect(await total()).toBe(bar.value);
		expect(await page.locator('table tbody tr').count()).toBe(Math.min(bar.value, 50));
		await expect(page.getByTestId('drill-slice').innerText()).resolves.toBe('sync · Wed 18 Feb 2026 (UTC day)');
		await page.screenshot({ path: join(TEST_OUTPUT, 'drill-conversations-1440.png'), fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.reload();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: join(TEST_OUTPUT, 'drill-conversations-390.png'), fullPage: true });
		await page.setViewportSize({ width: 1440, height: 900 });
	});

	it('opens a heatmap cell as the conversations that arrived in that weekday hour', async () => {
		await page.goto(`${server.url}/coverage?${RANGE}`);
		await page.waitForSelector('figure.chart:has-text("Arrivals by weekday and hour") [data-chart-ready="true"]');
		// Wednesday (2) at 10:00 is cell 2 * 24 + 10 in the builder's row-major order
		const cell = await elementOf('Arrivals by weekday and hour', 'cell', 0, 2 * 24 + 10);
		expect(cell.value).toBeGreaterThan(0);
		await Promise.all([page.waitForURL(/\/conversations\?/), page.mouse.click(cell.x, cell.y)]);
		expect(new URL(page.url()).searchParams.get('weekday')).toBe('2');
		expect(new URL(page.url()).searchParams.get('hour')).toBe('10');
		expect(await total()).toBe(cell.value);
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${server.url}/coverage?${RANGE}`);
		await page.waitForSelector('[data-chart-ready="true"]');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: join(TEST_OUTPUT, 'drill-coverage-390.png'), fullPage: true });
		await page.setViewportSize({ width: 1440, height: 900 });
	});

	it('opens a tile as its population, and the export link carries the same selection', async () => {
		await page.goto(`${server.url}/?${RANGE}`);
		const link = page.locator('article[aria-label="SLA attainment"] .side[data-key="async"] a.value');
		await Promise.all([page.waitForURL(/\/conversations\?/), link.click()]);
		await expect(page.getByTestId('drill-slice').innerText()).resolves.toBe('async · SLA missed');
		const href = await page.getByRole('link', { name: /Download CSV/ }).getAttribute('href');
		expect(href).toBe(`/conversations/export.csv?${RANGE}&mode=async&population=sla_missed`);
	});

	it('overlays the previous period on the Workload charts, dashed', async () => {
		await page.goto(`${server.url}/workload?${RANGE}`);
		const figure = page.locator('figure.chart', { hasText: 'Agent concurrency over time' });
		await figure.locator('[data-chart-ready="true"]').waitFor();
		await figure.getByRole('button', { name: 'Previous period' }).click();
		await page.locator('figure.chart', { hasText: 'Open backlog by age' }).getByRole('button', { name: 'Previous period' }).click();
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(TEST_OUTPUT, 'drill-workload-previous.png'), fullPage: true });
		await figure.getByRole('button', { name: 'Table' }).click();
		const headers = await figure.locator('thead th').allInnerTexts();
		expect(headers.map((h) => h.trim())).toEqual([
			'Interval start (UTC)',
			'sync mean',
			'sync max',
			'async mean',
			'async max',
			'sync mean (previous period)',
			'async mean (previous period)'
		]);
		expect(errors).toEqual([]);
	});
});
