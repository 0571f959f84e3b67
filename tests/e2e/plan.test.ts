import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../helpers/browserSuite';
import { signInTo, TEST_OUTPUT } from '../helpers/server';

const suite = browserSuite();

async function downloadXlsx(page: Page): Promise<ExcelJS.Workbook> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
	expect(download.suggestedFilename()).toMatch(/^staffing-demo-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile(await download.path());
	return workbook;
}

/** Forecast conversations over every channel sheet (column B), the totals rows left out. */
function forecastTotal(workbook: ExcelJS.Workbook): number {
	let total = 0;
	for (const sheet of workbook.worksheets.slice(1))
		sheet.eachRow((row, n) => {
			if (n > 1 && row.getCell(1).value !== 'Total') total += Number(row.getCell(2).value);
		});
	return total;
}

const rowCount = (workbook: ExcelJS.Workbook) => workbook.worksheets.slice(1).reduce((sum, sheet) => sum + sheet.rowCount, 0);

describe('Plan page', () => {
	it('renders the plan with ready charts, recomputes on a what-if slider, exports the staffing XLSX with the what-ifs', async () => {
		const page = await suite.browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
		page.setDefaultTimeout(90_000);
		const consoleErrors: string[] = [];
		page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
		page.on('pageerror', (e) => consoleErrors.push(e.message));
		await signInTo(page, suite.server.url, '/plan');
		// the three charts draw one after another once the page has hydrated
		await page.waitForFunction(() => document.querySelectorAll('[data-chart-ready="true"]').length >= 3, undefined, { timeout: 30_000 });
		await expect(page.locator('[data-chart-ready="true"]').count()).resolves.toBe(3);
		await expect(page.getByRole('heading', { name: 'Recommendation' }).count()).resolves.toBe(1);
		await expect(page.locator('.reasons li').count()).resolves.toBeGreaterThanOrEqual(2);
		await expect(page.locator('.simulation').innerText()).resolves.toMatch(/Simulated \(20 runs of the week\)/);
		// the forecast's method per channel, its backtest error beside last week's, and the 80% range of the busiest interval
		const accuracy = page.locator('section[aria-labelledby="forecast-accuracy-title"]');
		await expect(accuracy.innerText()).resolves.toMatch(
			/The forecast beat "same as last week" on \d of \d channels; \d uses? the trend method\. Staffed to the forecast itself\./
		);
		await expect(accuracy.locator('tbody tr').first().innerText()).resolves.toMatch(/\w{3} \d{2}:\d{2}: [\d.,]+ \([\d.,]+–[\d.,]+\)/);
		await page.screenshot({ path: join(TEST_OUTPUT, 'plan.png'), fullPage: true });

		// today's mix: the same channels before and after the what-if, whatever the recommendation does with it
		await page.getByLabel('Mix the staffing report staffs').selectOption('today');
		const before = await downloadXlsx(page);
		expect(before.worksheets[0].name).toBe('Summary');
		const header = before.worksheets[1].getRow(1).values as unknown[];
		expect(header.slice(1)).toEqual([
			'Interval start (UTC)',
			'Forecast',
			'AHT (s)',
			'Concurrency',
			'Required agents',
			'Scheduled agents',
			'Required agent-hours',
			'Scheduled agent-hours',
			'Expected service level',
			'ASA (s)',
			'Occupancy',
			'Cost (USD)'
		]);
		expect(before.worksheets[0].getRow(4).values).toEqual([undefined, 'Report']);
		expect(before.worksheets[0].getRow(5).values).toEqual([undefined, 'Dataset', 'demo']);

		const hoursBefore = await page.getByTestId('recommended-hours').innerText();
		await page.getByRole('slider', { name: 'Volume growth' }).fill('0.5');
		await expect(page.locator('.controls output').first().innerText()).resolves.toBe('+50%');
		await expect.poll(() => page.getByTestId('recommended-hours').innerText()).not.toBe(hoursBefore);
		const hoursAfter = Number((await page.getByTestId('recommended-hours').innerText()).replaceAll(',', ''));
		// 50% more volume needs more agent-hours, though less than 50% more (larger pools are more efficient)
		expect(hoursAfter).toBeGreaterThan(Number(hoursBefore.replaceAll(',', '')));
		expect(hoursAfter).toBeLessThan(Number(hoursBefore.replaceAll(',', '')) * 1.5);
		await expect(page.getByTestId('recompute').innerText()).resolves.toMatch(/^What-if: not saved\./);
		await page.screenshot({ path: join(TEST_OUTPUT, 'plan-what-if.png'), fullPage: true });

		// the export carries the what-if: the forecast is 1.5 times the saved one (rows rounded to 0.01)
		const after = await downloadXlsx(page);
		expect(forecastTotal(after) / forecastTotal(before)).toBeCloseTo(1.5, 2);
		expect(rowCount(after)).toBe(rowCount(before));
		expect(consoleErrors).toEqual([]);
	}, 240_000);

	it('sends an export request without a session to the sign-in page', async () => {
		const response = await fetch(suite.server.url + '/plan/export/xlsx', { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?next=%2Fplan%2Fexport%2Fxlsx');
	}, 240_000);
});
