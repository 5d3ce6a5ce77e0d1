import { rawData } from '@ankommen/data-karlsruhe';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openApiDocument } from './openapi.js';
import { Problem } from './problem.js';
import {
  AgencyDetail,
  AgencyPage,
  CityAnswer,
  CompactRouteAnswer,
  FullRouteAnswer,
  OfferDetail,
  OfferPage,
  QuestionsAnswer,
  RouteTextsAnswer,
  TaxonomyAnswer,
} from './responses.js';
import { startTestApi, type TestApi } from './testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  // Every persona is routed three times: more than the default limit per minute.
  api = await startTestApi({ dataDir: 'memory://' }, { ROUTE_RATE_LIMIT: '10000' });
});
afterAll(() => api.close());

const languages = ['de', 'ar', 'uk', 'fa'];

/** The answer's body, parsed with its strict schema: an undocumented field fails. */
async function answer(schema: z.ZodType, path: string, body?: unknown, status = 200) {
  const response = await api.request(path, body === undefined ? {} : { method: 'POST', body });
  expect(response.status, path).toBe(status);
  const json: unknown = await response.json();
  const result = schema.safeParse(json);
  if (!result.success)
    expect.fail(`${path}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)}`);
  return result.data as Record<string, any>;
}

describe('every public answer parses with its schema', () => {
  it('city and taxonomy', async () => {
    for (const lang of languages) {
      await answer(CityAnswer, `/v1/city?lang=${lang}`);
      await answer(TaxonomyAnswer, `/v1/taxonomy?lang=${lang}`);
    }
  });

  it('pages of offers and agencies, filtered and open now', async () => {
    for (const lang of languages) {
      const page = await answer(OfferPage, `/v1/offers?lang=${lang}&perPage=100`);
      expect(page.items.length).toBeGreaterThan(10);
      await answer(AgencyPage, `/v1/agencies?lang=${lang}&perPage=100`);
    }
    const arabic = await answer(OfferPage, '/v1/offers?lang=ar&q=Deutschkurs');
    expect(arabic.items.some((o: { fallback?: string[] }) => o.fallback?.includes('title'))).toBe(
      true,
    );
    await answer(OfferPage, '/v1/offers?openNow=true&near=49.0094,8.4044&radiusKm=20');
    await answer(AgencyPage, '/v1/agencies?kind=authority&openNow=false');
  });

  it('every offer and every agency, in several languages, with fallbacks', async () => {
    for (const lang of ['ar', 'en']) {
      for (const offer of rawData.offers)
        await answer(OfferDetail, `/v1/offers/${offer.id}?lang=${lang}`);
      for (const agency of rawData.agencies)
        await answer(AgencyDetail, `/v1/agencies/${agency.id}?lang=${lang}`);
    }
    const offer = await answer(OfferDetail, '/v1/offers/buergerbuero-wohnsitzanmeldung?lang=ar');
    expect(offer.fallback).toContain('title');
  });

  it('the Wegweiser of every persona, compact (both paths) and full, and its texts', async () => {
    for (const [i, persona] of rawData.personas.entries()) {
      const lang = languages[i % languages.length]!;
      const body = { profile: persona.profile, date: '2026-11-25', lang };
      const compact = await answer(CompactRouteAnswer, '/v1/route', body);
      expect(compact.steps.length).toBeGreaterThan(0);
      await answer(CompactRouteAnswer, '/v1/route?view=compact', body);
      await answer(FullRouteAnswer, '/v1/route?view=full', body);
    }
    for (const lang of languages) await answer(RouteTextsAnswer, `/v1/route/texts?lang=${lang}`);
  });

  it('the next questions', async () => {
    for (const lang of languages) {
      const questions = await answer(QuestionsAnswer, '/v1/route/questions', {
        answers: { age: 30 },
        lang,
      });
      expect(questions.questions.length).toBeGreaterThan(0);
    }
  });

  it('problems: 400 naming the fields, 404, and 413', async () => {
    const invalid = await answer(Problem, '/v1/offers?perPage=1000&colour=red', undefined, 400);
    expect(invalid.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.colour',
      'query.perPage',
    ]);
    await answer(Problem, '/v1/route', { profile: { age: -1 } }, 400);
    await answer(Problem, '/v1/agencies/nobody', undefined, 404);
    await answer(Problem, '/v1/route', { profile: {}, padding: 'x'.repeat(70_000) }, 413);
  });

  it('a strict schema refuses an undocumented field', () => {
    expect(Problem.safeParse({ type: 't', title: 'T', status: 400, extra: 1 }).success).toBe(false);
  });
});

describe('the OpenAPI document', () => {
  it('is the one the server serves, and the one the build wrote for the client', async () => {
    const response = await api.request('/openapi.json');
    const served = await response.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    // Cached like the public answers, with an ETag a client can ask again with.
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    const etag = response.headers.get('etag')!;
    const again = await api.request('/openapi.json', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const built = readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8');
    expect(JSON.parse(built)).toEqual(served);
  });

  it('documents the answers of the public endpoints and their problems', () => {
    const paths = openApiDocument().paths ?? {};
    const offers = paths['/v1/offers']?.get?.responses;
    expect(offers?.['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/OfferPage',
    });
    expect(offers?.['400']?.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    const service = paths['/hsds/services/{id}']?.get?.responses;
    expect(service?.['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/HsdsFullService',
    });
    expect(service?.['404']?.content?.['application/problem+json']?.schema).toBeDefined();
    for (const [path, item] of Object.entries(paths)) {
      if (!/^\/(v1|hsds)\b/.test(path) || path.startsWith('/v1/admin')) continue;
      for (const operation of [item.get, item.post]) {
        if (operation) expect(operation.responses?.['200']?.content, path).toBeDefined();
      }
    }
  });
});
