import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../helpers/browserSuite';
import { signInTo, TEST_OUTPUT } from '../helpers/server';
import { tempDir } from '../helpers/temp';

const suite = browserSuite();

/*
 * Six conversations; "Kickoff" is no synonym of created_at, so the guesser cannot map it.
 * Expected: read 6; line 5 (=c4) closes at 11:00 before its 12:00 start → 1 reject, 5 loaded;
 * c6's channel "=HYPERLINK(...)" is unknown → 1 row flagged as an unknown channel.
 */
const SMALL_CSV = [
	'conversation_id,Kickoff,first_response_at,closed_at,channel,agent_id,csat',
	'c1,2026-03-02T09:00:00Z,2026-03-02T09:00:30Z,2026-03-02T09:10:00Z,chat,ann,5',
	'c2,2026-03-02T09:05:00Z,2026-03-02T09:06:00Z,2026-03-02T09:20:00Z,voice,bob,4',
	'c3,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,2026-03-03T10:00:00Z,email,ann,2',
	'=c4,2026-03-02T12:00:00Z,2026-03-02T12:01:00Z,2026-03-02T11:00:00Z,chat,bob,',
	'c5,2026-03-02T13:00:00Z,,,whatsapp,,',
	'c6,2026-03-02T14:00:00Z,2026-03-02T14:02:00Z,2026-03-02T14:30:00Z,"=HYPERLINK(""x"")",ann,3',
	''
].join('\n');

/** Records every progress bar label that appears, however briefly. */
async function watchProgressBars(page: Page): Promise<void> {
	await page.evaluate(() => {
		const seen: string[] = [];
		(window as unknown as { progressSeen: string[] }).progressSeen = seen;
		new MutationObserver(() => {
			for (const bar of document.querySelectorAll('[role=progressbar]')) {
				const label = bar.getAttribute('aria-label') ?? '';
				if (!seen.includes(label)) seen.push(label);
			}
		}).observe(document.body, { childList: true, subtree: true, attributes: true });
	});
}

describe('Data page', () => {
	it('uploads a CSV, fixes the mapping, imports with progress, shows the summary and the reject report, deletes the dataset', async () => {
		const page = await suite.browser.newPage({ acceptDownloads: true });
		page.setDefaultTimeout(90_000);
		const consoleErrors: string[] = [];
		page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
		await signInTo(page, suite.server.url, '/data');
		await expect(page.locator('tr[data-dataset=demo]').count()).resolves.toBe(1);
		await watchProgressBars(page);

		const file = join(tempDir(), 'small-export.csv');
		writeFileSync(file, SMALL_CSV);
		await page.setInputFiles('[data-testid=file-input]', file);

		const createdAt = page.locator('select[data-field=created_at]');
		await createdAt.waitFor();
		await expect(page.getByRole('alert').innerText()).resolves.toMatch(
			/^No column for “Started at” \(created_at\) was found in small-export\.csv .*choose its column below\.$/
		);
		await expect(page.getByRole('button', { name: 'Import' }).isDisabled()).resolves.toBe(true);
		await expect(page.locator('select[data-field=closed_at]').inputValue()).resolves.toBe('closed_at');
		await page.screenshot({ path: join(TEST_OUTPUT, 'data-preview-unmapped.png'), fullPage: true });

		await createdAt.selectOption('Kickoff');
		await page.getByRole('alert').waitFor({ state: 'detached' });
		// the rows as they will be stored: times read in UTC (the setting) and shown in it, channels normalised, rejects named
		const stored = page.getByTestId('stored-rows').locator('tbody tr');
		await expect(stored.count()).resolves.toBe(6);
		await expect(stored.first().innerText()).resolves.toMatch(/^c1\t2 Mar 2026 09:00:00\t2 Mar 2026 09:00:30\t2 Mar 2026 09:10:00\tresolved\tchat\tsync\t/);
		await expect(stored.nth(3).innerText()).resolves.toContain('rejected: closed_at = 2026-03-02T11:00:00Z is before Kickoff = 2026-03-02T12:00:00Z');
		await expect(stored.nth(5).innerText()).resolves.toContain('\tother\tasync\t');
		await expect(page.locator('select[data-field=closed_at] ~ .check').getAttribute('data-failures')).resolves.toBe('1');
		await expect(
			page
				.locator('label.field', { has: page.locator('select[data-field=handle_s]') })
				.locator('.name')
				.innerText()
		).resolves.toBe('Handle time');
		await page.screenshot({ path: join(TEST_OUTPUT, 'data-preview.png'), fullPage: true });

		await page.getByRole('button', { name: 'Import' }).click();
		const summary = page.getByTestId('import-summary');
		await summary.waitFor({ timeout: 30_000 });
		await expect(page.getByTestId('rows-read').innerText()).resolves.toBe('6');
		await expect(page.getByTestId('rows-loaded').innerText()).resolves.toBe('5');
		await expect(page.getByTestId('rows-rejected').innerText()).resolves.toMatch(/^1/);
		await expect(summary.innerText()).resolves.toContain('1 row with an unknown channel');
		// the reason names the file's own columns: created_at is mapped to Kickoff
		await expect(summary.innerText()).resolves.toContain('closed_at = 2026-03-02T11:00:00Z is before Kickoff = 2026-03-02T12:00:00Z');
		const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
		// the derive of six rows may end between two polls, so its label may or may not have shown
		expect(seen.filter((label) => label !== 'Deriving “small-export”')).toEqual(['Uploading small-export.csv', 'Importing into “small-export”']);
		await page.screenshot({ path: join(TEST_OUTPUT, 'data-summary.png'), fullPage: true });

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reject-report').click()]);
		expect(download.suggestedFilename()).toBe('small-export-rejects.csv');
		const report = readFileSync(await download.path(), 'utf8');
		const lines = report.split('\r\n');
		expect(lines[0]).toBe('\uFEFFline,reason,raw');
		// the raw line starts with "=": escaped with a quote so a spreadsheet shows it as text
		expect(lines[1]).toBe(
			`5,closed_at = 2026-03-02T11:00:00Z is before Kickoff = 2026-03-02T12:00:00Z,"'=c4,2026-03-02T12:00:00Z,2026-03-02T12:01:00Z,2026-03-02T11:00:00Z,chat,bob,"`
		);
		expect(lines.length).toBe(3);

		const row = page.locator('tr[data-dataset="small-export"]');
		await expect(row.locator('td.num').first().innerText()).resolves.toBe('5');
		await row.getByRole('button', { name: 'Delete small-export' }).click();
		await expect(row.innerText()).resolves.toContain('Delete 5 conversations?');
		await row.getByRole('button', { name: 'Delete', exact: true }).click();
		await page.getByText('Deleted the dataset “small-export”.').waitFor();
		await expect(page.locator('tr[data-dataset="small-export"]').count()).resolves.toBe(0);
		await expect(page.locator('tr[data-dataset=demo]').count()).resolves.toBe(1);
		await page.screenshot({ path: join(TEST_OUTPUT, 'data-page.png'), fullPage: true });
		expect(consoleErrors).toEqual([]);
	}, 240_000);

	it('stops a file whose dates all fail at the preview, with a sentence, before any import', async () => {
		const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } });
		page.setDefaultTimeout(90_000);
		await signInTo(page, suite.server.url, '/data');
		const file = join(tempDir(), 'no-dates.csv');
		writeFileSync(file, 'conversation_id,created_at,channel\na,next tuesday,chat\nb,soon,phone\n');
		await page.setInputFiles('[data-testid=file-input]', file);
		await expect(page.getByRole('alert').innerText()).resolves.toBe(
			'None of the first 2 rows has a time the importer can read in "created_at" (created_at = next tuesday is not a date and time); choose the column that holds when each conversation started, or the date format.'
		);
		await expect(page.getByRole('button', { name: 'Import' }).isDisabled()).resolves.toBe(true);
		await expect(page.locator('select[data-field=created_at] ~ .check').innerText()).resolves.toBe('2 of the first 2 rows will be rejected for this column');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: join(TEST_OUTPUT, 'data-preview-no-dates-390.png'), fullPage: true });
	}, 240_000);

	it('refuses a picture renamed .csv with one sentence', async () => {
		const page = await suite.browser.newPage();
		page.setDefaultTimeout(90_000);
		await signInTo(page, suite.server.url, '/data');
		const file = join(tempDir(), 'photo.csv');
		// a PNG signature and header chunk: binary, not text
		writeFileSync(
			file,
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0])
		);
		await page.setInputFiles('[data-testid=file-input]', file);
		await expect(page.getByTestId('upload-error').innerText()).resolves.toBe(
			'photo.csv is not a CSV text file (it looks like binary data such as an image or a spreadsheet); export the data as CSV and try again.'
		);
	}, 240_000);

	it('Settings page: saves business hours, says how many datasets were recomputed, refuses a bad value with one sentence', async () => {
		const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
		page.setDefaultTimeout(90_000);
		await signInTo(page, suite.server.url, '/settings');
		await page
			.getByRole('row', { name: /Saturday/ })
			.getByRole('button', { name: 'Add hours' })
			.click();
		await page.getByLabel('Saturday closes').fill('13:00');
		await page.locator('#calendar').getByRole('button', { name: 'Save' }).click();
		// one dataset (demo) is loaded, and business hours feed its derived values
		await expect(page.getByTestId('calendar-message').innerText()).resolves.toBe('Saved; derived values of 1 dataset recomputed.');
		await page.reload();
		await expect(page.getByLabel('Saturday opens').inputValue()).resolves.toBe('09:00');
		await expect(page.getByLabel('Saturday closes').inputValue()).resolves.toBe('13:00');

		// (a number out of range is stopped by the browser's own field check; a bad date reaches the server)
		await page.getByLabel(/^Holidays/).fill('2026-12-25\n2026-13-45');
		await page.locator('#calendar').getByRole('button', { name: 'Save' }).click();
		await expect(page.getByTestId('calendar-message').innerText()).resolves.toBe('Give holidays as a list of local dates such as ["2026-12-25"].');
		await page.screenshot({ path: join(TEST_OUTPUT, 'settings.png'), fullPage: true });
	}, 240_000);
});
