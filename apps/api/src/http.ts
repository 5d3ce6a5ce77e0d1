import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { Config } from './config.js';

/**
 * Headers every answer carries, set on the Node response before Hono writes it: far cheaper
 * than adding them to each Hono response, and a handler's own value (the docs' wider CSP)
 * still wins, because headers given to writeHead override these.
 */
export function edgeHeaders(config: Pick<Config, 'TLS'>) {
  const common: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ...(config.TLS
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
  return (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of common) response.setHeader(name, value);
    // CORS is open everywhere but on the staff API.
    if (!request.url?.startsWith('/v1/admin'))
      response.setHeader('Access-Control-Allow-Origin', '*');
  };
}

/** The HTTP server: the edge headers, then the Hono app. */
export function createHttpServer(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  config: Pick<Config, 'TLS'>,
): Server {
  const listener = getRequestListener(fetch);
  const headers = edgeHeaders(config);
  return createServer((request, response) => {
    headers(request, response);
    void listener(request, response);
  });
}

/** The client's address as the Node server saw it (X-Forwarded-For only with TRUST_PROXY, in app.ts). */
export function nodeClientAddress(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
}
