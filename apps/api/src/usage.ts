import type { UsageIncrement, UsageKind, UsageRepository } from '@ankommen/db';
import { foldForSearch } from '@ankommen/taxonomy';
import type { CachedResponse } from './cache.js';
import type { Services } from './env.js';
import type { RouteBody } from './route-answer.js';

/** One thing to count: what it is about and the language it was asked in (ADR 0014). */
export interface UsageEvent {
  kind: UsageKind;
  key: string;
  lang: string;
}

/**
 * Planning counts, kept in memory and written to the database in batches, so that the public
 * paths never wait for it: counting is one Map increment.
 */
export interface UsageCounter {
  count(event: UsageEvent): void;
  /** Writes what was counted since the last flush; counts that fail to save are kept. */
  flush(): Promise<void>;
  /** Stops the timer and flushes once more (graceful shutdown). */
  close(): Promise<void>;
}

export const usageFlushInterval = 10_000;
/** Distinct rows kept between flushes; past it new keys are dropped (a flood of odd queries). */
const maxPendingRows = 10_000;
const keySeparator = '\u0000';
const maxQueryKeyLength = 60;

export function createUsageCounter(
  repository: UsageRepository,
  now: () => Date,
  { interval = usageFlushInterval }: { interval?: number } = {},
): UsageCounter {
  let pending = new Map<string, number>();
  let period = '';
  let periodEnds = 0;
  let flushing: Promise<void> = Promise.resolve();

  // The month comes from the API's clock and is recomputed only when it has passed.
  const currentPeriod = () => {
    const time = now().getTime();
    if (time >= periodEnds || time < periodEnds - 32 * 86_400_000) {
      const date = new Date(time);
      period = date.toISOString().slice(0, 7);
      periodEnds = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
    return period;
  };

  const save = async () => {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const increments: UsageIncrement[] = [...batch].map(([id, count]) => {
      const [rowPeriod, kind, key, lang] = id.split(keySeparator) as [
        string,
        UsageKind,
        string,
        string,
      ];
      return { period: rowPeriod, kind, key, lang, count };
    });
    try {
      await repository.add(increments);
    } catch (error) {
      for (const [id, count] of batch) pending.set(id, (pending.get(id) ?? 0) + count);
      // Only the error's name: a failed query's message repeats its parameters (search queries).
      console.error(
        `usage counts not saved (${batch.size} rows kept for the next try):`,
        error instanceof Error ? error.name : 'unknown error',
      );
    }
  };

  const flush = () => (flushing = flushing.then(save));
  const timer = setInterval(() => void flush(), interval);
  timer.unref();

  return {
    count({ kind, key, lang }) {
      const id = currentPeriod() + keySeparator + kind + keySeparator + key + keySeparator + lang;
      const count = pending.get(id);
      if (count !== undefined) pending.set(id, count + 1);
      else if (pending.size < maxPendingRows) pending.set(id, 1);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

/**
 * What a complete Wegweiser (no question left open) counts: each need asked about, `none` when
 * none was; the need codes (a closed list) and the language, nothing else of the profile. An
 * incomplete one counts nothing.
 */
export function completionEvents(body: RouteBody, complete: boolean): readonly UsageEvent[] {
  if (!complete) return [];
  const needs = body.profile.needs;
  if (!needs || needs.length === 0)
    return [{ kind: 'wegweiser_completion', key: 'none', lang: body.lang }];
  return needs.map((need) => ({ kind: 'wegweiser_completion', key: need, lang: body.lang }));
}

export function countEvents(services: Services, events: readonly UsageEvent[]): void {
  const usage = services.usage;
  if (usage) for (const event of events) usage.count(event);
}

/** A search query as it is counted: folded, without punctuation, at most 60 characters. */
export function normalisedQuery(q: string): string {
  return foldForSearch(q).replace(/\s+/g, ' ').slice(0, maxQueryKeyLength).trim();
}

/**
 * What one answer of `GET /v1/offers` counts, each time it is served: the topic asked for and
 * a search that found nothing. Only the first page counts, so that paging is not a new request.
 */
export function offerSearchEvents(
  query: { q?: string | undefined; topic?: string | undefined; lang: string; page: number },
  total: number,
): UsageEvent[] {
  if (query.page !== 1) return [];
  const events: UsageEvent[] = [];
  if (query.topic) events.push({ kind: 'topic_request', key: query.topic, lang: query.lang });
  const q = query.q ? normalisedQuery(query.q) : '';
  if (q && total === 0) events.push({ kind: 'empty_search', key: q, lang: query.lang });
  return events;
}

/**
 * The events of a cached answer: the HTTP server serves repeated URLs from the cache without
 * the app (http.ts), so the answer itself carries what serving it counts.
 */
const cachedEvents = new WeakMap<CachedResponse, readonly UsageEvent[]>();

export function tagCachedAnswer(cached: CachedResponse, events: readonly UsageEvent[]): void {
  if (events.length > 0) cachedEvents.set(cached, events);
}

/** Counts what serving this cached answer counts (nothing for most answers). */
export function countCachedAnswer(services: Services, cached: CachedResponse): void {
  const events = cachedEvents.get(cached);
  if (events) countEvents(services, events);
}
