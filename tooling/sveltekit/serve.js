import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { cspHeader } from './csp.js';

/**
 * Whether the app is served over TLS: `TLS=true` (a TLS-terminating proxy in front), or an
 * `https:` ORIGIN. Without either, a proxy's `X-Forwarded-Proto: https` says so per request.
 * @param {Record<string, string | undefined>} env
 */
export function servedOverTls(env) {
  return ['true', '1'].includes(env.TLS ?? '') || Boolean(env.ORIGIN?.startsWith('https:'));
}

/**
 * The headers every answer carries, set on the Node response before SvelteKit writes it, so
 * that static files, endpoints and error pages get them too; a page's own CSP (with its
 * hashes) replaces the fallback one. Referrer-Policy is same-origin, not no-referrer: the
 * latter sends `Origin: null` with our own forms, which the cross-site form check refuses.
 * HSTS only over TLS (browsers ignore it over plain HTTP anyway).
 * @param {boolean} https
 * @returns {[string, string][]}
 */
export function edgeHeaders(https) {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['Content-Security-Policy', cspHeader],
    ...(https
      ? /** @type {[string, string][]} */ ([
          ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
        ])
      : []),
  ];
}

/**
 * Serves a built SvelteKit app (adapter-node's `handler.js`) with the edge headers. The handler
 * works out the app's own origin (for SvelteKit's cross-site form check, and Secure cookies)
 * from ORIGIN, or else from the Host header and X-Forwarded-Proto; with TLS=true that is
 * https, and a plain connection without a proxy in front is marked as http here.
 * The API's address defaults to the port `npm start` runs it on. Tells a parent process
 * `ready`; stops gracefully on SIGTERM and SIGINT.
 *
 * @param {{ name: string; handler: string; port: number; host: string }} options
 */
export async function serve({ name, handler: handlerPath, port, host }) {
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  process.env.API_URL ??= `http://127.0.0.1:${process.env.API_PORT ?? 8787}`;
  const { handler } = await import(pathToFileURL(handlerPath).href);
  const tls = servedOverTls(process.env);
  const server = createServer((request, response) => {
    if (!process.env.ORIGIN) {
      if (tls) request.headers['x-forwarded-proto'] = 'https';
      else request.headers['x-forwarded-proto'] ??= 'http';
    }
    const proto = String(request.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim();
    const https = process.env.ORIGIN ? tls : proto === 'https';
    for (const [name, value] of edgeHeaders(https)) response.setHeader(name, value);
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
