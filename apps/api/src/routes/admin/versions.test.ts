import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/harness.js';

/**
 * Versions that cannot exist (found by the dashboard's cross-site test: a form without its
 * version field sent If-Match "v0", and the API answered 500): the sender's mistake, a 400
 * naming the field, and nothing changes.
 */
let api: TestApi;
let cookie: string;
const offer = rawData.offers[0]!;

beforeAll(async () => {
  api = await startTestApi();
  cookie = await api.signIn('editor');
});
afterAll(() => api.close());

describe('impossible versions', () => {
  it('refuses them in If-Match and in the body with 400, never 500', async () => {
    const cases: [Record<string, string>, Record<string, unknown>, string][] = [
      [{ 'if-match': '"v0"' }, {}, 'header.if-match'],
      [{ 'if-match': '"vNaN"' }, {}, 'header.if-match'],
      [{ 'if-match': '"v99999999999"' }, {}, 'header.if-match'],
      [{ 'if-match': '*' }, {}, 'header.if-match'],
      [{}, { version: 0 }, 'body.version'],
      [{}, { version: 1e12 }, 'body.version'],
    ];
    for (const [headers, extra, field] of cases) {
      for (const [method, path, body] of [
        ['PUT', `/v1/admin/offers/${offer.id}`, { value: offer, ...extra }],
        ['POST', `/v1/admin/offers/${offer.id}/archive`, extra],
      ] as const) {
        const response = await api.request(path, {
          method,
          body,
          headers: { cookie, ...headers },
        });
        const label = `${method} ${path} ${JSON.stringify({ ...headers, ...extra })}`;
        expect(response.status, label).toBe(400);
        const problem = (await response.json()) as { errors: { field: string }[] };
        expect(
          problem.errors.map((error) => error.field),
          label,
        ).toContain(field);
      }
    }
    const record = await api.system.database.offers.get(offer.id);
    expect(record?.version).toBe(1);
    expect(record?.status).toBe('published');
  });
});
