import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv, Services } from './env.js';

export interface CachedResponse {
  /** Encoded once: writing a string would encode it again for every answer. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Answers of one state of the data, bounded by their size, the oldest going first. For public
 * GETs: they are few and small (a city's offers in a few languages), so all of them fit and a
 * rush is served from memory; free-text searches are not few, so the oldest answers make room
 * for new ones, and answers of a past minute ("open now") are dropped as soon as the minute
 * turns. Kept Wegweisers use it too (kept-wegweisers.ts).
 */
export class ResponseCache<Answer> {
  readonly #entries = new Map<string, Answer>();
  #bytes = 0;
  #minute = -1;

  /** `bytesOf`: the size of an answer's body; its key and bookkeeping are added to it. */
  constructor(
    private readonly bytesOf: (answer: Answer) => number,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): Answer | undefined {
    return this.#entries.get(key);
  }

  /** Keeps an answer; `minute` is the current one, for answers that hold only for a minute. */
  set(key: string, value: Answer, minute?: number): void {
    if (minute !== undefined && minute !== this.#minute) {
      this.#minute = minute;
      const current = `#${minute}`;
      for (const old of this.#entries.keys())
        if (old.startsWith('T') && !old.endsWith(current)) this.#delete(old);
    }
    const size = this.#sizeOf(key, value);
    if (size > this.maxBytes) return;
    this.#delete(key);
    // A Map iterates in insertion order: the first key is the oldest answer.
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes + size <= this.maxBytes) break;
      this.#delete(oldest);
    }
    this.#entries.set(key, value);
    this.#bytes += size;
  }

  #delete(key: string): void {
    const value = this.#entries.get(key);
    if (!value) return;
    this.#entries.delete(key);
    this.#bytes -= this.#sizeOf(key, value);
  }

  /** Roughly what an entry holds in memory: its body, its key as UTF-16, and overhead. */
  #sizeOf(key: string, value: Answer): number {
    return this.bytesOf(value) + 2 * key.length + 256;
  }
}

/** The size of a cached GET answer's body. */
export const bodyBytes = (answer: CachedResponse) => answer.body.byteLength;

export const cacheHeaders = { 'Cache-Control': 'public, max-age=60' } as const;
export const jsonType = 'application/json; charset=utf-8';

/**
 * The cache key of a GET: its path and query (as sent, so that only the same URL matches),
 * and for time-sensitive answers ("open now") the minute, so they never go stale by more.
 */
function cacheKey(pathAndQuery: string, timeSensitive: boolean, minute: number): string {
  return timeSensitive ? `T${pathAndQuery}#${minute}` : `S${pathAndQuery}`;
}

const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);

/** The cached answer to a GET of `pathAndQuery` in the current state of the data, if any. */
export function cachedAnswer(services: Services, pathAndQuery: string): CachedResponse | undefined {
  const responses = services.readModel().responses;
  return (
    responses.get(cacheKey(pathAndQuery, false, 0)) ??
    responses.get(cacheKey(pathAndQuery, true, minuteOf(services.now())))
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
  const minute = minuteOf(services.now());
  const key = cacheKey(pathAndQuery(c), timeSensitive, minute);
  let cached = responses.get(key);
  if (!cached) {
    const body = new TextEncoder().encode(JSON.stringify(build()));
    cached = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
    responses.set(key, cached, minute);
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
