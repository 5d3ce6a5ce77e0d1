import { getRequestListener } from '@hono/node-server';
import type { Context } from 'hono';
import type { Duplex } from 'node:stream';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { cachedAnswer, cacheHeaders, jsonType, matchesEtag, type CachedResponse } from './cache.js';
import type { Config } from './config.js';
import type { Services } from './env.js';
import { clientAddressOf } from './rate-limit.js';
import type { KeptWegweiser } from './kept-wegweisers.js';
import { compactRouteAnswer, RouteBody, routingDay } from './route-answer.js';
import { textFaults } from './text-guard.js';
import { countCachedAnswer, countEvents } from './usage.js';

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
const cacheablePaths = [
  '/v1/city',
  '/v1/taxonomy',
  '/v1/offers',
  '/v1/agencies',
  '/v1/route/texts',
  '/hsds',
];
const isCacheable = (url: string) => cacheablePaths.some((prefix) => url.startsWith(prefix));

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
  countCachedAnswer(services, cached);
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

/** Header lines of kept Wegweisers, built once per answer, as for cached answers above. */
const routeHeaderLines = new WeakMap<KeptWegweiser, string[]>();

/** The body limit of the public API (app.ts), for the fast path's own check. */
const publicBodyLimit = 64 * 1024;

/**
 * Whether a request is a plain `POST /v1/route`: no query, a JSON body of declared length
 * within the limit. Only those take the fast path; every other one goes to the app.
 */
function isPlainRoute(request: IncomingMessage): boolean {
  if (request.method !== 'POST' || request.url !== '/v1/route') return false;
  const length = Number(request.headers['content-length']);
  return (
    Number.isInteger(length) &&
    length <= publicBodyLimit &&
    /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')
  );
}

/**
 * The compact Wegweiser for a raw body, or `undefined` when the app must answer instead. A
 * request answered before with a kept Wegweiser, on the same day and in the same state of the
 * data, gets it again without being parsed: the same text was valid then and decides the same
 * Wegweiser now (ADR 0021).
 */
function fastRouteAnswer(
  services: Services,
  client: string,
  raw: Buffer,
): KeptWegweiser | undefined {
  const text = raw.toString('utf8');
  const kept = services.readModel().wegweisers;
  const request = kept.requestKey(text, routingDay(services));
  const before = kept.answeredBefore(request);
  if (before) {
    if (services.limits.route.hit(client) > 0) return undefined;
    countEvents(services, before.events);
    return before.wegweiser;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return undefined;
  }
  // NUL and lone surrogates are refused by the app (text-guard.ts), as for any other request;
  // in valid JSON text either can only come from a \u escape (or a raw NUL).
  if ((text.includes('\\u') || text.includes('\0')) && textFaults(input, 'body').length > 0)
    return undefined;
  const body = RouteBody.safeParse(input);
  if (!body.success || services.limits.route.hit(client) > 0) return undefined;
  return compactRouteAnswer(services, body.data, request);
}

/**
 * The HTTP server: the edge headers; public GETs answered before in this state of the data
 * come straight from the response cache; a plain, valid `POST /v1/route` is answered here
 * (the hottest answer that cannot be cached), without the app's routing and middleware;
 * everything else goes through the Hono app. A route request the fast path does not answer
 * (bad JSON, an invalid profile, over the rate limit) goes to the app with the body already
 * read, so that every error still has one source.
 */
export function createHttpServer(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  config: Pick<Config, 'TLS' | 'TRUST_PROXY'>,
  services?: Services,
): Server {
  const listener = getRequestListener(fetch);
  const common = securityHeaders(config);
  const headers = edgeHeaders(config);
  const routeHeaders = [
    ...common.flat(),
    'Access-Control-Allow-Origin',
    '*',
    'Cache-Control',
    'no-store',
    'Content-Type',
    jsonType,
  ];
  const toApp = (request: IncomingMessage, response: ServerResponse) => {
    headers(request, response);
    void listener(request, response);
  };
  const server = createServer((request, response) => {
    if (services && answerFromCache(services, common, request, response)) return;
    if (services && isPlainRoute(request)) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('error', () => response.destroy());
      request.on('end', () => {
        const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const client = clientAddressOf(
          request.headers['x-forwarded-for']?.toString(),
          request.socket.remoteAddress,
          config.TRUST_PROXY,
        );
        const answer = fastRouteAnswer(services, client, raw);
        if (answer === undefined) {
          // @hono/node-server reads a body it finds here instead of the (consumed) stream.
          Object.assign(request, { rawBody: raw });
          return toApp(request, response);
        }
        let lines = routeHeaderLines.get(answer);
        if (!lines) {
          lines = [...routeHeaders, 'Content-Length', String(answer.bytes)];
          routeHeaderLines.set(answer, lines);
        }
        response.writeHead(200, lines).end(answer.json);
      });
      return;
    }
    toApp(request, response);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerUnparsable(error, socket, common),
  );
  return server;
}

/**
 * A request Node's parser refused before the app saw it (a URL or headers over Node's 16 KB
 * limit, broken HTTP) still gets a problem, not Node's bare status line, and the connection
 * closes. The body says nothing of the request: it may not even be text.
 */
function answerUnparsable(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  common: [string, string][],
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, slug, title] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'too-large', 'The URL or headers are too large']
    : [400, 'Bad Request', 'bad-request', 'The request is not valid HTTP'];
  const body = JSON.stringify({
    type: `https://ankommen.example/problems/${slug}`,
    title,
    status,
  });
  const headerLines = [
    ...common,
    ['Content-Type', 'application/problem+json'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Connection', 'close'],
  ].map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headerLines.join('')}\r\n${body}`);
}

/** The client's address as the Node server saw it (X-Forwarded-For only with TRUST_PROXY, in app.ts). */
export function nodeClientAddress(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
}
