import { createServer } from 'node:net';

/** A free loopback port, for servers started by the bench's load test and by the tests. */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
		});
	});
}
