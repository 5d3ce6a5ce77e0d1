import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * Serves a built SvelteKit app (adapter-node's `handler.js`). The handler works out the app's
 * own origin (for SvelteKit's cross-site form check) from ORIGIN, or else from the Host header
 * and X-Forwarded-Proto; a plain connection without a proxy in front is marked as http here.
 * The API's address defaults to the port `npm start` runs it on. Tells a parent process
 * `ready`; stops gracefully on SIGTERM and SIGINT.
 *
 * @param {{ name: string; handler: string; port: number; host: string }} options
 */
export async function serve({ name, handler: handlerPath, port, host }) {
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  process.env.API_URL ??= `http://127.0.0.1:${process.env.API_PORT ?? 8787}`;
  const { handler } = await import(pathToFileURL(handlerPath).href);
  const server = createServer((request, response) => {
    if (!process.env.ORIGIN && !request.headers['x-forwarded-proto'])
      request.headers['x-forwarded-proto'] = 'http';
    handler(request, response);
  });
  server.listen(port, host, () => {
    console.log(`${name} on http://localhost:${port} (API: ${process.env.API_URL})`);
    process.send?.('ready');
  });
  // Graceful shutdown: stop accepting, let requests in flight finish (a call to the API gives
  // up after its deadline), close keep-alive connections once they are idle instead of waiting
  // for the keep-alive timeout, and exit 1 if something still hangs after 15 s.
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(1), 15_000).unref();
      server.close(() => process.exit(0));
      setInterval(() => server.closeIdleConnections(), 100).unref();
    });
  }
}
