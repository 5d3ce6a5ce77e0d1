import { compactWegweiser, Profile } from '@ankommen/routing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await api.request(path, { headers });
  return {
    response,
    body: response.status === 304 ? null : ((await response.json()) as Record<string, any>),
  };
};

describe('GET /v1/city', () => {
  it('names the city and its welcome centre with the agencies under its roof, open now or not', async () => {
    const { response, body } = await get('/v1/city?lang=ar');
    expect(response.status).toBe(200);
    expect(body!.id).toBe('karlsruhe');
    expect(body!.welcomeCentre.status).toBe('planned');
    expect(body!.welcomeCentre.name).toMatchObject({ lang: 'ar', status: 'machine' });
    const ids = body!.welcomeCentre.agencies.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['buergerbuero', 'jobcenter']));
    expect(body!.welcomeCentre.agencies[0]).toHaveProperty('openNow');
    expect(body!.legal.imprint.fallback).toBe(true);
  });
});

describe('GET /v1/taxonomy', () => {
  it('lists every term with labels in all UI languages', async () => {
    const { response, body } = await get('/v1/taxonomy?lang=ar');
    expect(response.status).toBe(200);
    const term = body!.terms.find((t: { code: string }) => t.code === 'category.german_course');
    expect(Object.keys(term.labels).sort()).toEqual([
      'ar',
      'de',
      'en',
      'fa',
      'fr',
      'ru',
      'tr',
      'uk',
    ]);
    expect(term.label.lang).toBe('ar');
  });
});

describe('GET /v1/offers', () => {
  it('finds compound words: Sprachkurs reaches German courses', async () => {
    const { body } = await get('/v1/offers?q=Sprachkurs&perPage=50');
    expect(body!.total).toBeGreaterThan(0);
    expect(body!.items.map((o: { category: string }) => o.category)).toContain('german_course');
  });

  it('reaches German-only offers from an Arabic query through category labels', async () => {
    const { body: taxonomy } = await get('/v1/taxonomy?lang=ar');
    const arabic = taxonomy!.terms.find(
      (t: { code: string }) => t.code === 'category.german_course',
    ).labels.ar;
    const { body } = await get(`/v1/offers?lang=ar&q=${encodeURIComponent(arabic)}`);
    expect(body!.matchedTerms).toContain('category.german_course');
    expect(body!.items.length).toBeGreaterThan(0);
    expect(body!.items.every((o: { fallback: string[] }) => o.fallback.includes('title'))).toBe(
      true,
    );
    expect(body!.items[0].fallbackLang).toBe('en');
  });

  it('filters by topic, target group and cost, and pages', async () => {
    const { body } = await get('/v1/offers?topic=housing&perPage=3&page=2');
    expect(body!.page).toBe(2);
    expect(body!.items.length).toBeLessThanOrEqual(3);
    expect(body!.items.every((o: { topic: string }) => o.topic === 'housing')).toBe(true);
    const free = await get('/v1/offers?cost=free,reduced&perPage=100');
    expect(
      free.body!.items.every((o: { cost: string }) => ['free', 'reduced'].includes(o.cost)),
    ).toBe(true);
    const youth = await get('/v1/offers?targetGroup=youth_12_27&perPage=100');
    expect(youth.body!.items.length).toBeGreaterThan(0);
    expect(
      youth.body!.items.every((o: { targetGroups: string[] }) =>
        o.targetGroups.includes('youth_12_27'),
      ),
    ).toBe(true);
  });

  it('filters by open now (the Bürgerbüro offices open on a Wednesday morning)', async () => {
    const { body } = await get('/v1/offers?openNow=true&perPage=100');
    expect(body!.items.every((o: { openNow: boolean }) => o.openNow === true)).toBe(true);
    expect(body!.items.map((o: { id: string }) => o.id)).toContain(
      'buergerbuero-wohnsitzanmeldung',
    );
  });

  it('answers bad filters with problem+json naming each field', async () => {
    const { response, body } = await get('/v1/offers?topic=space&perPage=1000&near=north');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body!.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.near',
      'query.perPage',
      'query.topic',
    ]);
  });

  it('refuses unknown query parameters instead of ignoring them', async () => {
    const { response, body } = await get('/v1/offers?colour=red');
    expect(response.status).toBe(400);
    expect(body!.errors[0].field).toBe('query.colour');
  });

  it('sends an ETag and answers 304 when it matches, with public caching', async () => {
    const first = await get('/v1/offers?topic=work');
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=60');
    const second = await get('/v1/offers?topic=work', { 'if-none-match': etag });
    expect(second.response.status).toBe(304);
  });

  it('is open to other origins (CORS)', async () => {
    const response = await api.request('/v1/offers', {
      headers: { origin: 'https://other.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('GET /v1/offers/{id} and /v1/agencies', () => {
  it('shows an offer with its source and where it falls back', async () => {
    const { response, body } = await get('/v1/offers/buergerbuero-wohnsitzanmeldung?lang=uk');
    expect(response.status).toBe(200);
    expect(body!.source.url).toMatch(/^https?:\/\//);
    expect(body!.fallback).toContain('title');
    expect(body!.title.lang).toBe('en');
  });

  it('flags the texts the sources give in German only, in every other language', async () => {
    const hours = (body: Record<string, any>) =>
      body.locations.flatMap((location: any, i: number) =>
        location.openingHours?.text ? [`locations.${i}.openingHours.text`] : [],
      );
    for (const path of [
      '/v1/offers/buergerbuero-wohnsitzanmeldung',
      '/v1/agencies/buergerbuero-ost',
    ]) {
      const german = (await get(`${path}?lang=de`)).body!;
      expect(hours(german).length, path).toBeGreaterThan(0);
      expect(german.fallback).toEqual([]);
      const arabic = (await get(`${path}?lang=ar`)).body!;
      expect(arabic.fallback).toEqual(expect.arrayContaining(hours(arabic)));
    }
  });

  it('answers 404 as problem+json for an unknown offer', async () => {
    const { response, body } = await get('/v1/offers/no-such-offer');
    expect(response.status).toBe(404);
    expect(body!.title).toBe('No such offer');
  });

  it('shows an agency with open now and next opening', async () => {
    const { body } = await get('/v1/agencies/buergerbuero-ost');
    expect(body!.openNow).toBe(true);
    expect(body!.nextOpening).toBe('2026-11-25T09:00:00.000Z');
    expect(body!.appointmentOnly).toBe(true);
    const list = await get('/v1/agencies?kind=authority&perPage=100');
    expect(list.body!.items.every((a: { kind: string }) => a.kind === 'authority')).toBe(true);
  });
});

describe('POST /v1/route', () => {
  const profile = {
    age: 34,
    citizenship: 'third_country',
    residence: 'karlsruhe_district',
    status: 'recognised_refugee',
    benefits: 'buergergeld',
    german_level: 'none',
    children: [],
    has_foreign_degree: false,
    employed: false,
    needs: ['language', 'work', 'housing'],
    municipality: 'Pfinztal',
  };

  it('returns the compact Wegweiser, whose texts come from one cacheable answer', async () => {
    const response = await api.request('/v1/route', {
      method: 'POST',
      body: { profile, date: '2026-11-25', lang: 'ar' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as any;
    const step = body.steps.find((s: { target: string }) => s.target === 'jobcenter_landkreis');
    expect(step.because).toEqual(expect.arrayContaining(['R22b']));
    expect(body.texts).toBe('/v1/route/texts?lang=ar');

    const texts = await get(body.texts);
    expect(texts.response.headers.get('etag')).toBeTruthy();
    expect(texts.body!.revision).toBe(body.revision);
    expect(texts.body!.lang).toBe('ar');
    expect(texts.body!.reasons.R22b.sources[0]).toMatch(/^https:/);
    expect(texts.body!.targets.jobcenter_landkreis.kind).toBe('agency');
    for (const doc of body.steps.flatMap((s: { documents: string[] }) => s.documents))
      expect(texts.body!.documents[doc].text).toBeTruthy();
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(4_000);
  });

  it('gives the same answer on the HTTP server’s fast path as through the app', async () => {
    const body = { profile, date: '2026-11-25', lang: 'uk' };
    const fast = await api.request('/v1/route', { method: 'POST', body });
    const app = await api.request('/v1/route?view=compact', { method: 'POST', body });
    expect(fast.status).toBe(200);
    expect(await fast.text()).toBe(await app.text());
    for (const header of [
      'content-type',
      'cache-control',
      'access-control-allow-origin',
      'content-security-policy',
    ])
      expect(fast.headers.get(header), header).toBe(app.headers.get(header));
  });

  it('keeps a Wegweiser asked for a second time, by its decision, and answers it unchanged', async () => {
    const model = () => api.system.services.readModel();
    const options = { date: '2026-11-25', lang: 'tr' };
    const ask = async (person: typeof profile) =>
      (
        await api.request('/v1/route', { method: 'POST', body: { profile: person, ...options } })
      ).text();
    const before = model().wegweisers.size;
    const first = await ask(profile);
    expect(model().wegweisers.size).toBe(before);
    expect(await ask(profile)).toBe(first);
    expect(model().wegweisers.size).toBe(before + 1);
    // A year older, the same decision: the kept answer, which is this person's own Wegweiser.
    const older = { ...profile, age: 35 };
    const theirs = await ask(older);
    expect(model().wegweisers.size).toBe(before + 1);
    expect(theirs).toBe(first);
    expect(JSON.parse(theirs)).toEqual({
      ...compactWegweiser(model().router.route(Profile.parse(older), options)),
      revision: model().revision,
      texts: '/v1/route/texts?lang=tr',
    });
  });

  it('answers a request asked again, unread, with the Wegweiser kept for it', async () => {
    const model = () => api.system.services.readModel();
    const ask = async (body: object) =>
      (await api.request('/v1/route', { method: 'POST', body })).text();
    const body = { profile, date: '2026-11-25', lang: 'fa' };
    const requests = model().wegweisers.requests;
    const first = await ask(body);
    // Its decision was seen once: nothing is kept, so the request is not remembered either.
    expect(model().wegweisers.requests).toBe(requests);
    expect(await ask(body)).toBe(first);
    expect(model().wegweisers.requests).toBe(requests + 1);
    const decide = vi.spyOn(model().router, 'decide');
    try {
      expect(await ask(body)).toBe(first);
      expect(decide).not.toHaveBeenCalled();
      // Another text is another request, even when it means the same: it is routed.
      expect(await ask({ lang: 'fa', date: '2026-11-25', profile })).toBe(first);
      expect(decide).toHaveBeenCalledTimes(1);
      // A bad request is never answered from what was kept: it gets its problem.
      const bad = await api.request('/v1/route', {
        method: 'POST',
        body: { ...body, profile: { ...profile, age: -1 } },
      });
      expect(bad.status).toBe(400);
    } finally {
      decide.mockRestore();
    }
  });

  it('routes a request without a date again on the next day', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const moving = await startTestApi(undefined, {}, () => now);
    try {
      const ask = async () =>
        (
          (await (
            await moving.request('/v1/route', { method: 'POST', body: { profile, lang: 'de' } })
          ).json()) as { date: string }
        ).date;
      for (let time = 0; time < 3; time++) expect(await ask()).toBe('2026-11-25');
      expect(moving.system.services.readModel().wegweisers.requests).toBe(1);
      now = new Date('2026-11-26T09:00:00Z');
      expect(await ask()).toBe('2026-11-26');
    } finally {
      await moving.close();
    }
  });

  it('returns the full Wegweiser with target names and document labels, and is never cached', async () => {
    const response = await api.request('/v1/route?view=full', {
      method: 'POST',
      body: { profile, date: '2026-11-25', lang: 'en' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as any;
    const targets = body.steps.map((s: { target: string }) => s.target);
    expect(targets).toEqual(
      expect.arrayContaining([
        'meldebehoerde_gemeinde',
        'landratsamt_auslaenderbehoerde',
        'jobcenter_landkreis',
      ]),
    );
    expect(body.targets.landratsamt_auslaenderbehoerde.kind).toBe('agency');
    expect(Object.keys(body.documents)).toContain('passport');
  });

  it('names the fields of a bad profile, unknown ones included', async () => {
    const response = await api.request('/v1/route', {
      method: 'POST',
      body: { profile: { ...profile, age: -1, shoe_size: 42 } },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.profile.age',
      'body.profile.shoe_size',
    ]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await api.request('/v1/route', {
      method: 'POST',
      body: '{"profile": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('refuses NUL in a profile on the fast path as the app does, naming the field', async () => {
    const response = await api.request('/v1/route', {
      method: 'POST',
      body: { profile: { ...profile, municipality: 'Pfinz\u0000tal' } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toContain('body.profile.municipality');
  });

  it('refuses oversized bodies with 413', async () => {
    const response = await api.request('/v1/route', {
      method: 'POST',
      body: { profile, padding: 'x'.repeat(100_000) },
    });
    expect(response.status).toBe(413);
  });

  it('asks the next questions worth asking', async () => {
    const response = await api.request('/v1/route/questions', {
      method: 'POST',
      body: {
        answers: {
          residence: 'karlsruhe_district',
          citizenship: 'third_country',
          status: 'skilled_worker',
        },
        lang: 'de',
      },
    });
    const body = (await response.json()) as any;
    const fields = body.questions.map((q: { field: string }) => q.field);
    expect(fields).toContain('municipality');
    expect(fields).not.toContain('residence');
    const age = body.questions.find((q: { field: string }) => q.field === 'age');
    expect(age.text.text).toBe('Wie alt sind Sie?');
  });
});

describe('rate limit on /v1/route and its questions', () => {
  it('answers 429 with Retry-After past the limit, both together', async () => {
    const limited = await startTestApi({ dataDir: 'memory://' }, { ROUTE_RATE_LIMIT: '3' });
    try {
      const statuses = [];
      for (const path of ['/v1/route', '/v1/route/questions', '/v1/route', '/v1/route/questions']) {
        const body = path === '/v1/route' ? { profile: {} } : { answers: {} };
        statuses.push((await limited.request(path, { method: 'POST', body })).status);
      }
      statuses.push(
        (await limited.request('/v1/route', { method: 'POST', body: { profile: {} } })).status,
      );
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const response = await limited.request('/v1/route', {
        method: 'POST',
        body: { profile: {} },
      });
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('the API as a whole', () => {
  it('serves an OpenAPI 3.1 document and docs with local assets', async () => {
    const { body } = await get('/openapi.json');
    expect(body!.openapi).toBe('3.1.0');
    expect(Object.keys(body!.paths)).toEqual(
      expect.arrayContaining([
        '/v1/offers',
        '/v1/route',
        '/hsds/services',
        '/v1/admin/offers/{id}',
      ]),
    );
    const docs = await api.request('/docs');
    const html = await docs.text();
    expect(html).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await api.request('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  // The security headers of every kind of answer: security-headers.test.ts.
  it('answers unknown paths with problem+json', async () => {
    const response = await api.request('/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
