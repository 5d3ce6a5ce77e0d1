import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { password, startDesk, type Desk } from './harness.js';
import { securityHeaderProblems } from '@ankommen/vitest-config/security-headers';

/**
 * The dashboard against hostile sites: every form action (found by walking the routes, so a
 * new form is covered without touching this file) refuses a post from another origin or
 * without one; its session cookie's attributes with and without TLS; the security headers on
 * every kind of answer, behind a proxy (ORIGIN) and with TLS=true as well.
 */
const routesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'routes');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
const routeOf = (file: string) =>
  '/' + relative(routesDir, dirname(file)).split(sep).filter(Boolean).join('/');

/** Every form action of the dashboard: route and action name (`default` for unnamed ones). */
function formActions(): { route: string; action: string }[] {
  return files(routesDir)
    .filter((file) => file.endsWith('+page.server.ts'))
    .flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const start = source.indexOf('export const actions');
      if (start < 0) return [];
      const names = [...source.slice(start).matchAll(/^ {2}(?:async )?(\w+)(?:: async|\s*\()/gm)]
        .map((match) => match[1]!)
        .filter((name) => name !== 'export');
      // An actions object this reader cannot parse must not pass unnoticed.
      if (names.length === 0) throw new Error(`no action names found in ${file}`);
      return names.map((action) => ({ route: routeOf(file), action }));
    });
}

/** Endpoints (+server.ts) that take writes: covered by the same check. */
function writeEndpoints(): { route: string; method: string }[] {
  return files(routesDir)
    .filter((file) => file.endsWith('+server.ts'))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)].map(
        (match) => ({ route: routeOf(file), method: match[1]! }),
      ),
    );
}

/** Every page route, for the header crawl. */
const pageRoutes = () =>
  files(routesDir)
    .filter((file) => file.endsWith('+page.svelte'))
    .map(routeOf);

let desk: Desk;
let admin: string;

/** A real path for a route pattern: the partner's offer and agency, rule set 1, English. */
const fill = (route: string) =>
  route
    .replace('/offers/[id]', `/offers/${desk.partner.offerId}`)
    .replace('/agencies/[id]', `/agencies/${desk.partner.agencyId}`)
    .replace('[entityType]/[id]', `offer/${desk.partner.offerId}`)
    .replace('rule/[id]', 'rule/r1')
    .replace('[version]', '1')
    .replace('[lang]', 'en');

/** The headers of a form post as a browser sends it without JavaScript. */
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** Signs in through the dashboard's own form; returns the Set-Cookie header. */
async function signIn(url: string, email: string, origin = url): Promise<Response> {
  return fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...formHeaders, origin },
    body: new URLSearchParams({ email, password }).toString(),
  });
}
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

/** The number of audit entries: every write the API takes leaves one. */
async function auditCount(): Promise<number> {
  const response = await fetch(`${desk.apiUrl}/v1/admin/audit?limit=1000`, {
    headers: { cookie: apiCookie },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: unknown[] }).items.length;
}
let apiCookie: string;

beforeAll(async () => {
  desk = await startDesk({ browser: false });
  const signedIn = await signIn(desk.url, 'admin@example.org');
  expect(signedIn.status).toBe(303);
  admin = cookieOf(signedIn);
  const api = await fetch(`${desk.apiUrl}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'rita@example.org', password }),
  });
  apiCookie = api.headers.get('set-cookie')!.split(';')[0]!;
}, 120_000);
afterAll(() => desk?.close());

describe('cross-site forms', () => {
  it('finds the forms', () => {
    const actions = formActions();
    expect(actions.length).toBeGreaterThan(20);
    expect(actions).toContainEqual({ route: '/logout', action: 'default' });
    expect(actions).toContainEqual({ route: '/users', action: 'create' });
  });

  it('refuses every form action posted from another origin or without one, and nothing changes', async () => {
    const before = await auditCount();
    const targets = [
      ...formActions().map(({ route, action }) => ({
        method: 'POST',
        path: `${fill(route)}${action === 'default' ? '' : `?/${action}`}`,
      })),
      ...writeEndpoints().map(({ route, method }) => ({ method, path: fill(route) })),
    ];
    const failures: string[] = [];
    for (const { method, path } of targets) {
      for (const origin of ['https://evil.example', 'null', undefined]) {
        const response = await fetch(`${desk.url}${path}`, {
          method,
          redirect: 'manual',
          headers: { ...formHeaders, cookie: admin, ...(origin ? { origin } : {}) },
          body: new URLSearchParams({
            email: 'mallory@example.org',
            role: 'admin',
            password: 'a long enough password for mallory',
            comment: 'cross-site',
            decision: 'approve',
          }).toString(),
        });
        if (response.status !== 403)
          failures.push(`${method} ${path} from ${origin ?? 'no origin'}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await auditCount()).toBe(before);
    // The cross-site sign-out did not sign anyone out.
    const home = await fetch(`${desk.url}/`, { redirect: 'manual', headers: { cookie: admin } });
    expect(home.status).toBe(200);
  });

  it('takes the same post from its own origin', async () => {
    const cookie = cookieOf(await signIn(desk.url, 'edith@example.org'));
    const out = await fetch(`${desk.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...formHeaders, cookie, origin: desk.url },
      body: '',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    const after = await fetch(`${desk.url}/`, { redirect: 'manual', headers: { cookie } });
    expect(after.status).toBe(303);
  });

  it('refuses a sign-in form posted from another site', async () => {
    const response = await signIn(desk.url, 'admin@example.org', 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('behind a proxy and over TLS', () => {
  it('checks forms against ORIGIN and marks the cookie Secure when ORIGIN is https', async () => {
    const proxied = await desk.dashboard({ ORIGIN: 'https://dashboard.example' });
    // What the browser behind the proxy sends is the public origin, not the local address.
    const local = await signIn(proxied.url, 'admin@example.org', proxied.url);
    expect(local.status).toBe(403);
    const response = await signIn(proxied.url, 'admin@example.org', 'https://dashboard.example');
    expect(response.status).toBe(303);
    const attributes = response.headers
      .get('set-cookie')!
      .split(';')
      .map((part) => part.trim());
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/'])
      expect(attributes).toContain(attribute);
    const page = await fetch(`${proxied.url}/login`);
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('treats every request as https with TLS=true', async () => {
    const tls = await desk.dashboard({ TLS: 'true' });
    const https = tls.url.replace('http:', 'https:');
    expect((await signIn(tls.url, 'admin@example.org', tls.url)).status).toBe(403);
    const response = await signIn(tls.url, 'admin@example.org', https);
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    for (const path of ['/login', '/desk.js', '/no-such-page'])
      expect((await fetch(`${tls.url}${path}`)).headers.get('strict-transport-security')).toMatch(
        /max-age=\d+/,
      );
  });

  it('issues a new session at sign-in and ends the one the browser held', async () => {
    const first = cookieOf(await signIn(desk.url, 'emil@example.org'));
    const again = await fetch(`${desk.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...formHeaders, origin: desk.url, cookie: first },
      body: new URLSearchParams({ email: 'emil@example.org', password }).toString(),
    });
    expect(again.status).toBe(303);
    const second = cookieOf(again);
    expect(second).not.toBe(first);
    const home = (cookie: string) =>
      fetch(`${desk.url}/`, { redirect: 'manual', headers: { cookie } }).then((r) => r.status);
    expect(await home(second)).toBe(200);
    expect(await home(first)).toBe(303);
  });

  it('sets an HttpOnly, SameSite=Strict, Path=/ cookie, not Secure over plain HTTP', async () => {
    const response = await signIn(desk.url, 'emil@example.org');
    const attributes = response.headers
      .get('set-cookie')!
      .split(';')
      .map((part) => part.trim());
    expect(attributes[0]).toMatch(/^ankommen_dashboard=/);
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/'])
      expect(attributes).toContain(attribute);
    expect(attributes).not.toContain('Secure');
  });
});

describe('security headers', () => {
  it('sends them on every page, error page, endpoint, redirect and static file', async () => {
    const get = (path: string, cookie = admin) =>
      fetch(`${desk.url}${path}`, { redirect: 'manual', headers: { cookie } });
    const problems: string[] = [];
    const pages = pageRoutes().map(fill);
    expect(pages.length).toBeGreaterThan(15);
    for (const path of pages) {
      const response = await get(path);
      expect(response.status, path).toBeLessThan(500);
      problems.push(...securityHeaderProblems(path, response, false));
    }
    const html = await (await get('/')).text();
    const asset = html.match(/\/_app\/immutable\/[^"']+\.css/)?.[0];
    expect(asset).toBeDefined();
    const others: [string, Response][] = [
      ['404 page', await get('/no-such-page')],
      ['redirect to sign-in', await get('/offers', '')],
      ['sign-in page', await get('/login', '')],
      ['static script', await get('/desk.js')],
      ['built stylesheet', await get(asset!)],
      ['endpoint', await get('/opening-hours/preview?hours=Mo-Fr%2009:00-12:00')],
      ['download', await get('/translations/en/xliff')],
      [
        'refused form post',
        await fetch(`${desk.url}/logout`, {
          method: 'POST',
          headers: {
            cookie: admin,
            origin: 'https://evil.example',
            'content-type': 'application/x-www-form-urlencoded',
          },
        }),
      ],
    ];
    // An API that is down: the 503 page.
    const orphan = await desk.dashboard({ API_URL: 'http://127.0.0.1:9' });
    others.push([
      '503 page',
      await fetch(`${orphan.url}/offers`, { redirect: 'manual', headers: { cookie: admin } }),
    ]);
    expect(others.at(-1)![1].status).toBe(503);
    for (const [label, response] of others)
      problems.push(...securityHeaderProblems(label, response, false));
    expect(problems).toEqual([]);
  });
});

describe('a partner and another partner’s drafts in the dashboard', () => {
  const marker = 'Fremder Entwurf 7f3a';
  let otherId: string;
  let partner: string;

  beforeAll(async () => {
    // An offer of another agency, as a draft in review, made through the API by the admin.
    const login = await fetch(`${desk.apiUrl}/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const asAdmin = (path: string, body: unknown) =>
      fetch(`${desk.apiUrl}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const { items } = (await (
      await fetch(`${desk.apiUrl}/v1/admin/offers`, { headers: { cookie } })
    ).json()) as { items: { value: { id: string; providerId?: string } }[] };
    const foreign = items.find(
      (item) => item.value.providerId && item.value.providerId !== desk.partner.agencyId,
    )!.value;
    otherId = `${foreign.id}-entwurf`;
    const created = await asAdmin('/v1/admin/offers', {
      value: { ...foreign, id: otherId, title: { de: { text: marker, status: 'source' } } },
    });
    expect(created.status).toBe(201);
    expect((await asAdmin(`/v1/admin/offers/${otherId}/submit`, { version: 1 })).status).toBe(200);
    partner = cookieOf(await signIn(desk.url, 'paul@example.org'));
  });

  it('shows it on no page and refuses its forms', async () => {
    const leaks: string[] = [];
    const pages = pageRoutes().map((route) =>
      fill(route)
        .replace(`/offers/${desk.partner.offerId}`, `/offers/${otherId}`)
        .replace(`offer/${desk.partner.offerId}`, `offer/${otherId}`),
    );
    for (const path of [...pages, '/offers?status=in_review', '/offers?status=draft']) {
      const response = await fetch(`${desk.url}${path}`, {
        redirect: 'manual',
        headers: { cookie: partner },
      });
      const body = await response.text();
      if (body.includes(marker) || body.includes(otherId))
        leaks.push(`${path} (${response.status})`);
      if (path === `/offers/${otherId}` && response.status !== 404)
        leaks.push(`${path}: ${response.status}, expected 404`);
    }
    expect(leaks).toEqual([]);
    for (const action of ['save', 'workflow', 'check']) {
      const response = await fetch(`${desk.url}/offers/${otherId}?/${action}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...formHeaders, cookie: partner, origin: desk.url },
        body: new URLSearchParams({ version: '2', step: 'submit', title: 'übernommen' }).toString(),
      });
      // 404 where the API is asked (the same answer as for a missing offer), 403 where the
      // dashboard refuses the role before asking.
      expect([403, 404], action).toContain(response.status);
      expect(await response.text()).not.toContain(marker);
    }
    const record = await fetch(`${desk.apiUrl}/v1/admin/offers/${otherId}`, {
      headers: { cookie: apiCookie },
    });
    expect(((await record.json()) as { version: number }).version).toBe(2);
  });
});
