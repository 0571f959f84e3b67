import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browserSuite';
import { signInTo, TEST_OUTPUT } from '../helpers/server';

const suite = browserSuite();
const overflow = () => document.documentElement.scrollWidth - window.innerWidth;

describe('Overview recommendation card (issue 14, item 12)', () => {
	it('shows the Plan’s decision, share, saving and main reason, and links to the Plan keeping the filters', async () => {
		const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
		page.setDefaultTimeout(90_000);
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await signInTo(page, suite.server.url, '/plan');
		const plan = (await (await page.request.get(`${suite.server.url}/api/plan?dataset=demo&replications=0`)).json()) as {
			mix: { decision: string; current_async_share: number; recommended: { async_share: number; saving_vs_current: number }; main_reason: string };
		};
		await page.goto(`${suite.server.url}/?dataset=demo&channel=chat&channel=messaging`);
		const card = page.getByTestId('recommendation-card');
		await card.waitFor();
		// the demo (90 days, measured handle time) moves volume: the card says the same as the plan
		expect(plan.mix.decision).toBe('move');
		const pct = (share: number) => `${Math.round(share * 100)}%`;
		await expect(page.getByTestId('recommendation-share').innerText()).resolves.toBe(
			`${pct(plan.mix.current_async_share)} → ${pct(plan.mix.recommended.async_share)}`
		);
		await expect(page.getByTestId('recommendation-saving').innerText()).resolves.toContain(
			`$${Math.round(plan.mix.recommended.saving_vs_current).toLocaleString('en-US')}`
		);
		await expect(page.getByTestId('recommendation-reason').innerText()).resolves.toBe(plan.mix.main_reason);
		await expect(card.getByRole('heading').innerText()).resolves.toBe('Channel mix: Change the mix');
		await page.screenshot({ path: join(TEST_OUTPUT, 'overview-recommendation-1440.png'), fullPage: true });

		await page.setViewportSize({ width: 390, height: 900 });
		await expect(page.evaluate(overflow)).resolves.toBeLessThanOrEqual(0);
		await page.screenshot({ path: join(TEST_OUTPUT, 'overview-recommendation-390.png'), fullPage: true });

		await page.getByTestId('recommendation-link').click();
		await page.waitForURL((u) => u.pathname === '/plan');
		const url = new URL(page.url());
		expect(url.searchParams.get('dataset')).toBe('demo');
		expect(url.searchParams.getAll('channel')).toEqual(['chat', 'messaging']);
		await expect(page.getByTestId('recommended-share').innerText()).resolves.toMatch(new RegExp(`^${pct(plan.mix.recommended.async_share)} async`));
		await expect(page.getByTestId('mix-decision').getAttribute('data-decision')).resolves.toBe('move');
		await expect(page.evaluate(overflow)).resolves.toBeLessThanOrEqual(0);
		await page.screenshot({ path: join(TEST_OUTPUT, 'plan-decision-390.png'), fullPage: true });
		await page.setViewportSize({ width: 1440, height: 1000 });
		await page.screenshot({ path: join(TEST_OUTPUT, 'plan-decision-1440.png'), fullPage: true });
		expect(errors).toEqual([]);
	});
});
