import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, startServer, TEST_OUTPUT, type RunningServer } from '../helpers/server';
import { openDatabase } from '../../src/lib/server/open';
import { loadDemoIfEmpty } from '../../src/lib/server/firstRun';
import { ingestFile } from '../../src/lib/server/ingest/index';

let folder: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

// the demo (80,000 conversations) and, loaded after it, a 3-conversation "small" dataset: the newest is not the largest
beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'labels-'));
	const db = await openDatabase(join(folder, 'channel-mix.duckdb'));
	await loadDemoIfEmpty(db, () => {});
	const csv = join(folder, 'small.csv');
	writeFileSync(
		csv,
		'conversation_id,created_at,first_response_at,closed_at,channel\ns1,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:10:00Z,chat\ns2,2026-03-02T10:00:00Z,2026-03-02T10:01:00Z,2026-03-02T10:20:00Z,chat\ns3,2026-03-03T09:00:00Z,2026-03-03T10:00:00Z,2026-03-03T11:00:00Z,email\n'
	);
	await ingestFile(db, csv, { dataset: 'small', timezone: 'UTC' });
	db.close();
	server = await startServer({}, folder);
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
	await signIn(page, server.url);
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	rmSync(folder, { recursive: true, force: true });
});

/** width and height of a PNG, from its IHDR chunk */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

describe('labels a reader can trust', () => {
	it('opens on the largest dataset and says so; the SLA tile names the clock of each mode', async () => {
		await page.goto(server.url + '/');
		await expect(page.getByTestId('scope').innerText()).resolves.toMatch(/^Dataset demo \(the default\) · /);
		// demo settings: voice and chat on the calendar clock, every async channel on business hours
		const note = (mode: string) => page.locator(`article[aria-label="SLA attainment"] .side[data-key="${mode}"] .note`).innerText();
		await expect(note('sync')).resolves.toBe('calendar clock');
		await expect(note('async')).resolves.toBe('business-hours clock');
		await page.screenshot({ path: join(TEST_OUTPUT, 'labels-overview.png') });
	});

	it('keeps the dashboard filters on the way to the Plan and back', async () => {
		await page.goto(server.url + '/workload?dataset=demo&from=2026-09-01&to=2026-09-15&channel=chat');
		await Promise.all([page.waitForURL(/\/plan\?/), page.getByRole('link', { name: 'Plan' }).click()]);
		expect(new URL(page.url()).search).toBe('?dataset=demo&from=2026-09-01&to=2026-09-15&channel=chat');
		await Promise.all([page.waitForURL(/\/cost\?/), page.getByRole('link', { name: 'Cost' }).click()]);
		expect(new URL(page.url()).search).toBe('?dataset=demo&from=2026-09-01&to=2026-09-15&channel=chat');
	});

	it('downloads a chart PNG whose name and header carry the title, dataset and range', async () => {
		await page.goto(server.url + '/?dataset=demo&from=2026-09-08&to=2026-09-14&channel=chat');
		await page.waitForSelector('[data-chart-ready="true"]');
		const canvas = page.locator('figure.chart', { hasText: 'Conversations per day' }).locator('.canvas');
		const box = (await canvas.boundingBox())!;
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Conversations per day as PNG' }).click()]);
		expect(download.suggestedFilename()).toBe('conversations-per-day_dataset-demo-8-sep-14-sep-2026-chat.png');
		const file = join(folder, 'chart.png');
		await download.saveAs(file);
		const size = pngSize(readFileSync(file));
		// pixel ratio 2: the chart itself plus a 48 px header with the title and the scope line
		expect(size.width).toBe(Math.round(box.width) * 2);
		expect(size.height).toBe(Math.round(box.height) * 2 + 96);
	});

	it('overlays the previous period, dashed, with the numbers that period has on its own', async () => {
		const figure = page.locator('figure.chart', { hasText: 'Conversations per day' });
		/** the table of the arrivals chart: each column's cells by header label */
		const columns = async () => {
			await figure.getByRole('button', { name: 'Table' }).click();
			const headers = await figure.locator('thead th').allInnerTexts();
			const rows = await figure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
			return Object.fromEntries(headers.map((h, i) => [h.trim(), rows.map((r) => r[i])]));
		};
		await page.goto(server.url + '/?dataset=demo&from=2026-09-15&to=2026-09-21');
		await page.waitForSelector('[data-chart-ready="true"]');
		const toggle = figure.getByRole('button', { name: 'Previous period' });
		await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
		await toggle.click();
		await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
		await page.screenshot({ path: join(TEST_OUTPUT, 'labels-previous-period.png') });
		const overlaid = await columns();
		expect(Object.keys(overlaid)).toEqual(['Day (UTC)', 'sync', 'async', 'sync (previous period)', 'async (previous period)']);
		await page.goto(server.url + '/?dataset=demo&from=2026-09-08&to=2026-09-14');
		await page.waitForSelector('[data-chart-ready="true"]');
		const alone = await columns();
		// 15-21 Sep's rows carry 8-14 Sep's numbers as the previous period, day by day
		expect(alone['sync']).toHaveLength(7);
		expect(overlaid['sync (previous period)']).toEqual(alone['sync']);
		expect(overlaid['async (previous period)']).toEqual(alone['async']);
		expect(Number(alone['sync'][0].replace(/,/g, ''))).toBeGreaterThan(0);
	});

	it('lets an admin make another dataset the default for everyone', async () => {
		await page.goto(server.url + '/data');
		await expect(page.getByTestId('default-dataset').innerText()).resolves.toBe(
			'Dashboards open on “demo” unless another is chosen: no dataset is marked as the default, so the largest is used.'
		);
		await page.getByRole('button', { name: 'Make small the default' }).click();
		await expect(page.getByRole('status').innerText()).resolves.toBe('Dashboards now open on “small” for everyone.');
		await expect(page.getByTestId('default-dataset').innerText()).resolves.toBe(
			'Dashboards open on “small” unless another is chosen: it is marked as the default.'
		);
		await expect(page.locator('tr[data-dataset=small] .badge').innerText()).resolves.toBe('default');
		await page.screenshot({ path: join(TEST_OUTPUT, 'labels-data-default.png'), fullPage: true });
		await page.goto(server.url + '/responsiveness');
		await expect(page.getByTestId('scope').innerText()).resolves.toMatch(/^Dataset small \(the default\) · 2 Mar – 3 Mar 2026 · /);
		await page.goto(server.url + '/coverage?dataset=demo');
		await expect(page.getByTestId('scope').innerText()).resolves.toMatch(/^Dataset demo · /);
	});
});
