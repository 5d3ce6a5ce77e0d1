import {
  FullOrganization,
  FullService,
  hsdsId,
  pageOf,
  ServiceListItem,
  TaxonomyTerm,
} from '@ankommen/hsds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const get = async (path: string) => {
  const response = await api.request(path);
  return {
    status: response.status,
    body: (await response.json()) as any,
    headers: response.headers,
  };
};

describe('HSDS 3.0', () => {
  it('declares version, profile and OpenAPI document at the root', async () => {
    const { body } = await get('/hsds');
    expect(body.version).toBe('3.0');
    expect(body.profile).toMatch(/^https?:\/\//);
    expect(body.openapi_url).toMatch(/\/openapi\.json$/);
  });

  it('pages services in the spec’s wrapper, valid against the HSDS schemas', async () => {
    const { body, headers } = await get('/hsds/services?per_page=20&page=2');
    expect(pageOf(ServiceListItem).safeParse(body).error?.issues ?? []).toEqual([]);
    expect(body).toMatchObject({ page_number: 2, size: 20, first_page: false });
    expect(body.total_items).toBeGreaterThanOrEqual(90);
    expect(headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves one fully nested service per content language', async () => {
    const list = await get('/hsds/services?search=Bürgerbüro');
    const id = list.body.contents[0].id;
    const de = await get(`/hsds/services/${id}?lang=de`);
    const en = await get(`/hsds/services/${id}?lang=en`);
    expect(FullService.safeParse(de.body).error?.issues ?? []).toEqual([]);
    expect(de.body.id).toBe(en.body.id);
    expect(de.body.name).not.toBe(en.body.name);
  });

  it('builds a feed only for a language some text is in; any other code reads English', async () => {
    const model = api.system.services.readModel();
    expect(model.hsds('ar')).not.toBe(model.hsds('en'));
    for (const other of ['es', 'zu', 'xyz']) expect(model.hsds(other)).toBe(model.hsds('en'));
    const asked = await get('/hsds/taxonomy_terms?lang=es&per_page=5');
    expect(asked.body).toEqual((await get('/hsds/taxonomy_terms?lang=en&per_page=5')).body);
    expect(asked.body.contents[0].language).toBe('en');
  });

  it('carries the municipality key as an organisation identifier', async () => {
    const { body } = await get('/hsds/organizations?per_page=100');
    const organization = body.contents.find(
      (o: { organization_identifiers?: { identifier: string }[] }) =>
        o.organization_identifiers?.some((i) => i.identifier === '08212000'),
    );
    expect(organization).toBeDefined();
    // A federal office in the city is not the city: no key.
    const federal = body.contents.find(
      (o: { id: string }) => o.id === hsdsId('organization', 'bamf_asyl'),
    );
    expect(federal.organization_identifiers.map((i: any) => i.identifier_scheme)).not.toContain(
      'AGS',
    );
    const one = await get(`/hsds/organizations/${organization.id}`);
    expect(FullOrganization.safeParse(one.body).error?.issues ?? []).toEqual([]);
  });

  it('filters by taxonomy term and labels terms in the feed’s language', async () => {
    const terms = await get('/hsds/taxonomy_terms?lang=ar&per_page=100');
    const term = terms.body.contents.find(
      (t: { code: string }) => t.code === 'category.german_course',
    );
    expect(TaxonomyTerm.safeParse(term).success).toBe(true);
    expect(term.language).toBe('ar');
    const services = await get(`/hsds/services?taxonomy_term_id=${term.id}`);
    expect(services.body.total_items).toBeGreaterThan(0);
    const later = await get('/hsds/services?modified_after=2100-01-01');
    expect(later.body.total_items).toBe(0);
  });

  it('dates each service by its own offer, so that modified_after finds what changed', async () => {
    const all = await get('/hsds/services?per_page=100');
    const seeded = [...new Set(all.body.contents.map((s: any) => s.last_modified))];
    // Seeded together: one time for all. modified_after counts that moment in (a client that
    // asks from the last time it saw misses nothing), so ask from just after it.
    expect(seeded).toHaveLength(1);
    const after = new Date(Date.parse(String(seeded[0])) + 1).toISOString();
    expect(await get(`/hsds/services?modified_after=${after}`)).toMatchObject({
      body: { total_items: 0 },
    });

    const editor = await api.signIn('editor', { email: 'hsds-editor@example.org' });
    const id = 'ibz-willkommenscafe';
    const call = async (method: string, path: string, body?: unknown) =>
      (await api.request(path, { method, body, headers: { cookie: editor } })).json() as any;
    const record = await call('GET', `/v1/admin/offers/${id}`);
    const edited = await call('PUT', `/v1/admin/offers/${id}`, {
      value: { ...record.value, scheduleText: 'Jeden Freitag' },
      version: record.version,
    });
    await call('POST', `/v1/admin/offers/${id}/publish`, { version: edited.version });

    const changed = await get(`/hsds/services?modified_after=${after}`);
    expect(changed.body.contents.map((s: any) => s.id)).toEqual([hsdsId('service', id)]);
    expect(Date.parse(changed.body.contents[0].last_modified)).toBeGreaterThan(
      Date.parse(String(seeded[0])),
    );
  });

  it('keeps ids stable across restarts', async () => {
    const first = await get('/hsds/services?per_page=5');
    const other = await startTestApi();
    try {
      const response = await other.request('/hsds/services?per_page=5');
      const second = (await response.json()) as any;
      expect(second.contents.map((s: { id: string }) => s.id)).toEqual(
        first.body.contents.map((s: { id: string }) => s.id),
      );
    } finally {
      await other.close();
    }
  });

  it('answers bad parameters and unknown ids with problem+json', async () => {
    const bad = await get('/hsds/services?per_page=0&taxonomy_term_id=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.per_page',
      'query.taxonomy_term_id',
    ]);
    expect((await get('/hsds/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
