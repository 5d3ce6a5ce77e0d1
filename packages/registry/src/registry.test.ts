import { localized } from '@ankommen/taxonomy';
import { describe, expect, it } from 'vitest';
import type { AgencyInput } from './agency.js';
import { parseRegistry, RegistryData } from './registry.js';

const source = { url: 'https://example.org', asOf: '2026', confidence: 'high' } as const;
const permit = [{ code: 'residence_permit', name: localized({ en: 'Residence permit' }) }];
const agency = (id: string, extra: Partial<AgencyInput> = {}): AgencyInput => ({
  id,
  name: localized({ de: id }),
  kind: 'authority',
  source,
  verifiedAt: null,
  ...extra,
});
const region = {
  name: 'Test',
  countryCode: 'de',
  state: 'Baden-Württemberg',
  timeZone: 'Europe/Berlin',
  center: { lat: 49, lon: 8.4 },
};
const registry = parseRegistry({
  region,
  agencies: [
    agency('city_office', {
      services: permit,
      jurisdiction: {
        areas: [{ residence: 'karlsruhe_city' }],
        persons: { citizenship: ['third_country', 'stateless'] },
      },
    }),
    agency('county_office', {
      services: permit,
      jurisdiction: { areas: [{ residence: 'karlsruhe_district' }] },
    }),
    agency('town_office', {
      services: permit,
      jurisdiction: { areas: [{ residence: 'karlsruhe_district', municipalities: ['Bruchsal'] }] },
    }),
    agency('branch', {
      parentId: 'city_office',
      locations: [
        {
          address: { text: 'Somewhere 1' },
          openingHours: { osm: 'Mo-Fr 08:00-12:00', appointment: 'none' },
        },
      ],
    }),
    agency('site', { kind: 'site' }),
    agency('desk', { colocatedAt: 'site' }),
  ],
});
const ids = (query: Parameters<typeof registry.competentFor>[0]) => {
  const result = registry.competentFor(query);
  return { agencies: result.agencies.map((a) => a.id), missing: result.missing };
};

describe('competence', () => {
  it('prefers a town’s own office over the county where both could serve', () => {
    expect(
      ids({
        service: 'residence_permit',
        place: { residence: 'karlsruhe_district', municipality: 'Bruchsal' },
      }),
    ).toEqual({ agencies: ['town_office'], missing: [] });
    expect(
      ids({
        service: 'residence_permit',
        place: { residence: 'karlsruhe_district', municipality: 'Pfinztal' },
      }),
    ).toEqual({ agencies: ['county_office'], missing: [] });
  });

  it('matches municipality names without regard to case, accents or qualifiers', () => {
    expect(
      ids({
        service: 'residence_permit',
        place: { residence: 'karlsruhe_district', municipality: 'bruchsal (Baden)' },
      }).agencies,
    ).toEqual(['town_office']);
  });

  it('names the candidates and the missing fact when the place is not known well enough', () => {
    expect(
      ids({ service: 'residence_permit', place: { residence: 'karlsruhe_district' } }),
    ).toEqual({
      agencies: ['town_office', 'county_office'],
      missing: ['municipality'],
    });
    expect(ids({ service: 'residence_permit', place: {} }).missing).toEqual([
      'residence',
      'citizenship',
    ]);
  });

  it('respects the groups of people an office serves', () => {
    const place = { residence: 'karlsruhe_city' } as const;
    expect(
      ids({ service: 'residence_permit', place, person: { citizenship: 'third_country' } })
        .agencies,
    ).toEqual(['city_office']);
    expect(
      ids({ service: 'residence_permit', place, person: { citizenship: 'EU' } }).agencies,
    ).toEqual([]);
    expect(ids({ service: 'residence_permit', place, person: {} })).toEqual({
      agencies: ['city_office'],
      missing: ['citizenship'],
    });
    expect(ids({ service: 'unknown_service', place }).agencies).toEqual([]);
  });
});

describe('registry', () => {
  it('reports an agency open when one of its offices is', () => {
    expect(registry.isOpen('city_office', new Date('2026-01-07T09:00:00Z'))).toBe(true);
    expect(registry.isOpen('city_office', new Date('2026-01-07T13:00:00Z'))).toBe(false);
    expect(
      registry.nextOpening('city_office', new Date('2026-01-07T13:00:00Z'))?.toISOString(),
    ).toBe('2026-01-08T07:00:00.000Z');
    expect(registry.status('city_office', new Date('2026-01-07T09:00:00Z'))).toHaveLength(1);
  });

  it('lists offices and co-located agencies', () => {
    expect(registry.children('city_office').map((a) => a.id)).toEqual(['branch']);
    expect(registry.colocated('site').map((a) => a.id)).toEqual(['desk']);
  });

  it('refuses duplicate ids and dangling references, all at once', () => {
    const result = RegistryData.safeParse({
      region,
      agencies: [
        agency('a'),
        agency('a'),
        agency('b', { parentId: 'nobody', colocatedAt: 'nowhere' }),
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'agencies.1.id',
      'agencies.2.parentId',
      'agencies.2.colocatedAt',
    ]);
  });

  it('requires a source unless the entry is flagged as example data', () => {
    const { source: _source, ...unsourced } = agency('x');
    expect(RegistryData.safeParse({ region, agencies: [unsourced] }).success).toBe(false);
    expect(
      RegistryData.safeParse({ region, agencies: [{ ...unsourced, exampleData: true }] }).success,
    ).toBe(true);
  });
});
