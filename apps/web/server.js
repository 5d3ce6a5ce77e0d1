// Serves the built site on WEB_PORT (default 3000). The adapter's handler works out the site's
// own origin (for SvelteKit's cross-site form check) from ORIGIN, or else from the Host header
// and X-Forwarded-Proto; a plain connection without a proxy in front is marked as http here.
import { createServer } from 'node:http';

process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
// `npm start` runs the API beside the site: follow its port unless told otherwise.
process.env.API_URL ??= `http://127.0.0.1:${process.env.API_PORT ?? 8787}`;
const { handler } = await import('./build/handler.js');

const port = Number(process.env.WEB_PORT ?? process.env.PORT ?? 3000);
const host = process.env.WEB_HOST ?? '0.0.0.0';
const server = createServer((request, response) => {
  if (!process.env.ORIGIN && !request.headers['x-forwarded-proto'])
    request.headers['x-forwarded-proto'] = 'http';
  handler(request, response);
});
server.listen(port, host, () => {
  console.log(`Ankommen site on http://localhost:${port} (API: ${process.env.API_URL})`);
  process.send?.('ready');
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
