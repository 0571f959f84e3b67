import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn, startServer, TEST_OUTPUT, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('first run', () => {
	it('creates the admin and loads the demo dataset; / asks for sign-in, then lists the demo', async () => {
		expect(server.output()).toContain('Created user "admin" with the password from ADMIN_PASSWORD.');
		expect(server.output()).toMatch(/Demo dataset loaded: [\d,]+ conversations/);
		const response = await fetch(server.url + '/', { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?next=%2F');

		const page = await browser.newPage();
		const errors: string[] = [];
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		await signIn(page, server.url);
		await expect(page.locator('body').innerText()).resolves.toContain('demo');
		mkdirSync(TEST_OUTPUT, { recursive: true });
		await page.screenshot({ path: join(TEST_OUTPUT, 'first-run-overview.png'), fullPage: true });
		expect(errors).toEqual([]);
	});

	it('refuses a wrong password with one sentence and sets no cookie', async () => {
		const page = await browser.newPage();
		await page.goto(server.url + '/login');
		await page.fill('input[name=username]', 'admin');
		await page.fill('input[name=password]', 'wrong-password');
		await page.click('button[type=submit]');
		await expect(page.getByRole('alert').innerText()).resolves.toBe('That user name and password do not match an active account.');
		const cookies = await page.context().cookies();
		expect(cookies.filter((c) => c.name === 'cm_session')).toEqual([]);
	});
});
