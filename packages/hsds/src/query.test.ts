import { karlsruhe } from '@ankommen/data-karlsruhe';
import { describe, expect, it } from 'vitest';
import { hsdsId } from './ids.js';
import { toHsds } from './map.js';
import {
  PageQuery,
  ServicesQuery,
  apiRoot,
  filterServices,
  paginate,
  toServiceListItem,
} from './query.js';
import { ApiRoot, FullService, ServiceListItem, pageOf } from './schemas.js';
import { z } from 'zod';

const data = karlsruhe();
const feed = toHsds({
  city: data.city,
  agencies: data.registry.agencies,
  offers: data.catalog.offers,
  lang: 'de',
  modified: '2026-11-25T12:00:00.000Z',
});
const numbers = Array.from({ length: 120 }, (_, i) => i + 1);

describe('paginate', () => {
  it('pages from 1, 50 items by default', () => {
    const page = paginate(numbers);
    expect(page).toMatchObject({
      total_items: 120,
      total_pages: 3,
      page_number: 1,
      size: 50,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(page.contents[0]).toBe(1);
    expect(pageOf(z.number()).parse(page)).toEqual(page);
  });

  it('returns a short last page and an empty page past the end', () => {
    expect(paginate(numbers, { page: 3 })).toMatchObject({
      page_number: 3,
      size: 20,
      first_page: false,
      last_page: true,
      empty: false,
      contents: numbers.slice(100),
    });
    expect(paginate(numbers, { page: 4 })).toMatchObject({
      total_items: 120,
      total_pages: 3,
      page_number: 4,
      size: 0,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('pages an empty list as one empty first and last page of none', () => {
    expect(paginate([])).toEqual({
      total_items: 0,
      total_pages: 0,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('handles exact multiples and the page-size limits', () => {
    expect(paginate(numbers.slice(0, 100), { page: 2, perPage: 50 })).toMatchObject({
      total_pages: 2,
      size: 50,
      last_page: true,
    });
    expect(paginate(numbers, { perPage: 100 }).size).toBe(100);
    expect(paginate(numbers, { perPage: 1, page: 120 })).toMatchObject({
      total_pages: 120,
      contents: [120],
      last_page: true,
    });
  });

  it.each([
    { page: 0 },
    { page: -1 },
    { page: 1.5 },
    { perPage: 0 },
    { perPage: 101 },
    { perPage: Number.NaN },
  ])('refuses %o', (options) => {
    expect(() => paginate(numbers, options)).toThrow();
  });

  it('reads paging parameters from a query string', () => {
    expect(PageQuery.parse({ page: '2', per_page: '10' })).toEqual({ page: 2, per_page: 10 });
    expect(PageQuery.parse({})).toEqual({ page: 1, per_page: 50 });
    expect(PageQuery.safeParse({ per_page: '500' }).success).toBe(false);
    expect(PageQuery.safeParse({ page: 'abc' }).success).toBe(false);
  });
});

describe('filterServices', () => {
  it('searches name and description, ignoring case and accents', () => {
    const found = filterServices(feed, { search: 'BÜRGERBÜRO' });
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      expect(`${s.name} ${s.description ?? ''}`.toLowerCase()).toContain('bürgerbüro');
    }
    expect(filterServices(feed, { search: 'burgerburo' })).toEqual(found);
    expect(filterServices(feed, { search: 'zzzz-no-such-offer' })).toEqual([]);
    expect(filterServices(feed, { search: '' })).toEqual(feed.services);
    for (const search of ['%', '*', "' --", '"'])
      expect(filterServices(feed, { search }), search).toEqual([]);
  });

  it('filters by taxonomy term, taxonomy and organization', () => {
    const german = hsdsId('taxonomy_term', 'category.german_course');
    const courses = filterServices(feed, { taxonomyTermId: german });
    expect(courses.length).toBe(
      data.catalog.offers.filter((o) => o.category === 'german_course').length,
    );
    expect(courses.length).toBeGreaterThan(0);
    expect(filterServices(feed, { taxonomyId: hsdsId('taxonomy', 'cost') })).toEqual(feed.services);
    const awo = hsdsId('organization', 'awo-karlsruhe-migrationszentrum');
    const awoServices = filterServices(feed, { organizationId: awo });
    expect(awoServices.length).toBeGreaterThan(0);
    expect(awoServices.every((s) => s.organization_id === awo)).toBe(true);
    // Filters are cumulative.
    expect(filterServices(feed, { organizationId: awo, taxonomyTermId: german })).toEqual(
      awoServices.filter((s) => s.attributes.some((a) => a.taxonomy_term_id === german)),
    );
  });

  it('keeps services modified on or after modified_after', () => {
    expect(filterServices(feed, { modifiedAfter: '2026-11-24' })).toEqual(feed.services);
    expect(filterServices(feed, { modifiedAfter: '2026-11-25T12:00:00Z' })).toEqual(feed.services);
    expect(filterServices(feed, { modifiedAfter: '2026-11-25T12:00:00.001Z' })).toEqual([]);
    expect(filterServices(feed, { modifiedAfter: '2026-11-26' })).toEqual([]);
    expect(() => filterServices(feed, { modifiedAfter: 'yesterday' })).toThrow();
  });
});

describe('API helpers', () => {
  it('parses the query of GET /services', () => {
    const term = hsdsId('taxonomy_term', 'topic.work');
    expect(
      ServicesQuery.parse({ search: '  Kurs ', taxonomy_term_id: term, page: '2', per_page: '5' }),
    ).toEqual({ search: 'Kurs', taxonomy_term_id: term, page: 2, per_page: 5 });
    expect(ServicesQuery.parse({ search: '' }).search).toBeUndefined();
    expect(ServicesQuery.safeParse({ taxonomy_term_id: 'category.german_course' }).success).toBe(
      false,
    );
    expect(ServicesQuery.safeParse({ modified_after: '2026-11-25' }).success).toBe(true);
    expect(ServicesQuery.safeParse({ modified_after: '25.11.2026' }).success).toBe(false);
  });

  it('lists a service with its one-to-one fields only', () => {
    const full = feed.services.find((s) => s.service_at_locations.length > 0);
    if (!full) throw new Error('no service with locations');
    const item = toServiceListItem(full);
    expect(ServiceListItem.parse(item)).toEqual(item);
    expect(Object.values(item).some(Array.isArray)).toBe(false);
    expect(item).toMatchObject({ id: full.id, name: full.name, organization: full.organization });
    expect(FullService.safeParse(item).success).toBe(false);
  });

  it('describes the API at GET /', () => {
    const root = apiRoot({ profile: feed.profile, openapiUrl: 'https://api.example/openapi.json' });
    expect(ApiRoot.parse(root)).toEqual({
      version: '3.0',
      profile: 'https://ankommen.example/hsds/profile',
      openapi_url: 'https://api.example/openapi.json',
    });
    expect(() => apiRoot({ profile: 'not a uri', openapiUrl: 'https://x.example' })).toThrow();
  });
});
