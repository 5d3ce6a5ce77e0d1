import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/harness.js';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.signIn('admin');
});
afterAll(() => api.close());

const call = async (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const response = await api.request(path, {
    method,
    body,
    headers: { cookie: admin, ...headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text ? (JSON.parse(text) as any) : null,
  };
};

describe('agencies through the staff API', () => {
  it('edits, publishes and archives an agency, and the public follows', async () => {
    const read = await call('GET', '/v1/admin/agencies/menschenrechtszentrum-karlsruhe');
    expect(read.status).toBe(200);
    const value = { ...read.body.value, languages: ['de', 'ar'] };
    const updated = await call(
      'PUT',
      '/v1/admin/agencies/menschenrechtszentrum-karlsruhe',
      { value },
      { 'if-match': read.etag! },
    );
    expect(updated.body.status).toBe('draft');
    expect(
      ((await (await api.request('/v1/agencies/menschenrechtszentrum-karlsruhe')).json()) as any)
        .languages,
    ).toEqual([]);
    await call('POST', '/v1/admin/agencies/menschenrechtszentrum-karlsruhe/publish', {
      version: updated.body.version,
    });
    expect(
      ((await (await api.request('/v1/agencies/menschenrechtszentrum-karlsruhe')).json()) as any)
        .languages,
    ).toEqual(['de', 'ar']);
    const listed = await call('GET', '/v1/admin/agencies?status=published');
    expect(listed.body.items.length).toBeGreaterThan(20);
    const invalid = await call(
      'POST',
      '/v1/admin/agencies/menschenrechtszentrum-karlsruhe/approve',
      { version: 99 },
    );
    expect(invalid.status).toBe(409);
  });

  it('sends an agency through review: an editor submits, a reviewer approves', async () => {
    const editor = await api.signIn('editor', { email: 'agency-editor@example.org' });
    const reviewer = await api.signIn('reviewer', { email: 'agency-reviewer@example.org' });
    const as = async (cookie: string, method: string, path: string, body: unknown) => {
      const response = await api.request(path, { method, body, headers: { cookie } });
      return { status: response.status, body: (await response.json()) as any };
    };
    const path = '/v1/admin/agencies/awo-karlsruhe-migrationszentrum';
    const read = await as(editor, 'GET', path, undefined);
    const value = { ...read.body.value, shortName: 'AWO MZ' };
    const edited = await as(editor, 'PUT', path, { value, version: read.body.version });
    const submitted = await as(editor, 'POST', `${path}/submit`, {
      version: edited.body.version,
    });
    expect(submitted.body.status).toBe('in_review');
    const approved = await as(reviewer, 'POST', `${path}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    const shown = (await (
      await api.request('/v1/agencies/awo-karlsruhe-migrationszentrum')
    ).json()) as any;
    expect(shown.shortName).toBe('AWO MZ');
  });

  it('refuses to archive an agency that published offers still point to', async () => {
    const read = await call('GET', '/v1/admin/agencies/ibz-karlsruhe');
    const archived = await call('POST', '/v1/admin/agencies/ibz-karlsruhe/archive', {
      version: read.body.version,
    });
    expect(archived.status).toBe(409);
    expect(archived.body.type).toMatch(/conflict/);
  });
});

describe('offers near a point', () => {
  it('finds an offer with coordinates within the radius, and not beyond it', async () => {
    const offer = {
      ...(rawData.offers.find((o) => o.id === 'ibz-willkommenscafe') as Record<string, unknown>),
      id: 'cafe-with-coordinates',
      locations: [
        { address: { text: 'Marktplatz, Karlsruhe' }, coordinates: { lat: 49.0094, lon: 8.4037 } },
      ],
    };
    const created = await call('POST', '/v1/admin/offers', { value: offer });
    await call('POST', '/v1/admin/offers/cafe-with-coordinates/publish', {
      version: created.body.version,
    });
    const near = await (
      await api.request('/v1/offers?near=49.0120,8.4100&radiusKm=1&perPage=100')
    ).json();
    expect((near as any).items.map((o: { id: string }) => o.id)).toEqual(['cafe-with-coordinates']);
    const far = await (await api.request('/v1/offers?near=48.7758,9.1829&radiusKm=5')).json();
    expect((far as any).total).toBe(0);
  });
});

describe('users, audit, rule sets and health', () => {
  it('changes a user’s role and ends their sessions', async () => {
    const editor = await api.signIn('editor', { email: 'role-change@example.org' });
    const users = await call('GET', '/v1/admin/users');
    const user = users.body.items.find(
      (u: { email: string }) => u.email === 'role-change@example.org',
    );
    const patched = await call('PATCH', `/v1/admin/users/${user.id}`, { role: 'reviewer' });
    expect(patched.body.user.role).toBe('reviewer');
    expect((await api.request('/v1/admin/me', { headers: { cookie: editor } })).status).toBe(401);
    expect((await call('PATCH', `/v1/admin/users/${user.id}`, { role: 'king' })).status).toBe(400);
  });

  it('names the field when a role and an agency do not go together, and changes nothing', async () => {
    const fields = (answer: { status: number; body: any }) => {
      expect(answer.status).toBe(400);
      return answer.body.errors.map((e: { field: string }) => e.field);
    };
    const password = 'a long enough passphrase';
    const user = (role: string, partnerAgencyId?: string | null) => ({
      email: `mismatch-${role}@example.org`,
      password,
      role,
      ...(partnerAgencyId === undefined ? {} : { partnerAgencyId }),
    });
    expect(fields(await call('POST', '/v1/admin/users', user('partner')))).toEqual([
      'body.partnerAgencyId',
    ]);
    expect(fields(await call('POST', '/v1/admin/users', user('editor', 'ibz-karlsruhe')))).toEqual([
      'body.partnerAgencyId',
    ]);

    const partner = await call('POST', '/v1/admin/users', user('partner', 'ibz-karlsruhe'));
    expect(partner.status).toBe(201);
    const path = `/v1/admin/users/${partner.body.user.id}`;
    for (const patch of [
      { role: 'editor' },
      { partnerAgencyId: null },
      { partnerAgencyId: 'no-such-agency' },
    ])
      expect(fields(await call('PATCH', path, patch)), JSON.stringify(patch)).toEqual([
        'body.partnerAgencyId',
      ]);
    const after = (await call('GET', '/v1/admin/users')).body.items.find(
      (u: { id: string }) => u.id === partner.body.user.id,
    );
    expect(after).toMatchObject({ role: 'partner', partnerAgencyId: 'ibz-karlsruhe' });
    expect(
      (await call('PATCH', '/v1/admin/users/00000000-0000-4000-8000-000000000000', {})).status,
    ).toBe(404);
    // Both together are a valid change.
    const editor = await call('PATCH', path, { role: 'editor', partnerAgencyId: null });
    expect(editor.body.user).toMatchObject({ role: 'editor', partnerAgencyId: null });
  });

  it('filters the audit log by entity, user and time', async () => {
    const all = await call(
      'GET',
      '/v1/admin/audit?entityType=agency&entityId=menschenrechtszentrum-karlsruhe',
    );
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    expect(
      all.body.items.every(
        (e: { entityId: string }) => e.entityId === 'menschenrechtszentrum-karlsruhe',
      ),
    ).toBe(true);
    const future = await call('GET', '/v1/admin/audit?from=2100-01-01');
    expect(future.body.items).toEqual([]);
    expect((await call('GET', '/v1/admin/audit?from=yesterday')).status).toBe(400);
  });

  it('shows a rule-set version and checks it', async () => {
    for (const version of ['2147483648', '0', 'x'])
      expect((await call('GET', `/v1/admin/rule-sets/${version}`)).status, version).toBe(400);
    expect((await call('POST', '/v1/admin/rule-sets/99999999999/check')).status).toBe(400);
    const one = await call('GET', '/v1/admin/rule-sets/1');
    expect(one.body.ruleSet.rules.length).toBeGreaterThan(47);
    const check = await call('POST', '/v1/admin/rule-sets/1/check');
    expect(check.body.publishable).toBe(true);
    expect(check.body.personas.every((p: { passed: boolean }) => p.passed)).toBe(true);
    expect((await call('GET', '/v1/admin/rule-sets/999')).status).toBe(404);
  });

  it('reports health with the database state', async () => {
    const response = await api.request('/health');
    const body = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(body.database.ok).toBe(true);
  });
});

describe('HSDS lists', () => {
  it('pages service_at_locations, taxonomies and organizations, and serves each one', async () => {
    for (const path of [
      '/hsds/service_at_locations',
      '/hsds/taxonomies',
      '/hsds/organizations',
      '/hsds/taxonomy_terms',
    ]) {
      const page = (await (await api.request(`${path}?per_page=2`)).json()) as any;
      expect(page.contents.length).toBeGreaterThan(0);
      const one = await api.request(`${path}/${page.contents[0].id}`);
      expect(one.status, path).toBe(200);
    }
  });
});

// HSTS and the docs' own policy: security-headers.test.ts; the Secure cookie: sign-in.test.ts.
