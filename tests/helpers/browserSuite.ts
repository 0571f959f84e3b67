import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, TEST_OUTPUT, type RunningServer } from './server';

export interface BrowserSuite {
	server: RunningServer;
	browser: Browser;
}

/**
 * One server (its data folder lives until it stops) and one browser for a whole test file:
 * registers beforeAll / afterAll, so call it at the top of the file; the fields are set once beforeAll has run.
 */
export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
	const suite = {} as BrowserSuite;
	beforeAll(async () => {
		suite.server = await startServer(env);
		suite.browser = await launchBrowser();
		mkdirSync(TEST_OUTPUT, { recursive: true });
	}, 180_000);
	afterAll(async () => {
		await suite.browser?.close();
		await suite.server?.stop();
	});
	return suite;
}
