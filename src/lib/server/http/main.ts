/**
 * The server process (npm start, the tests, the load test): adapter-node's built handler behind a plain Node server that
 * sets the security headers first, so the static files Kit's hooks never see (/_app, favicon) carry them too.
 * Run as `node --import tsx src/lib/server/http/main.ts` (serverArguments in cli/serve.ts); HOST, PORT and
 * CM_BUILD_OUT as for build/index.js.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASELINE_HEADERS } from './headers';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const SHUTDOWN_GRACE_MS = 10_000;

const buildFolder = resolve(process.env.CM_BUILD_OUT ?? 'build');
const { handler } = (await import(pathToFileURL(join(buildFolder, 'handler.js')).href)) as { handler: Handler };

const server = createServer((req, res) => {
	for (const [name, value] of Object.entries(BASELINE_HEADERS)) res.setHeader(name, value);
	handler(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Not found');
	});
});

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

function shutDown(): void {
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	// requests still running after the grace period are cut off rather than holding the stop forever
	setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
}
process.once('SIGTERM', shutDown);
process.once('SIGINT', shutDown);
