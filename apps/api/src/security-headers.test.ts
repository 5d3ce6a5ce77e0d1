import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';
import { startTestApi, type TestApi } from './testing/harness.js';
import { securityHeaderProblems } from '@ankommen/vitest-config/security-headers';

/**
 * The security headers on every kind of answer the API gives: each GET of the OpenAPI
 * document (crawled, with a real and a missing id), answers from the response cache and the
 * Wegweiser's fast path, problem answers (400, 401, 404, 413, 429), the docs page and its
 * assets, preflights and 304s; with and without TLS (HSTS only with).
 */
const profile = { residenceStatus: 'eu_citizen', ageGroup: 'adult', arrival: 'recent' };

/** Every documented GET, with a real id where there is one and a missing id as well. */
function documentedGets(): string[] {
  const realIds: Record<string, string> = {
    '/v1/offers/{id}': rawData.offers[0]!.id,
    '/v1/agencies/{id}': rawData.agencies[0]!.id,
  };
  return Object.entries(openApiDocument().paths ?? {})
    .filter(([, item]) => 'get' in (item as object))
    .flatMap(([path]) =>
      path.includes('{')
        ? [
            ...(realIds[path] ? [path.replace(/\{\w+\}/, realIds[path])] : []),
            path.replace(/\{\w+\}/g, 'no-such-id'),
          ]
        : [path],
    );
}

for (const tls of [false, true]) {
  describe(`security headers ${tls ? 'over TLS' : 'without TLS'}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(
        { dataDir: 'memory://' },
        { TLS: String(tls), ROUTE_RATE_LIMIT: '3' },
      );
    });
    afterAll(() => api.close());

    it('are on every kind of answer', async () => {
      const answers: [string, Response][] = [];
      const add = async (label: string, path: string, init?: Parameters<TestApi['request']>[1]) => {
        const response = await api.request(path, init);
        answers.push([`${label} ${init?.method ?? 'GET'} ${path} (${response.status})`, response]);
        await response.arrayBuffer();
        return response;
      };
      const gets = documentedGets();
      expect(gets.length).toBeGreaterThan(20);
      for (const path of gets) await add('documented', path);
      // Public lists again: now from the response cache, then as 304.
      const cached = await add('cached', '/v1/offers');
      await add('not modified', '/v1/offers', {
        headers: { 'if-none-match': cached.headers.get('etag')! },
      });
      const wegweiser = { profile, date: '2026-11-25', lang: 'en' };
      await add('fast path', '/v1/route', { method: 'POST', body: wegweiser });
      await add('through the app', '/v1/route?view=full', { method: 'POST', body: wegweiser });
      await add('invalid body', '/v1/route', { method: 'POST', body: { profile: 3 } });
      await add('not JSON', '/v1/route', { method: 'POST', body: '{' });
      await add('rate-limited', '/v1/route', { method: 'POST', body: wegweiser });
      await add('too large', '/v1/route', { method: 'POST', body: 'x'.repeat(70_000) });
      await add('unknown path', '/nowhere');
      await add('preflight', '/v1/offers', { method: 'OPTIONS' });
      await add('health', '/health');
      await add('docs', '/docs');
      await add('docs asset', '/docs/assets/swagger-ui-bundle.js');
      await add('docs init', '/docs/assets/init.js');
      await add('staff, signed out', '/v1/admin/me');
      await add('staff, cross-site', '/v1/admin/login', {
        method: 'POST',
        body: {},
        headers: { origin: 'https://evil.example' },
      });
      const statuses = new Set(answers.map(([, response]) => response.status));
      for (const status of [200, 304, 400, 401, 403, 404, 413, 429])
        expect(statuses).toContain(status);
      expect(
        answers.flatMap(([label, response]) => securityHeaderProblems(label, response, tls)),
      ).toEqual([]);
    });
  });
}
