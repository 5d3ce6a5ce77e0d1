import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiHttpError,
  ApiProblemError,
  createClient,
  type Client,
  type CompactRouteAnswer,
  type OfferDetail,
  type OfferPage,
  type Profile,
} from '../src/index.js';
import { startApi, type RunningApi } from './api.js';

let api: RunningApi;
let client: Client;
beforeAll(async () => {
  api = await startApi();
  client = createClient({ baseUrl: `${api.url}/` });
});
afterAll(() => api.close());

const p01 = rawData.personas.find((p) => p.id === 'p01')!;
// A JSON import types the profile's answers as plain strings; the API checks them.
const persona = { ...p01, profile: p01.profile as Profile };

describe('typed calls against the running API', () => {
  it('searches offers: the page is typed, Arabic finds German courses through the taxonomy', async () => {
    const page = await client.get('/v1/offers', {
      query: { q: 'Deutschkurs', lang: 'ar', perPage: 5 },
    });
    expectTypeOf(page).toEqualTypeOf<OfferPage>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.perPage).toBe(5);
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(page.items.map((offer) => offer.category)).toContain('german_course');
  });

  it('shows an offer in Arabic and says which texts fell back', async () => {
    const offer = await client.get('/v1/offers/{id}', {
      path: { id: 'buergerbuero-wohnsitzanmeldung' },
      query: { lang: 'ar' },
    });
    expectTypeOf(offer).toEqualTypeOf<OfferDetail>();
    expect(offer.id).toBe('buergerbuero-wohnsitzanmeldung');
    expect(offer.fallback).toContain('title');
    expect(offer.title).toMatchObject({ lang: 'en', fallback: true });
    expect(offer.category.label).not.toBe('');
    expect(offer.openNow).toBe(true);
  });

  it('routes a persona: the compact Wegweiser, then its texts', async () => {
    const wegweiser = await client.route(persona.profile, { lang: 'en', date: '2026-11-25' });
    expectTypeOf(wegweiser).toEqualTypeOf<CompactRouteAnswer>();
    const targets = wegweiser.steps.map((step) => step.target);
    expect(targets).toEqual(expect.arrayContaining(persona.expected.must_include));
    expect(targets).not.toContain('jmd');
    expect(wegweiser.texts).toBe('/v1/route/texts?lang=en');
    const texts = await client.get('/v1/route/texts', { query: { lang: 'en' } });
    expect(texts.revision).toBe(wegweiser.revision);
    for (const rule of wegweiser.steps.flatMap((step) => step.because))
      expect(texts.reasons[rule]?.text).toBeTruthy();
  });

  it('routes with the texts inline (view full) and with the generic post', async () => {
    const full = await client.route(persona.profile, { lang: 'de', view: 'full' });
    expect(full.steps[0]?.because[0]?.text).toBeTruthy();
    expect(Object.keys(full.targets)).toEqual(
      expect.arrayContaining(full.steps.map((step) => step.target)),
    );
    const compact = await client.post('/v1/route', { body: { profile: persona.profile } });
    expect(compact.steps.map((step) => step.target)).toEqual(full.steps.map((step) => step.target));
    const questions = await client.post('/v1/route/questions', {
      body: { answers: { age: 30 }, lang: 'en' },
    });
    expect(questions.complete).toBe(false);
    expect(questions.questions.map((question) => question.field)).toContain('status');
  });
});

describe('errors', () => {
  it('turns a 400 into an ApiProblemError naming every field at fault', async () => {
    const error = await client
      .get('/v1/offers', { query: { perPage: 1000, topic: 'space' as never } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblemError);
    const problem = error as ApiProblemError;
    expect(problem.status).toBe(400);
    expect(problem.type).toBe('https://ankommen.example/problems/validation');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['query.perPage', 'query.topic']);
    expect(problem.message).toContain('query.perPage');
  });

  it('names a wrong field of a profile', async () => {
    const error = await client
      .route({ ...persona.profile, age: -1 })
      .catch((caught: unknown) => caught);
    expect((error as ApiProblemError).errors.map((e) => e.field)).toEqual(['body.profile.age']);
  });

  it('turns a 404 into an ApiProblemError', async () => {
    const error = await client
      .get('/v1/agencies/{id}', { path: { id: 'no-such-agency' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error).toMatchObject({ status: 404, title: 'No such agency' });
  });

  it('turns an answer that is not a problem into an ApiHttpError', async () => {
    const proxy = createClient({
      baseUrl: api.url,
      // A proxy in front of the API that answers with a page of its own.
      fetch: async () =>
        new Response('<h1>Bad gateway</h1>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html' },
        }),
    });
    const error = await proxy.get('/v1/city').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiHttpError);
    expect(error).toMatchObject({ status: 502, body: '<h1>Bad gateway</h1>' });
  });

  it('lets an abort propagate as the fetch’s AbortError', async () => {
    const controller = new AbortController();
    const pending = client.get('/v1/taxonomy', {
      query: { lang: 'fa' },
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('options', () => {
  it('sends through a custom fetch, with the client’s headers and token', async () => {
    const seen: Request[] = [];
    const logging = createClient({
      baseUrl: api.url,
      headers: { 'x-client': 'test' },
      token: 'secret-token',
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        return fetch(request);
      },
    });
    const city = await logging.get('/v1/city', { query: { lang: 'uk' } });
    expect(city.id).toBe('karlsruhe');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${api.url}/v1/city?lang=uk`);
    expect(seen[0]!.headers.get('x-client')).toBe('test');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer secret-token');
  });

  it('refuses calls whose types are wrong', () => {
    // Checked by tsc (npm run typecheck), never sent.
    const typeErrors = () => {
      // @ts-expect-error: not a path of the API
      void client.get('/v1/nothing');
      // @ts-expect-error: the offer's id is required
      void client.get('/v1/offers/{id}', { query: { lang: 'de' } });
      // @ts-expect-error: not a query parameter of /v1/offers
      void client.get('/v1/offers', { query: { colour: 'red' } });
      // @ts-expect-error: a route needs a body
      void client.post('/v1/route');
    };
    expect(typeErrors).toBeTypeOf('function');
  });
});
