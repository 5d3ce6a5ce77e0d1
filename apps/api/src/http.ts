import { getRequestListener } from '@hono/node-server';
import type { Context } from 'hono';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { cachedAnswer, cacheHeaders, jsonType, matchesEtag, type CachedResponse } from './cache.js';
import type { Config } from './config.js';
import type { Services } from './env.js';

/**
 * Headers every answer carries, set on the Node response before Hono writes it: far cheaper
 * than adding them to each Hono response, and a handler's own value (the docs' wider CSP)
 * still wins, because headers given to writeHead override these.
 */
function securityHeaders(config: Pick<Config, 'TLS'>): [string, string][] {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ...(config.TLS
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
}

function edgeHeaders(config: Pick<Config, 'TLS'>) {
  const common = securityHeaders(config);
  return (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of common) response.setHeader(name, value);
    // CORS is open everywhere but on the staff API.
    if (!request.url?.startsWith('/v1/admin'))
      response.setHeader('Access-Control-Allow-Origin', '*');
  };
}

/** The public GETs whose answers are cached (see cachedJson in the routes). */
function isCacheable(url: string): boolean {
  return [
    '/v1/city',
    '/v1/taxonomy',
    '/v1/offers',
    '/v1/agencies',
    '/v1/route/texts',
    '/hsds',
  ].some((prefix) => url.startsWith(prefix));
}

/** Header lines of cached answers, built once per answer: [name, value, name, value, …]. */
const cachedHeaderLines = new WeakMap<CachedResponse, { ok: string[]; notModified: string[] }>();

/** Answers a public GET from the response cache, as a caching proxy in front of the app would. */
function answerFromCache(
  services: Services,
  common: [string, string][],
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (request.method !== 'GET' || !request.url || !isCacheable(request.url)) return false;
  const cached = cachedAnswer(services, request.url);
  if (!cached) return false;
  let lines = cachedHeaderLines.get(cached);
  if (!lines) {
    const shared = [
      ...common.flat(),
      'Access-Control-Allow-Origin',
      '*',
      'ETag',
      cached.etag,
      'Cache-Control',
      cacheHeaders['Cache-Control'],
    ];
    lines = {
      ok: [...shared, 'Content-Type', jsonType, 'Content-Length', String(cached.body.byteLength)],
      notModified: shared,
    };
    cachedHeaderLines.set(cached, lines);
  }
  if (matchesEtag(request.headers['if-none-match'], cached.etag)) {
    response.writeHead(304, lines.notModified).end();
  } else {
    response.writeHead(200, lines.ok).end(cached.body);
  }
  return true;
}

/**
 * The HTTP server: the edge headers; public GETs answered before in this state of the data
 * come straight from the response cache; everything else goes through the Hono app.
 */
export function createHttpServer(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  config: Pick<Config, 'TLS'>,
  services?: Services,
): Server {
  const listener = getRequestListener(fetch);
  const common = securityHeaders(config);
  const headers = edgeHeaders(config);
  return createServer((request, response) => {
    if (services && answerFromCache(services, common, request, response)) return;
    headers(request, response);
    void listener(request, response);
  });
}

/** The client's address as the Node server saw it (X-Forwarded-For only with TRUST_PROXY, in app.ts). */
export function nodeClientAddress(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
}
