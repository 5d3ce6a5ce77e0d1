import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

export interface CachedResponse {
  /** Encoded once: writing a string would encode it again for every answer. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Answers a public GET from the read model's response cache, or builds, stores and answers
 * it. Keys are the path and query; answers that say "open now" also carry the minute, so
 * they never go stale by more than that. Handles If-None-Match with a weak ETag.
 */
export function cachedJson(
  c: Context<AppEnv>,
  build: () => unknown,
  timeSensitive = true,
): Response {
  const services = c.get('services');
  const model = services.readModel();
  const url = new URL(c.req.url);
  const minute = timeSensitive ? Math.floor(services.now().getTime() / 60_000) : 0;
  const key = `${url.pathname}?${url.search}#${minute}`;
  let cached = model.responses.get(key);
  if (!cached) {
    const body = new TextEncoder().encode(JSON.stringify(build()));
    cached = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
    if (model.responses.size >= 2_000) model.responses.clear();
    model.responses.set(key, cached);
  }
  return send(c, cached);
}

/** The cache key of a GET: its path and query, and for time-sensitive answers the minute. */
function cacheKey(c: Context<AppEnv>, timeSensitive: boolean): string {
  const url = c.req.url;
  const minute = timeSensitive ? Math.floor(c.get('services').now().getTime() / 60_000) : 0;
  return `${timeSensitive ? 'T' : 'S'}${url.slice(url.indexOf('/', url.indexOf('//') + 2))}#${minute}`;
}

/**
 * Answers a GET straight from the cache when the same URL was answered before in this state
 * of the data, before validation and routing: only valid requests are ever cached.
 */
export const serveFromCache: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'GET') return next();
  const responses = c.get('services').readModel().responses;
  const cached = responses.get(cacheKey(c, false)) ?? responses.get(cacheKey(c, true));
  if (cached) return send(c, cached);
  return next();
};

function send(c: Context, cached: CachedResponse): Response {
  const headers = { ETag: cached.etag, 'Cache-Control': 'public, max-age=60' };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((tag) => tag.trim() === cached.etag))
    return c.body(null, 304, headers);
  return c.body(cached.body, 200, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
  });
}
