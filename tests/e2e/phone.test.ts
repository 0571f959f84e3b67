import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browserSuite';
import { signIn, TEST_OUTPUT } from '../helpers/server';

const suite = browserSuite();
const PAGES = ['/', '/responsiveness', '/workload', '/coverage', '/cost', '/plan', '/data', '/settings', '/settings/users', '/settings/audit'];
const PHONE = { width: 390, height: 844 };

/** How far the page itself scrolls sideways (0 when it fits). */
const overflow = () => document.documentElement.scrollWidth - window.innerWidth;

describe('on a 390 px phone', () => {
	it('no page scrolls sideways, signed in or not', async () => {
		const anonymous = await suite.browser.newPage({ viewport: PHONE });
		await anonymous.goto(suite.server.url + '/login');
		expect(await anonymous.evaluate(overflow)).toBeLessThanOrEqual(0);
		await anonymous.screenshot({ path: join(TEST_OUTPUT, 'phone-login.png'), fullPage: true });
		await anonymous.close();

		const page = await suite.browser.newPage({ viewport: PHONE });
		await signIn(page, suite.server.url);
		const wide: string[] = [];
		for (const path of PAGES) {
			await page.goto(suite.server.url + path);
			await page.waitForLoadState('networkidle');
			const excess = await page.evaluate(overflow);
			if (excess > 0) wide.push(`${path} by ${excess} px`);
			await page.screenshot({ path: join(TEST_OUTPUT, `phone${path === '/' ? '-overview' : path.replaceAll('/', '-')}.png`), fullPage: true });
		}
		expect(wide).toEqual([]);
	}, 240_000);

	it('the navigation collapses behind a menu button that opens by keyboard', async () => {
		const page = await suite.browser.newPage({ viewport: PHONE });
		await signIn(page, suite.server.url);
		await page.goto(suite.server.url + '/workload');
		const toggle = page.getByRole('button', { name: 'Menu' });
		await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
		await expect(page.getByRole('link', { name: 'Settings' }).isVisible()).resolves.toBe(false);
		await toggle.focus();
		await page.keyboard.press('Enter');
		await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
		await expect(page.getByRole('link', { name: 'Settings' }).isVisible()).resolves.toBe(true);
		await page.screenshot({ path: join(TEST_OUTPUT, 'phone-menu-open.png') });
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Overview');
		await page.keyboard.press('Escape');
		await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
		await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).resolves.toBe('main-nav');
		// following a link closes the menu
		await toggle.click();
		await Promise.all([page.waitForURL(/\/plan/), page.getByRole('link', { name: 'Plan' }).click()]);
		await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
		await page.close();
	}, 120_000);
});
