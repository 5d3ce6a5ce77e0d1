import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/harness.js';

/**
 * Malformed, wrongly typed, oversized and odd-unicode input to every route, public and staff:
 * never a 5xx, and every 4xx is problem+json. Seeded, so every run sends the same requests.
 */
let api: TestApi;
let cookie: string;
beforeAll(async () => {
  api = await startTestApi({ dataDir: 'memory://' }, { ROUTE_RATE_LIMIT: '100000' });
  cookie = await api.signIn('admin');
});
afterAll(() => api.close());

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const strings = [
  '',
  ' ',
  'a'.repeat(5000),
  '\u0000',
  '\u202e\u200f',
  'e\u0301',
  '😀',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  'NaN',
  '-1',
  '1e309',
  'null',
  'true',
  'ٱلْعَرَبِيَّة',
];
const values = [
  ...strings,
  0,
  -1,
  1.5,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  null,
  [],
  {},
  [1, 'a'],
  { nested: { deep: [null] } },
];

describe('hostile input', () => {
  it('never answers 5xx, and every 4xx is problem+json', async () => {
    const next = random(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const routes = api.app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/v1/admin/logout')
      .map((r) => ({ method: r.method, path: r.path }));
    const failures: string[] = [];
    for (const route of routes) {
      for (let i = 0; i < 6; i++) {
        const path = route.path.replace(/:(\w+)/g, () =>
          encodeURIComponent(String(pick(strings)) || 'x'),
        );
        const query = Array.from(
          { length: 1 + Math.floor(next() * 3) },
          () =>
            `${pick(['q', 'lang', 'page', 'perPage', 'per_page', 'near', 'topic', 'cost', 'from', 'status', 'x'])}=${encodeURIComponent(String(pick(values)))}`,
        ).join('&');
        const body =
          route.method === 'GET'
            ? undefined
            : next() < 0.2
              ? '{"broken": '
              : {
                  [pick(['profile', 'answers', 'value', 'ruleSet', 'email', 'x'])]: pick(values),
                  version: pick(values),
                };
        const response = await api.request(`${path}?${query}`, {
          method: route.method,
          body,
          headers: { cookie },
        });
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 500)
          failures.push(
            `${route.method} ${path}?${query}: ${response.status} ${await response.text()}`,
          );
        else if (response.status >= 400 && !type.startsWith('application/problem+json'))
          failures.push(`${route.method} ${path}: ${response.status} as ${type}`);
        else await response.arrayBuffer();
      }
    }
    expect(failures).toEqual([]);
  });
});
