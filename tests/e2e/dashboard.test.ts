import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, startServer, TEST_OUTPUT, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
/** gzipped bytes of every JS file each page path loaded */
const jsBytes = new Map<string, number>();

const PAGES = ['/', '/responsiveness', '/workload', '/coverage', '/cost'];

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	page.on('pageerror', (e) => errors.push(String(e)));
	await signIn(page, server.url);
	mkdirSync(TEST_OUTPUT, { recursive: true });
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Opens a page in a fresh tab, counting the gzipped size of the JavaScript it loads. */
async function visit(path: string): Promise<void> {
	const files = new Map<string, number>();
	const listener = async (response: import('playwright-core').Response) => {
		if (!response.url().endsWith('.js')) return;
		const body = await response.body().catch(() => null);
		if (body) files.set(response.url(), gzipSync(body).length);
	};
	page.on('response', listener);
	await page.goto(server.url + path);
	await page.waitForSelector('[data-chart-ready="true"]', { timeout: 30_000 });
	await page.waitForLoadState('networkidle');
	page.off('response', listener);
	jsBytes.set(
		path,
		[...files.values()].reduce((a, b) => a + b, 0)
	);
}

const tileValue = (label: string, mode: string) => page.locator(`article[aria-label="${label}"] .side[data-key="${mode}"] .value`).innerText();

describe('dashboard pages', () => {
	it('renders every analytics page on the demo data with a ready chart and no console errors', async () => {
		for (const path of PAGES) {
			await visit(path);
			await expect(page.locator('h1').innerText()).resolves.toBe(path === '/' ? 'Overview' : path.slice(1, 2).toUpperCase() + path.slice(2));
			expect(await page.locator('[data-chart-ready="true"]').count()).toBeGreaterThan(0);
			await page.screenshot({ path: join(TEST_OUTPUT, `dashboard${path === '/' ? '-overview' : path.replace('/', '-')}.png`), fullPage: true });
		}
		// the Overview headline and both modes' tiles, with units
		await page.goto(server.url + '/');
		await expect(page.getByTestId('headline').innerText()).resolves.toMatch(
			/^Async answers in .+ at the median vs .+ for sync; \d+% of demand arrives after hours\.$/
		);
		await expect(tileValue('SLA attainment', 'sync')).resolves.toMatch(/^\d+\.\d%$/);
		await expect(tileValue('Cost per conversation', 'async')).resolves.toMatch(/^\$\d+\.\d\d$/);
		expect(errors).toEqual([]);
	});

	it('changing a filter changes the URL and the numbers', async () => {
		await page.goto(server.url + '/');
		await page.waitForSelector('[data-chart-ready="true"]');
		const before = await tileValue('Conversations', 'sync');
		await page.click('button[data-filter="channel"]');
		await page.check('input[name="channel"][value="chat"]');
		await Promise.all([page.waitForURL(/channel=chat/), page.click('.menu .apply')]);
		await page.waitForFunction((old) => {
			const el = document.querySelector('article[aria-label="Conversations"] .side[data-key="sync"] .value');
			return el && el.textContent !== old;
		}, before);
		const after = await tileValue('Conversations', 'sync');
		const count = (s: string) => Number(s.replace(/,/g, ''));
		expect(count(after)).toBeLessThan(count(before));
		expect(count(after)).toBeGreaterThan(0);
		// only chat is left: async has no tile side any more
		expect(await page.locator('article[aria-label="Conversations"] .side[data-key="async"]').count()).toBe(0);
		// the range preset navigates too, and keeps the channel
		await Promise.all([page.waitForURL(/from=.*to=.*channel=chat|channel=chat.*from=/), page.selectOption('select[name="range"]', '7d')]);
		await expect(page.locator('.range').innerText()).resolves.toMatch(/^Dataset demo \(the default\) · \d+ \w+ – \d+ \w+ \d{4} · times in UTC$/);
		await page.screenshot({ path: join(TEST_OUTPUT, 'dashboard-overview-filtered.png'), fullPage: true });
		expect(errors).toEqual([]);
	});

	it('shows designed states for a filter that matches nothing and for a bad address', async () => {
		await page.goto(server.url + '/workload?dataset=demo&from=2001-01-01&to=2001-02-01');
		await expect(page.getByRole('status').locator('h2').innerText()).resolves.toBe('No conversations match these filters');
		await page.goto(server.url + '/coverage?dataset=nope');
		await expect(page.getByRole('alert').locator('p').innerText()).resolves.toBe(
			'There is no dataset "nope"; pick one from the list or load it on the Data page.'
		);
	});

	it('switches to the dark theme with the charts following', async () => {
		await page.goto(server.url + '/coverage');
		await page.waitForSelector('[data-chart-ready="true"]');
		await page.click('button.theme');
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(TEST_OUTPUT, 'dashboard-coverage-dark.png'), fullPage: true });
		await page.goto(server.url + '/');
		await page.waitForSelector('[data-chart-ready="true"]');
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
		await page.screenshot({ path: join(TEST_OUTPUT, 'dashboard-overview-dark.png'), fullPage: true });
		expect(errors).toEqual([]);
	});

	it('renders the chosen theme on the server from its cookie, so a reload is painted in it from the start', async () => {
		const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0];
		const session = (await page.context().cookies())
			.filter((c) => c.name !== 'cm-theme')
			.map((c) => `${c.name}=${c.value}`)
			.join('; ');
		// no choice: no attribute, so the CSS follows the system's preference
		expect(htmlTag(await (await fetch(server.url + '/workload', { headers: { cookie: session } })).text())).toBe('<html lang="en" >');
		await page.goto(server.url + '/workload');
		await page.waitForSelector('[data-chart-ready="true"]');
		if ((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark') await page.click('button.theme');
		const light = await page.reload();
		expect(htmlTag(await light!.text())).toBe('<html lang="en" data-theme="light">');
		await page.waitForSelector('[data-chart-ready="true"]');
		await page.screenshot({ path: join(TEST_OUTPUT, 'theme-workload-light.png'), fullPage: true });
		await page.goto(server.url + '/');
		await page.click('button.theme');
		const dark = await page.reload();
		expect(htmlTag(await dark!.text())).toBe('<html lang="en" data-theme="dark">');
		await page.waitForSelector('[data-chart-ready="true"]');
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
		await page.screenshot({ path: join(TEST_OUTPUT, 'theme-overview-dark-reloaded.png'), fullPage: true });
		expect(errors).toEqual([]);
	});

	it('closes a filter menu with Escape without applying it, focus back on its named button', async () => {
		await page.goto(server.url + '/workload');
		const toggle = page.getByRole('button', { name: 'Channel All' });
		await toggle.click();
		await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
		await page.check('input[name="channel"][value="chat"]');
		await page.keyboard.press('Escape');
		await expect(page.locator('.menu').count()).resolves.toBe(0);
		await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
		await expect(page.evaluate(() => document.activeElement?.getAttribute('data-filter'))).resolves.toBe('channel');
		expect(page.url()).not.toContain('channel=');
	});

	it('writes every row of a table column with the same decimals (the per-agent workload table)', async () => {
		await page.goto(server.url + '/workload');
		const rows = page.locator('.data-table', { has: page.locator('caption', { hasText: 'Workload per agent' }) }).locator('tbody tr');
		await rows.first().waitFor();
		// columns 4-6: handle time (units vary by row), busy hours, concurrency mean
		for (const n of [4, 5, 6]) {
			const texts = (await rows.locator(`td:nth-child(${n})`).allInnerTexts()).filter((t) => t !== 'no data');
			expect(texts.length).toBeGreaterThan(1);
			const decimals = new Set(texts.map((t) => /\.(\d+)/.exec(t)?.[1].length ?? 0));
			expect([...decimals]).toHaveLength(1);
		}
	});

	it('ships at most 350 KB of gzipped JavaScript on the largest page', () => {
		const largest = Math.max(...jsBytes.values());
		console.log('gzipped JS per page (KB):', Object.fromEntries([...jsBytes].map(([p, b]) => [p, Math.round(b / 1024)])));
		expect(jsBytes.size).toBe(PAGES.length);
		expect(largest).toBeLessThanOrEqual(350 * 1024);
	});
});
