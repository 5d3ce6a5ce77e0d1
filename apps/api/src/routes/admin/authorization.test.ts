import { rawData } from '@ankommen/data-karlsruhe';
import type { Role } from '@ankommen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../openapi.js';
import { startTestApi, type TestApi } from '../../testing/harness.js';
import { permissions, type Access } from './access.js';

/**
 * The authorisation matrix. The routes come from the app's route table (and must be the
 * OpenAPI document's); who may call each one comes from the rule table below, written down
 * here independently of the code. A new /v1/admin route without a row here fails, and so does
 * a route whose code lets through someone this table does not.
 *
 * Callers: each role, a partner on its own agency's records (`partner`) and on another
 * partner agency's records (`partner-other`), and nobody signed in.
 */
const staff = ['admin', 'editor', 'reviewer'] as const;
const anyone = [...staff, 'partner'] as const;
const rules: Record<string, Access> = {
  'POST /v1/admin/login': 'public',
  'POST /v1/admin/logout': 'signed-in',
  'GET /v1/admin/me': 'signed-in',
  'POST /v1/admin/tokens': 'signed-in',
  'GET /v1/admin/users': ['admin'],
  'POST /v1/admin/users': ['admin'],
  'PATCH /v1/admin/users/{id}': ['admin'],
  'GET /v1/admin/offers': anyone,
  'GET /v1/admin/offers/{id}': anyone,
  'POST /v1/admin/offers': ['admin', 'editor', 'partner'],
  'PUT /v1/admin/offers/{id}': ['admin', 'editor', 'partner'],
  'POST /v1/admin/offers/{id}/submit': ['admin', 'editor', 'partner'],
  'POST /v1/admin/offers/{id}/approve': ['admin', 'reviewer'],
  'POST /v1/admin/offers/{id}/reject': ['admin', 'reviewer'],
  'POST /v1/admin/offers/{id}/publish': ['admin', 'editor'],
  'POST /v1/admin/offers/{id}/archive': ['admin', 'editor'],
  'GET /v1/admin/agencies': staff,
  'GET /v1/admin/agencies/{id}': staff,
  'POST /v1/admin/agencies': ['admin', 'editor'],
  'PUT /v1/admin/agencies/{id}': ['admin', 'editor'],
  'POST /v1/admin/agencies/{id}/submit': ['admin', 'editor'],
  'POST /v1/admin/agencies/{id}/approve': ['admin', 'reviewer'],
  'POST /v1/admin/agencies/{id}/reject': ['admin', 'reviewer'],
  'POST /v1/admin/agencies/{id}/publish': ['admin', 'editor'],
  'POST /v1/admin/agencies/{id}/archive': ['admin', 'editor'],
  'GET /v1/admin/rule-sets': staff,
  'GET /v1/admin/rule-sets/{version}': staff,
  'POST /v1/admin/rule-sets': ['admin', 'editor'],
  'POST /v1/admin/rule-sets/{version}/check': staff,
  'POST /v1/admin/rule-sets/{version}/publish': ['admin', 'reviewer'],
  'POST /v1/admin/rule-sets/{version}/restore': ['admin', 'reviewer'],
  'GET /v1/admin/audit': staff,
  'GET /v1/admin/translations/coverage': staff,
  'GET /v1/admin/translations': staff,
  'GET /v1/admin/translations/xliff': staff,
  'POST /v1/admin/translations/xliff': ['admin', 'editor'],
  'GET /v1/admin/insights': staff,
};

const roles: Role[] = ['admin', 'editor', 'reviewer', 'partner'];
type Caller = Role | 'partner-other' | 'anonymous';
const callers: Caller[] = [...roles, 'partner-other', 'anonymous'];

const agencyA = 'awo-karlsruhe-migrationszentrum';
const agencyB = 'caritas-karlsruhe-oemd';
const template = (id: string) => rawData.offers.find((offer) => offer.id === id)!;
/** A partner's new draft offer, copied from one of its agency's published offers. */
const draftOf = (agency: string, id: string) => ({
  ...template(agency === agencyA ? 'awo-migrationsberatung-mbe' : 'oemd-caritas-diakonie-mbe'),
  id,
});

let api: TestApi;
const cookies = new Map<Caller, string>();
/** Partner A's draft. */
const ownDraft = draftOf(agencyA, 'matrix-own-draft');
/** Partner B's draft: what `partner-other` (partner A) aims at. */
const otherDraft = draftOf(agencyB, 'matrix-other-draft');
/** Partner B's offer in review. */
const otherInReview = 'matrix-other-in-review';

beforeAll(async () => {
  api = await startTestApi({ dataDir: 'memory://' }, { LOGIN_CLIENT_RATE_LIMIT: '1000' });
  for (const role of roles)
    cookies.set(
      role,
      await api.signIn(role, role === 'partner' ? { partnerAgencyId: agencyA } : {}),
    );
  // `partner-other` is partner A aiming at partner B's records.
  cookies.set('partner-other', cookies.get('partner')!);
  const partnerB = await api.signIn('partner', { partnerAgencyId: agencyB });
  cookies.set('anonymous', '');
  // Partner A's draft, partner B's draft and partner B's offer in review.
  for (const [cookie, value] of [
    [cookies.get('partner')!, ownDraft],
    [partnerB, otherDraft],
    [partnerB, draftOf(agencyB, otherInReview)],
  ] as const) {
    const created = await api.request('/v1/admin/offers', {
      method: 'POST',
      body: { value },
      headers: { cookie },
    });
    expect(created.status).toBe(201);
  }
  const submitted = await api.request(`/v1/admin/offers/${otherInReview}/submit`, {
    method: 'POST',
    body: { version: 1 },
    headers: { cookie: partnerB },
  });
  expect(submitted.status).toBe(200);
});
afterAll(() => api.close());

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** The staff routes of the app's route table, with OpenAPI-style parameters. */
const routeTable = () => [
  ...new Set(
    api.app.routes
      .filter((route) => route.path.startsWith('/v1/admin') && route.method !== 'ALL')
      .map((route) => key(route.method, route.path.replace(/:(\w+)/g, '{$1}'))),
  ),
];

const agencyValue = rawData.agencies.find((agency) => agency.id === agencyA)!;
const offerIdRoute = /^\S+ \/v1\/admin\/offers\/\{id\}/;

/**
 * What a caller should get, from the rule table: 401 or 403 (refused), 404 (a partner aiming
 * at another partner's record: the same answer as for a missing one), or `allowed`.
 */
function expectation(route: string, caller: Caller): 401 | 403 | 404 | 'allowed' {
  const rule = rules[route]!;
  if (rule === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  const role: Role = caller === 'partner-other' ? 'partner' : caller;
  if (rule !== 'signed-in' && !rule.includes(role)) return 403;
  if (caller === 'partner-other' && offerIdRoute.test(route)) return 404;
  if (caller === 'partner-other' && route === 'POST /v1/admin/offers') return 403;
  return 'allowed';
}

/**
 * The request a caller sends: real ids and well-formed bodies, with a version that cannot
 * match (If-Match "v999") or a body that fails validation, so that an allowed caller gets
 * past the access and ownership checks (to 200, 400, 404, 409 or 415) and nothing changes.
 * `partner` aims at its own agency's draft, `partner-other` (the same partner) at another
 * partner agency's.
 */
function requestFor(route: string, caller: Caller) {
  const [method, template] = route.split(' ') as [string, string];
  const offer = caller === 'partner-other' ? otherDraft : ownDraft;
  const path = template
    .replace('/offers/{id}', `/offers/${offer.id}`)
    .replace('/agencies/{id}', `/agencies/${agencyA}`)
    .replace('{id}', '00000000-0000-4000-8000-000000000000')
    .replace('{version}', '999999');
  let body: unknown = method === 'GET' ? undefined : {};
  if (route === 'PUT /v1/admin/offers/{id}') body = { value: offer };
  if (route === 'PUT /v1/admin/agencies/{id}') body = { value: agencyValue };
  if (route === 'POST /v1/admin/offers' && caller === 'partner-other')
    body = { value: { ...otherDraft, id: 'matrix-never-created' } };
  return { method, path, body, headers: { 'if-match': '"v999"' } };
}

describe('authorisation matrix', () => {
  it('lists the same staff routes in the route table, the OpenAPI document, the code’s rules and this table', () => {
    const routes = routeTable().sort();
    const documented = Object.entries(openApiDocument().paths ?? {})
      .filter(([path]) => path.startsWith('/v1/admin'))
      .flatMap(([path, item]) =>
        Object.keys(item as object)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => key(method, path)),
      )
      .sort();
    expect(routes.length).toBeGreaterThan(30);
    expect(documented).toEqual(routes);
    expect(routes.filter((route) => !(route in rules))).toEqual([]);
    expect(Object.keys(rules).filter((route) => !routes.includes(route))).toEqual([]);
    // The code's own registry says the same as this table.
    for (const route of routes) expect(permissions.get(route), route).toEqual(rules[route]);
  });

  it('gives every caller on every staff route what the rule table says, and changes nothing', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const route of routeTable()) {
      for (const caller of callers) {
        const { method, path, body, headers } = requestFor(route, caller);
        // Signing out ends the session it is sent with: use a session of its own.
        const cookie =
          route === 'POST /v1/admin/logout' && caller !== 'anonymous'
            ? await api.signIn(
                caller === 'partner-other' ? 'partner' : caller,
                caller.startsWith('partner') ? { partnerAgencyId: agencyA } : {},
              )
            : cookies.get(caller)!;
        const response = await api.request(path, { method, body, headers: { ...headers, cookie } });
        cells++;
        const expected = expectation(route, caller);
        const status = response.status;
        const ok =
          expected === 'allowed'
            ? status !== 401 &&
              status !== 403 &&
              status < 500 &&
              // A partner's own record exists for the partner.
              !(caller === 'partner' && offerIdRoute.test(route) && status === 404)
            : status === expected;
        if (!ok) failures.push(`${route} as ${caller}: ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(routeTable().length * callers.length);
    // Nothing the matrix sent was applied.
    for (const [id, status] of [
      [ownDraft.id, 'draft'],
      [otherDraft.id, 'draft'],
      [otherInReview, 'in_review'],
    ] as const) {
      const record = await api.system.database.offers.get(id);
      expect(record?.status).toBe(status);
    }
    expect((await api.system.database.offers.get(ownDraft.id))?.version).toBe(1);
    expect((await api.system.database.offers.get(otherDraft.id))?.version).toBe(1);
    expect(await api.system.database.offers.get('matrix-never-created')).toBeUndefined();
  });
});

describe('partners and other partners’ drafts', () => {
  const asPartner = async (path: string, method = 'GET', body?: unknown) => {
    const response = await api.request(path, {
      method,
      body,
      headers: { cookie: cookies.get('partner')!, 'if-match': '"v1"' },
    });
    return { status: response.status, text: await response.text() };
  };

  it('lists only the partner’s own agency’s records, in every status', async () => {
    for (const query of ['', '?status=draft', '?status=in_review', '?status=published']) {
      const { status, text } = await asPartner(`/v1/admin/offers${query}`);
      expect(status).toBe(200);
      const items = (JSON.parse(text) as { items: { id: string; value: { providerId: string } }[] })
        .items;
      expect(
        items.every((item) => item.value.providerId === agencyA),
        query,
      ).toBe(true);
      // Nothing of agency B anywhere in the answer, not even in a nested field.
      expect(text).not.toContain(agencyB);
      expect(text).not.toContain(otherDraft.id);
      if (query === '?status=draft') expect(items.map((item) => item.id)).toContain(ownDraft.id);
    }
  });

  it('answers another partner’s draft and offer in review as it answers a missing one', async () => {
    const missing = await asPartner('/v1/admin/offers/no-such-offer');
    expect(missing.status).toBe(404);
    for (const id of [otherDraft.id, otherInReview]) {
      const value = { ...otherDraft, id };
      for (const [method, path, body] of [
        ['GET', `/v1/admin/offers/${id}`, undefined],
        ['PUT', `/v1/admin/offers/${id}`, { value }],
        ['POST', `/v1/admin/offers/${id}/submit`, {}],
      ] as const) {
        const answer = await asPartner(path, method, body);
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.text.replace(id, 'no-such-offer')).toBe(missing.text);
      }
      // The reviewer's and editor's moves are not the partner's at all.
      for (const move of ['approve', 'reject', 'publish', 'archive'])
        expect((await asPartner(`/v1/admin/offers/${id}/${move}`, 'POST', {})).status).toBe(403);
    }
    expect((await api.system.database.offers.get(otherInReview))?.status).toBe('in_review');
  });

  it('keeps translations and their XLIFF exchange closed to partners', async () => {
    for (const [method, path] of [
      ['GET', '/v1/admin/translations/coverage'],
      ['GET', `/v1/admin/translations?lang=en&entityType=offer&entityId=${otherDraft.id}`],
      ['GET', `/v1/admin/translations/xliff?lang=en&entityType=offer&entityId=${otherDraft.id}`],
      ['POST', '/v1/admin/translations/xliff'],
    ] as const) {
      const { status, text } = await asPartner(path, method, method === 'POST' ? {} : undefined);
      expect(status, path).toBe(403);
      expect(text).not.toContain(otherDraft.id);
    }
  });

  it('does not let a partner move an own draft to another agency', async () => {
    const { status } = await asPartner(`/v1/admin/offers/${ownDraft.id}`, 'PUT', {
      value: { ...ownDraft, providerId: agencyB },
    });
    expect(status).toBe(403);
    expect((await api.system.database.offers.get(ownDraft.id))?.version).toBe(1);
  });
});

describe('cross-site requests to the staff API', () => {
  const tokensOf = async (cookie: string) => {
    const me = await api.request('/v1/admin/me', { headers: { cookie } });
    const { user } = (await me.json()) as { user: { id: string } };
    return (await api.system.database.sessions.listForUser(user.id, new Date(0))).length;
  };
  const createToken = (cookie: string, headers: Record<string, string>) =>
    api.request('/v1/admin/tokens', {
      method: 'POST',
      body: { label: 'cross-site test' },
      headers: { cookie, ...headers },
    });

  it('refuses a cookie-signed write from another site, by Origin or Sec-Fetch-Site', async () => {
    const cookie = cookies.get('editor')!;
    const before = await tokensOf(cookie);
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: api.origin.replace('127.0.0.1', 'localhost') },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: api.origin, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const response = await createToken(cookie, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await response.json()) as { type: string }).type).toMatch(/cross-site/);
    }
    expect(await tokensOf(cookie)).toBe(before);
  });

  it('refuses signing in from another site (login CSRF)', async () => {
    const response = await api.request('/v1/admin/login', {
      method: 'POST',
      body: { email: 'x@example.org', password: 'whatever' },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('lets the same origin, clients without Origin and bearer tokens write', async () => {
    const cookie = cookies.get('editor')!;
    const before = await tokensOf(cookie);
    const same = await createToken(cookie, {
      origin: api.origin,
      'sec-fetch-site': 'same-origin',
    });
    expect(same.status).toBe(201);
    const { token } = (await same.json()) as { token: string };
    expect((await createToken(cookie, {})).status).toBe(201);
    // A token cannot ride along with another site's request, so its Origin does not matter.
    const machine = await api.request('/v1/admin/tokens', {
      method: 'POST',
      body: { label: 'machine' },
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    });
    expect(machine.status).toBe(201);
    expect(await tokensOf(cookie)).toBe(before + 3);
  });

  it('keeps CORS closed on the staff API', async () => {
    const response = await api.request('/v1/admin/me', {
      headers: { origin: 'https://evil.example', cookie: cookies.get('admin')! },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
