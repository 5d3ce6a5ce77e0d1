import { schema } from '@ankommen/db';
import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/harness.js';
import { normalisedQuery } from './usage.js';

const p01 = rawData.personas.find((persona) => persona.id === 'p01')!;
/** p01 with the questions it leaves open answered: a complete plan, for these needs. */
const complete = (needs: string[]) => ({
  ...p01.profile,
  wohnsitzauflage: false,
  wants_to_move_to: 'karlsruhe_district',
  prior_work_in_germany: false,
  needs,
});

let api: TestApi;
let editor: string;
beforeAll(async () => {
  api = await startTestApi();
  editor = await api.signIn('editor');
});
afterAll(() => api?.close());

const route = (profile: object, lang = 'de', query = '') =>
  api.request(`/v1/route${query}`, { method: 'POST', body: { profile, lang } });

const rows = async () => {
  await api.system.services.usage!.flush();
  return api.system.database.db.select().from(schema.usageCounts);
};

const insights = async (query = '') => {
  const response = await api.request(`/v1/admin/insights${query}`, { headers: { cookie: editor } });
  return { status: response.status, body: (await response.json()) as any };
};

describe('planning counts', () => {
  it('keeps need codes and the language of complete plans, nothing else of the profile', async () => {
    // Distinctive answers in the database, the logs and the counts: privacy.test.ts.
    const profile = complete(['work', 'health']);
    // Every way a Wegweiser is answered: the HTTP server's fast path (routed, then kept, then
    // from the request remembered; ADR 0021) and the app (view=full).
    for (let time = 0; time < 3; time++) {
      const fast = await route(profile, 'tr');
      expect(((await fast.json()) as { missing: string[] }).missing).toEqual([]);
    }
    expect(api.system.services.readModel().wegweisers.requests).toBe(1);
    expect((await route(profile, 'tr', '?view=full')).status).toBe(200);
    // An incomplete plan is no completion.
    await route({ needs: ['work'] }, 'tr');

    const stored = await rows();
    const text = JSON.stringify(stored);
    for (const value of ['recognised_refugee', 'buergergeld', 'Pfinztal', 'karlsruhe_district'])
      expect(text).not.toContain(value);
    const completions = stored.filter((row) => row.kind === 'wegweiser_completion');
    expect(completions.map(({ key, lang, count }) => ({ key, lang, count })).sort()).toEqual([
      { key: 'work', lang: 'tr', count: 4 },
      { key: 'health', lang: 'tr', count: 4 },
    ]);
    expect(new Set(stored.map((row) => row.period))).toEqual(new Set(['2026-11']));
  });

  it('counts a plan without needs as "none"', async () => {
    const none = await route(complete([]), 'fa');
    expect(((await none.json()) as { missing: string[] }).missing).toEqual([]);
    expect(await rows()).toContainEqual(
      expect.objectContaining({ kind: 'wegweiser_completion', key: 'none', lang: 'fa', count: 1 }),
    );
  });

  it('counts topics and searches that found nothing, also when answered from the cache', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await api.request('/v1/offers?topic=work&lang=uk');
      expect(response.status).toBe(200);
    }
    // A second page is the same request, not another one.
    await api.request('/v1/offers?topic=work&lang=uk&page=2');
    for (let i = 0; i < 2; i++) await api.request('/v1/offers?q=Xylophonreparatur!&lang=de');
    const stored = await rows();
    expect(stored).toContainEqual(
      expect.objectContaining({ kind: 'topic_request', key: 'work', lang: 'uk', count: 3 }),
    );
    expect(stored).toContainEqual(
      expect.objectContaining({ kind: 'empty_search', key: 'xylophonreparatur', count: 2 }),
    );
  });

  it('normalises queries: folded, without punctuation, at most 60 characters', () => {
    expect(normalisedQuery('  Größe   ÄRZTIN?? ')).toBe('grosse arztin');
    expect(normalisedQuery('a'.repeat(80))).toHaveLength(60);
  });
});

describe('insights', () => {
  it('suppresses every count of one to four and shows five, in every table', async () => {
    // A database of its own: these counts must be exactly what this test made.
    const own = await startTestApi();
    try {
      const cookie = await own.signIn('editor');
      const ownRoute = (needs: string[]) =>
        own.request('/v1/route', {
          method: 'POST',
          body: { profile: complete(needs), lang: 'ru' },
        });
      // n requests for the n-th of five needs, topics and searches: counts 1, 2, 3, 4 and 5.
      const needs = ['school', 'health', 'housing', 'language', 'money'];
      const topics = ['education', 'counselling', 'leisure', 'housing', 'work'];
      const searches = ['zzqq one', 'zzqq two', 'zzqq three', 'zzqq four', 'zzqq five'];
      for (let n = 1; n <= 5; n++) {
        for (let i = 0; i < n; i++) {
          const plan = (await (await ownRoute([needs[n - 1]!])).json()) as { missing: string[] };
          expect(plan.missing).toEqual([]);
          await own.request(`/v1/offers?topic=${topics[n - 1]}&lang=ru`);
          await own.request(`/v1/offers?q=${encodeURIComponent(searches[n - 1]!)}&lang=ru`);
        }
      }
      const response = await own.request('/v1/admin/insights?from=2026-11&to=2026-11', {
        headers: { cookie },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      const byNeed = (need: string) => body.completions.rows.find((r: any) => r.need === need);
      const byTopic = (topic: string) => body.topics.find((t: any) => t.topic === topic);
      for (let n = 1; n <= 4; n++) {
        expect(byNeed(needs[n - 1]!).byLang.ru, `need counted ${n}×`).toEqual({
          count: null,
          hidden: true,
        });
        expect(byTopic(topics[n - 1]!), `topic counted ${n}×`).toEqual({
          topic: topics[n - 1],
          count: null,
          hidden: true,
        });
        // A search below the threshold is not even named.
        expect(JSON.stringify(body)).not.toContain(searches[n - 1]);
      }
      expect(byNeed('money').byLang.ru).toEqual({ count: 5, hidden: false });
      expect(byTopic('work')).toEqual({ topic: 'work', count: 5, hidden: false });
      expect(body.emptySearches).toEqual([
        { query: 'zzqq five', lang: 'ru', count: 5, hidden: false },
      ]);
      // The totals are made of shown counts only: 1 + 2 + 3 + 4 cannot be worked out from them.
      expect(body.completions.totalsByLang.ru).toEqual({ count: 5, hidden: true });
      expect(body.completions.total).toEqual({ count: 5, hidden: true });
      // Nothing in the answer is a number below the threshold.
      const numbers = JSON.stringify(body).match(/"count":\d+/g) ?? [];
      for (const match of numbers) expect(Number(match.slice(8))).toBeGreaterThanOrEqual(5);
    } finally {
      await own.close();
    }
  });

  it('defaults to the month of the API clock and counts nothing in another month', async () => {
    expect((await insights()).body).toMatchObject({ from: '2026-11', to: '2026-11' });
    const october = await insights('?from=2026-10&to=2026-10');
    expect(october.body.completions.rows).toEqual([]);
  });

  it('names the field of a malformed or inverted period', async () => {
    for (const [query, field] of [
      ['?from=2026-13', 'query.from'],
      ['?to=November', 'query.to'],
      ['?from=2026-12&to=2026-11', 'query.from'],
      ['?since=2026-11', 'query.since'],
    ] as const) {
      const { status, body } = await insights(query);
      expect(status, query).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('is for staff, not partners or the public', async () => {
    const partner = await api.signIn('partner', {
      partnerAgencyId: 'awo-karlsruhe-migrationszentrum',
    });
    expect((await api.request('/v1/admin/insights', { headers: { cookie: partner } })).status).toBe(
      403,
    );
    expect((await api.request('/v1/admin/insights')).status).toBe(401);
  });
});

describe('USAGE_COUNTS=off', () => {
  it('counts nothing', async () => {
    const off = await startTestApi({ dataDir: 'memory://' }, { USAGE_COUNTS: 'off' });
    try {
      expect(off.system.services.usage).toBeUndefined();
      await off.request('/v1/route', { method: 'POST', body: { profile: p01.profile } });
      expect(await off.system.database.db.select().from(schema.usageCounts)).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
