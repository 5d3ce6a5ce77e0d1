import { karlsruhe } from '@ankommen/data-karlsruhe';
import { Offer, getTerm, label, type TermCode } from '@ankommen/taxonomy';
import { describe, expect, it } from 'vitest';
import { hsdsId } from './ids.js';
import { feedIssues, toHsds, type HsdsFeed, type ToHsdsInput } from './map.js';
import { BY_APPOINTMENT } from './schedules.js';
import { Address, FullService, Organization, Service, TaxonomyTerm } from './schemas.js';

const data = karlsruhe();
const MODIFIED = '2026-11-25';

function input(lang: string, extra: Partial<ToHsdsInput> = {}): ToHsdsInput {
  return {
    city: data.city,
    agencies: data.registry.agencies,
    offers: data.catalog.offers,
    lang,
    modified: MODIFIED,
    ...extra,
  };
}

const feeds = new Map<string, HsdsFeed>();
function feed(lang: string): HsdsFeed {
  let mapped = feeds.get(lang);
  if (!mapped) {
    mapped = toHsds(input(lang));
    feeds.set(lang, mapped);
  }
  return mapped;
}

/**
 * Every object with an `id` anywhere in the feed, with the JSON of its own scalar fields (a
 * record appears more than once, nested more or less deeply, e.g. an organization in a service).
 */
function records(value: unknown, into = new Map<string, string[]>()): Map<string, string[]> {
  if (Array.isArray(value)) {
    for (const item of value) records(item, into);
  } else if (value && typeof value === 'object') {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string') {
      const list = into.get(id) ?? [];
      const scalars = Object.entries(value).filter(([, v]) => v === null || typeof v !== 'object');
      list.push(JSON.stringify(Object.fromEntries(scalars)));
      into.set(id, list);
    }
    for (const child of Object.values(value)) records(child, into);
  }
  return into;
}

const service = (f: HsdsFeed, offerId: string) => {
  const found = f.services.find((s) => s.id === hsdsId('service', offerId));
  if (!found) throw new Error(`no service for ${offerId}`);
  return found;
};
const organization = (f: HsdsFeed, ourId: string) => {
  const found = f.organizations.find((o) => o.id === hsdsId('organization', ourId));
  if (!found) throw new Error(`no organization for ${ourId}`);
  return found;
};

describe('toHsds on the Karlsruhe data', () => {
  it.each(['de', 'en', 'ar', 'uk'])('maps everything for %s with zero schema issues', (lang) => {
    const mapped = feed(lang);
    expect(feedIssues(mapped)).toEqual([]);
    expect(mapped.services).toHaveLength(data.catalog.offers.length);
    expect(mapped.organizations.length).toBeGreaterThanOrEqual(data.registry.agencies.length);
    expect(mapped.serviceAtLocations.length).toBeGreaterThan(0);
    expect(mapped.taxonomies.map((t) => t.uri)).toEqual([
      'https://ankommen.example/taxonomy/topic',
      'https://ankommen.example/taxonomy/category',
      'https://ankommen.example/taxonomy/target-group',
      'https://ankommen.example/taxonomy/cost',
    ]);
    expect(mapped.language).toBe(lang);
  });

  it('gives the same ids, and the same feed, on every run', () => {
    expect(toHsds(input('de'))).toEqual(feed('de'));
    expect(JSON.stringify(toHsds(input('en')))).toBe(JSON.stringify(feed('en')));
  });

  it('gives every record its own id: one id is never two different records', () => {
    for (const lang of ['de', 'en']) {
      const all = records(feed(lang));
      expect(all.size).toBeGreaterThan(1000);
      for (const [id, versions] of all) {
        expect(new Set(versions).size, `id ${id} names different records`).toBe(1);
      }
    }
    const services = feed('de').services.map((s) => s.id);
    expect(new Set(services).size).toBe(services.length);
  });

  it('gives a record the same id in every language', () => {
    const ids = (f: HsdsFeed) =>
      [...records(f)]
        .filter(([, versions]) => !versions[0]?.includes('"last_action_type"'))
        .map(([id]) => id)
        .sort();
    expect(ids(feed('de'))).toEqual(ids(feed('en')));
  });

  it('invents no address: every HSDS address is stated in the source text', () => {
    const sourceTexts = [...data.registry.agencies, ...data.catalog.offers].flatMap((record) =>
      record.locations.flatMap((location) => (location.address ? [location.address.text] : [])),
    );
    const f = feed('de');
    const addresses = f.locations.flatMap((location) => location.addresses);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) {
      expect(Address.parse(address)).toEqual(address);
      expect(
        sourceTexts.some(
          (text) =>
            text.includes(address.address_1) &&
            text.includes(address.postal_code) &&
            text.includes(address.city),
        ),
        `${address.address_1}, ${address.postal_code} is not in any source address`,
      ).toBe(true);
      expect(address).toMatchObject({
        state_province: 'Baden-Württemberg',
        country: 'DE',
        address_type: 'physical',
      });
    }
    // An address without a postcode keeps its text, as description, and gets no HSDS address.
    const west = organization(f, 'buergerbuero-west-kaiserallee').locations[0];
    expect(west?.addresses).toEqual([]);
    expect(west?.description).toBe('Kaiserallee 8, Karlsruhe');
    expect(west?.location_type).toBe('physical');
  });

  it('keeps every source address text that the HSDS address cannot carry', () => {
    const f = feed('de');
    const abh = organization(f, 'auslaenderbehoerde-stadt-karlsruhe').locations[0];
    expect(abh?.addresses[0]).toMatchObject({ address_1: 'Kaiserallee 8', postal_code: '76133' });
    expect(abh?.description).toBe('Kaiserallee 8, 76133 Karlsruhe (2. OG, Zimmer E 219–E 223)');
    const ibz = organization(f, 'ibz-karlsruhe').locations[0];
    expect(ibz?.addresses).toHaveLength(1);
    expect(ibz?.description).toBeUndefined();
  });

  it('gives an agency its own official key as an AGS identifier, and no one else one', () => {
    const f = feed('de');
    const keyed = data.registry.agencies.filter((agency) => agency.officialKey);
    // The city's own offices carry Karlsruhe's key; federal and district offices do not.
    expect(keyed.map((agency) => agency.id)).toContain('buergerbuero');
    expect(keyed.map((agency) => agency.id)).not.toContain('bamf_asyl');
    for (const agency of data.registry.agencies) {
      const identifiers = organization(f, agency.id).organization_identifiers;
      const ags = identifiers.filter((i) => i.identifier_scheme === 'AGS');
      expect(ags, agency.id).toEqual(
        agency.officialKey
          ? [
              expect.objectContaining({
                identifier_type: 'municipality_key',
                identifier: agency.officialKey,
              }),
            ]
          : [],
      );
    }
  });

  it('turns the Bürgerbüro hours into weekly schedules, by appointment', () => {
    const f = feed('en');
    const offices = ['buergerbuero-west-kaiserallee', 'buergerbuero-ost', 'buergerbuero-h9-11'];
    const expected = [
      ['WEEKLY', 'MO,TU,WE,TH,FR', '08:30', '12:30', BY_APPOINTMENT],
      ['WEEKLY', 'TH', '14:00', '17:00', BY_APPOINTMENT],
    ];
    const shape = (s: {
      freq?: string;
      byday?: string;
      opens_at?: string;
      closes_at?: string;
      attending_type?: string;
    }) => [s.freq, s.byday, s.opens_at, s.closes_at, s.attending_type];
    for (const office of offices) {
      const [location] = organization(f, office).locations;
      expect(location?.schedules.map(shape)).toEqual(expected);
    }
    // Registering an address is delivered at the offices behind the `buergerbuero` target.
    const registration = service(f, 'buergerbuero-wohnsitzanmeldung');
    expect(registration.service_at_locations).toHaveLength(offices.length);
    for (const at of registration.service_at_locations) {
      expect(at.schedules.map(shape)).toEqual(expected);
      expect(at.schedules.every((s) => s.service_at_location_id === at.id)).toBe(true);
      expect(offices.map((o) => organization(f, o).locations[0]?.id)).toContain(at.location_id);
    }
  });

  it('keeps hours it cannot convert as text', () => {
    const [location] = organization(feed('de'), 'auslaenderbehoerde-bruchsal').locations;
    expect(location?.schedules).toEqual([
      expect.objectContaining({
        description: 'telefonisch Mo–Mi 14–15 Uhr, Fr ab 11 Uhr (Quelle abgeschnitten)',
        attending_type: BY_APPOINTMENT,
      }),
    ]);
    expect(location?.schedules[0]?.freq).toBeUndefined();
  });

  it('labels taxonomy terms in Arabic for an Arabic feed, and says they are machine-made', () => {
    const f = feed('ar');
    expect(f.taxonomyTerms).toHaveLength(5 + 37 + 13 + 4);
    for (const term of f.taxonomyTerms) {
      expect(TaxonomyTerm.parse(term)).toEqual(term);
      expect(term.name).toBe(label(term.code as TermCode, 'ar').text);
      expect(term.language).toBe('ar');
      expect(term.metadata).toEqual([
        expect.objectContaining({ last_action_type: 'machine_translation', field_name: 'name' }),
      ]);
    }
    const german = feed('de').taxonomyTerms.find((t) => t.code === 'category.german_course');
    expect(german).toMatchObject({ name: 'Deutschkurs', language: 'de' });
    expect(german?.metadata).toBeUndefined();
    expect(german?.parent_id).toBe(hsdsId('taxonomy_term', 'topic.education'));
    expect(german?.taxonomy_id).toBe(hsdsId('taxonomy', 'category'));
  });

  it('falls back to English, then German, and records each fallback in metadata', () => {
    const ar = service(feed('ar'), 'integrationskurs');
    const offer = data.catalog.get('integrationskurs');
    expect(ar.name).toBe(offer?.title.en?.text);
    expect(ar.metadata).toContainEqual(
      expect.objectContaining({
        resource_id: ar.id,
        resource_type: 'service',
        last_action_type: 'language_fallback',
        field_name: 'name',
        previous_value: 'ar',
        replacement_value: 'en',
      }),
    );
    // Caveats exist in German only: an English feed's alert falls back to German.
    const zebefi = service(feed('en'), 'zebefi-beratung-integrationskurse');
    expect(zebefi.alert).toBe(
      data.catalog.get('zebefi-beratung-integrationskurse')?.caveat?.de?.text,
    );
    expect(zebefi.metadata).toContainEqual(
      expect.objectContaining({ field_name: 'alert', replacement_value: 'de' }),
    );
    expect(zebefi.metadata?.some((m) => m.field_name === 'name')).toBe(false);
  });

  it('links each service to its terms by attributes with the right link types', () => {
    const f = feed('de');
    for (const offer of data.catalog.offers) {
      const s = service(f, offer.id);
      const byCode = new Map(s.attributes.map((a) => [a.taxonomy_term.code, a]));
      expect(byCode.get(`topic.${offer.topic}`)?.link_type).toBe('topic');
      expect(byCode.get(`category.${offer.category}`)?.link_type).toBe('topic');
      expect(byCode.get(`cost.${offer.cost}`)?.link_type).toBe('cost');
      for (const group of offer.targetGroups) {
        expect(byCode.get(`targetGroup.${group}`)?.link_type).toBe('audience');
      }
      for (const attribute of s.attributes) {
        expect(attribute).toMatchObject({ link_id: s.id, link_entity: 'service' });
        expect(attribute.taxonomy_term_id).toBe(attribute.taxonomy_term.id);
      }
    }
  });

  it('maps service fields from the offer', () => {
    const f = feed('en');
    const mbe = service(f, 'awo-migrationsberatung-mbe');
    expect(mbe).toMatchObject({
      status: 'active',
      minimum_age: 27,
      last_modified: '2026-11-25T00:00:00.000Z',
    });
    expect(mbe.languages.map((l) => [l.code, l.name])).toContainEqual(['ro', 'Romanian']);
    expect(mbe.organization.id).toBe(hsdsId('organization', 'awo-karlsruhe-migrationszentrum'));
    const jmd = service(f, 'jmd-karlsruhe-ib');
    expect(jmd).toMatchObject({ minimum_age: 12, maximum_age: 26 });
    for (const s of f.services) {
      const offer = data.catalog.offers.find((o) => hsdsId('service', o.id) === s.id);
      expect(s.url).toBe(offer?.contact.website);
      expect(s.email).toBe(offer?.contact.email);
      expect(s.alert === undefined).toBe(!offer?.needsRecheck || !offer.caveat);
      if (offer?.cost === 'free')
        expect(s.fees_description).toBe(getTerm('cost.free').label.en?.text);
      if (offer?.cost === 'unknown') expect(s.fees_description).toBeUndefined();
      expect(
        s.metadata?.filter((m) => m.last_action_type === 'source').map((m) => m.replacement_value),
      ).toEqual(offer?.source ? [offer.source.url, ...offer.source.additional] : undefined);
    }
  });

  it('finds each service’s organization: provider, else routing target, else the provider’s name', () => {
    const f = feed('de');
    // No provider id, routing target `buergerbuero` is an agency.
    expect(service(f, 'ukraine-hotline-anmeldung').organization_id).toBe(
      hsdsId('organization', 'buergerbuero'),
    );
    // A phone-only offer is not placed at the target's offices.
    expect(service(f, 'ukraine-hotline-anmeldung').service_at_locations).toEqual([]);
    // Neither: an organization of the provider's name, one per distinct name.
    const ibzProjects = data.catalog.offers.filter((o) => o.providerName === 'Drittprojekt im ibz');
    expect(ibzProjects.length).toBeGreaterThan(1);
    const orgIds = new Set(ibzProjects.map((o) => service(f, o.id).organization_id));
    expect([...orgIds]).toEqual([hsdsId('organization', 'provider:Drittprojekt im ibz')]);
    const synthetic = f.organizations.find((o) => o.id === [...orgIds][0]);
    expect(synthetic).toMatchObject({ name: 'Drittprojekt im ibz', organization_identifiers: [] });
    expect(Organization.parse(synthetic)).toEqual(synthetic);
    // Every location names its organization, and the organization lists it.
    for (const location of f.locations) {
      const owner = f.organizations.find((o) => o.id === location.organization_id);
      expect(owner?.locations.map((l) => l.id)).toContain(location.id);
    }
    // And the four projects at the same address share one location, listed as the provider's.
    expect(synthetic?.locations.map((l) => l.id)).toEqual([
      service(f, ibzProjects[0]?.id ?? '').service_at_locations[0]?.location_id,
    ]);
    const locationIds = new Set(
      ibzProjects.flatMap((o) => service(f, o.id).service_at_locations.map((at) => at.location_id)),
    );
    expect(locationIds.size).toBe(1);
    // A parent agency becomes the parent organization.
    expect(organization(f, 'buero-fuer-integration').parent_organization_id).toBe(
      hsdsId('organization', 'sozial-und-jugendbehoerde'),
    );
  });

  it('places an offer at its provider’s location when it names the same place', () => {
    const f = feed('de');
    const cafe = service(f, 'ibz-willkommenscafe');
    const ibz = organization(f, 'ibz-karlsruhe').locations[0];
    expect(cafe.service_at_locations.map((at) => at.location_id)).toEqual([ibz?.id]);
    const debt = service(f, 'schuldnerberatung-stadt');
    const rathaus = organization(f, 'sozial-und-jugendbehoerde').locations[0];
    expect(debt.service_at_locations).toEqual([
      expect.objectContaining({
        location_id: rathaus?.id,
        description: 'Rathaus an der Alb, Ernst-Frey-Straße 10, Karlsruhe',
      }),
    ]);
  });

  it('gives an online-only offer a virtual location with its website', () => {
    const portal = service(feed('de'), 'anika-portal');
    expect(portal.service_at_locations.map((at) => at.location)).toEqual([
      expect.objectContaining({ location_type: 'virtual', url: 'https://www.anika-net.de' }),
    ]);
  });

  it('marks a service inactive outside its validity period', () => {
    const base = data.catalog.get('integrationskurs');
    if (!base) throw new Error('missing offer');
    const expired = Offer.parse({ ...base, validity: { until: '2026-06-30' } });
    const future = Offer.parse({ ...base, id: 'later', validity: { from: '2027-01-01' } });
    const mapped = toHsds(input('de', { offers: [expired, future, base] }));
    expect(mapped.services.map((s) => s.status)).toEqual(['inactive', 'inactive', 'active']);
    expect(feedIssues(mapped)).toEqual([]);
  });

  it('uses the profile given, and refuses a bad language or date', () => {
    expect(toHsds(input('de', { profileUri: 'https://example.org/profile' })).profile).toBe(
      'https://example.org/profile',
    );
    expect(feed('de').profile).toBe('https://ankommen.example/hsds/profile');
    expect(() => toHsds(input('Deutsch'))).toThrow();
    expect(() => toHsds(input('de', { modified: '25.11.2026' }))).toThrow(/modified/);
    expect(() => toHsds(input('de', { modified: '2026-11-25T10:00:00' }))).toThrow(/modified/);
    const at = toHsds(input('de', { modified: '2026-11-25T10:00:00+01:00' }));
    expect(at.services[0]?.last_modified).toBe('2026-11-25T09:00:00.000Z');
  });

  it('gives each service the time its offer changed, where it is known', () => {
    const [first, second] = data.catalog.offers;
    const mapped = toHsds(
      input('de', {
        modified: '2026-11-25T10:00:00+01:00',
        offersModified: { [first!.id]: '2026-11-20T08:30:00Z', [second!.id]: '2026-11-21' },
      }),
    );
    const modified = (offer: { id: string }) =>
      mapped.services.find((s) => s.id === hsdsId('service', offer.id))?.last_modified;
    expect(modified(first!)).toBe('2026-11-20T08:30:00.000Z');
    expect(modified(second!)).toBe('2026-11-21T00:00:00.000Z');
    expect(modified(data.catalog.offers[2]!)).toBe('2026-11-25T09:00:00.000Z');
    expect(() => toHsds(input('de', { offersModified: { [first!.id]: 'yesterday' } }))).toThrow(
      /modified/,
    );
  });

  it('produces services that the list and the fully nested schemas both accept', () => {
    for (const s of feed('uk').services) {
      expect(FullService.safeParse(s).success).toBe(true);
      expect(Service.safeParse(s).success).toBe(true);
    }
  });
});
