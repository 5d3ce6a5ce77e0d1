import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv, Services } from './env.js';

export interface CachedResponse {
  /** Encoded once: writing a string would encode it again for every answer. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export const cacheHeaders = { 'Cache-Control': 'public, max-age=60' } as const;
export const jsonType = 'application/json; charset=utf-8';

/**
 * The cache key of a GET: its path and query (as sent, so that only the same URL matches),
 * and for time-sensitive answers ("open now") the minute, so they never go stale by more.
 */
function cacheKey(pathAndQuery: string, timeSensitive: boolean, now: Date): string {
  return timeSensitive
    ? `T${pathAndQuery}#${Math.floor(now.getTime() / 60_000)}`
    : `S${pathAndQuery}`;
}

/** The cached answer to a GET of `pathAndQuery` in the current state of the data, if any. */
export function cachedAnswer(services: Services, pathAndQuery: string): CachedResponse | undefined {
  const responses = services.readModel().responses;
  return (
    responses.get(cacheKey(pathAndQuery, false, services.now())) ??
    responses.get(cacheKey(pathAndQuery, true, services.now()))
  );
}

/** Whether an If-None-Match header names this ETag. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag);
}

export const pathAndQuery = (c: Context) => {
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
};

/**
 * Answers a public GET from the read model's response cache, or builds, stores and answers
 * it. Handles If-None-Match with a weak ETag. Only answers to valid requests get here; the
 * HTTP server answers repeated URLs from the same cache before the app (http.ts).
 */
export function cachedJson<T>(
  c: Context<AppEnv>,
  build: () => T,
  timeSensitive = true,
): TypedResponse<JSONParsed<T>, 200, 'json'> {
  const services = c.get('services');
  const responses = services.readModel().responses;
  const key = cacheKey(pathAndQuery(c), timeSensitive, services.now());
  let cached = responses.get(key);
  if (!cached) {
    const body = new TextEncoder().encode(JSON.stringify(build()));
    cached = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
    if (responses.size >= 2_000) responses.clear();
    responses.set(key, cached);
  }
  // Typed as the answer it stands for (a 304 is that answer, not modified), so that the
  // route's response schema checks what `build` returns.
  return send(c, cached) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}

function send(c: Context, cached: CachedResponse): Response {
  const headers = { ETag: cached.etag, ...cacheHeaders };
  if (matchesEtag(c.req.header('if-none-match'), cached.etag)) return c.body(null, 304, headers);
  return c.body(cached.body, 200, { ...headers, 'Content-Type': jsonType });
}
