import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browserSuite';
import { TEST_OUTPUT } from '../helpers/server';

// the server believes it is reached at this address; the browser uses 127.0.0.1:port
const ORIGIN = 'http://channel-mix.example:8080';
const suite = browserSuite({ ORIGIN, ADMIN_PASSWORD: '' });

describe('a server set up for another address than the one opened', () => {
	it('says on the sign-in page what is wrong and what to do, instead of failing silently', async () => {
		const page = await suite.browser.newPage();
		await page.goto(suite.server.url + '/login');
		await page.fill('input[name=username]', 'admin');
		await page.fill('input[name=password]', 'whatever-it-is');
		await page.click('button[type=submit]');
		const alert = page.getByTestId('wrong-address');
		await expect(alert.innerText()).resolves.toBe(
			`Signing in is refused here because this page was opened at ${suite.server.url} while the server is set up for ${ORIGIN}: open ${ORIGIN} instead, or restart the server with ORIGIN=${suite.server.url}.`
		);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.screenshot({ path: join(TEST_OUTPUT, 'origin-wrong-address.png') });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: join(TEST_OUTPUT, 'origin-wrong-address-phone.png') });
		await page.close();
	});

	it('prints the generated admin password in a frame, and that password signs in at ORIGIN', async () => {
		const framed =
			/\n(=+)\n {2}Created user "admin" with password:\n\n {6}(\S+)\n\n {2}Shown once: sign in, then add users under Settings\n {2}\(or set ADMIN_PASSWORD before the first start\)\.\n\1\n/.exec(
				suite.server.output()
			);
		expect(framed).not.toBeNull();
		const response = await fetch(suite.server.url + '/login', {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: `username=admin&password=${encodeURIComponent(framed![2])}`
		});
		expect(response.status).toBe(303);
	});
});
