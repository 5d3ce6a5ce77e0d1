import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, startWeb } from '../scripts/system.js';
import { securityHeaderProblems } from '@ankommen/vitest-config/security-headers';

/**
 * The site's security headers on every kind of answer: each page route (found by walking the
 * routes, in a left-to-right and a right-to-left language), the redirect at `/`, the 404 page,
 * the 503 page while the API is down, a refused form post, static files (also precompressed)
 * and built assets; HSTS only over TLS (TLS=true, or an https ORIGIN).
 */
const routesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'routes');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every page route with real parameters: both languages, a real offer and agency. */
function pagePaths(offerId: string, agencyId: string): string[] {
  return files(routesDir)
    .filter((file) => file.endsWith('+page.svelte'))
    .map((file) => '/' + relative(routesDir, dirname(file)).split(sep).filter(Boolean).join('/'))
    .flatMap((route) =>
      ['de', 'ar'].map((lang) =>
        route
          .replace('[lang=lang]', lang)
          .replace('offers/[id]', `offers/${offerId}`)
          .replace('agencies/[id]', `agencies/${agencyId}`),
      ),
    );
}

let system: { url: string; apiUrl: string; close(): void };
const extra: { close(): void }[] = [];
beforeAll(async () => {
  system = await startSystem();
}, 120_000);
afterAll(() => {
  for (const web of extra) web.close();
  system?.close();
});

/** Every kind of answer of the site at `url`, with labels. */
async function answers(url: string): Promise<[string, Response][]> {
  const { items: offers } = (await (await fetch(`${system.apiUrl}/v1/offers`)).json()) as {
    items: { id: string }[];
  };
  const { items: agencies } = (await (await fetch(`${system.apiUrl}/v1/agencies`)).json()) as {
    items: { id: string }[];
  };
  const get = async (path: string, init: RequestInit = {}): Promise<[string, Response]> => {
    const response = await fetch(`${url}${path}`, { redirect: 'manual', ...init });
    await response.arrayBuffer();
    return [`${init.method ?? 'GET'} ${path} (${response.status})`, response];
  };
  const result: [string, Response][] = [];
  const pages = pagePaths(offers[0]!.id, agencies[0]!.id);
  expect(pages.length).toBeGreaterThanOrEqual(18);
  for (const path of pages) {
    const answer = await get(path);
    expect(answer[1].status, path).toBe(200);
    result.push(answer);
  }
  const html = await (await fetch(`${url}/de`)).text();
  const asset = html.match(/\/_app\/immutable\/[^"']+\.css/)?.[0];
  expect(asset).toBeDefined();
  for (const path of ['/', '/de/nowhere', '/de/offers/no-such-offer', '/site.js', '/sw.js'])
    result.push(await get(path));
  for (const path of ['/favicon.svg', '/robots.txt', '/manifest.webmanifest', asset!])
    result.push(await get(path, { headers: { 'accept-encoding': 'br, gzip' } }));
  result.push(
    await get('/de/guide', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: 'a=b',
    }),
  );
  return result;
}

describe('security headers of the site', () => {
  it('are on every page, redirect, error page, form answer and static file without TLS', async () => {
    const all = await answers(system.url);
    const statuses = new Set(all.map(([, response]) => response.status));
    for (const status of [200, 307, 403, 404]) expect(statuses).toContain(status);
    expect(
      all.flatMap(([label, response]) => securityHeaderProblems(label, response, false)),
    ).toEqual([]);
  });

  it('add HSTS over TLS: TLS=true, or an https ORIGIN behind a proxy', async () => {
    const settings: Record<string, string>[] = [
      { TLS: 'true' },
      { ORIGIN: 'https://ankommen.example' },
    ];
    for (const env of settings) {
      const web = await startWeb(system.apiUrl, env);
      extra.push(web);
      const all = await answers(web.url);
      expect(
        all.flatMap(([label, response]) => securityHeaderProblems(label, response, true)),
      ).toEqual([]);
    }
  });

  it('are on the 503 page while the API is down', async () => {
    const web = await startWeb('http://127.0.0.1:9');
    extra.push(web);
    for (const path of ['/de', '/de/offers']) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status).toBe(503);
      expect(securityHeaderProblems(path, response, false)).toEqual([]);
    }
  });
});
