import { dateIn, type Agency, type Region } from '@ankommen/registry';
import {
  getTerm,
  isValidOn,
  type LocalizedText,
  type Offer,
  type TermCode,
} from '@ankommen/taxonomy';
import { hsdsId } from './ids.js';
import {
  languagesOf,
  phonesOf,
  placeKey,
  placeLocation,
  virtualLocation,
  type PlacedLocation,
} from './locations.js';
import { textSchedule, toSchedules } from './schedules.js';
import {
  FlatOrganization,
  FullLocation,
  FullOrganization,
  FullService,
  FullServiceAtLocation,
  Iso639,
  Taxonomy,
  TaxonomyTerm,
  type OrganizationIdentifier,
} from './schemas.js';
import { ANKOMMEN_BASE_URI, feedTaxonomies, type FeedTaxonomies } from './taxonomies.js';
import { RecordTexts, defined, feedContext, type FeedContext } from './texts.js';

/** The profile URI a feed names when the caller gives none. */
export const DEFAULT_PROFILE_URI = `${ANKOMMEN_BASE_URI}/hsds/profile`;

/** What {@link toHsds} needs of a city: its id, name and region (a `City` fits). */
export interface HsdsCityInput {
  id: string;
  name: LocalizedText;
  region: Region;
}

/** The input of {@link toHsds}. */
export interface ToHsdsInput {
  city: HsdsCityInput;
  agencies: readonly Agency[];
  offers: readonly Offer[];
  /** The content language of the feed (ISO 639); texts missing in it fall back to en, then de. */
  lang: string;
  /** The URI of the HSDS profile the feed follows; default {@link DEFAULT_PROFILE_URI}. */
  profileUri?: string | undefined;
  /**
   * When the data was last modified: an ISO date or a date-time with offset. It becomes every
   * service's `last_modified` and the date of the metadata, and validity periods are checked
   * on its date. Default: now.
   */
  modified?: string | undefined;
  /**
   * When each offer last changed, by offer id: ISO dates or date-times with offset. It becomes
   * its service's `last_modified`, so that `modified_after` finds what changed; an offer not
   * listed takes `modified`.
   */
  offersModified?: Readonly<Record<string, string>> | undefined;
}

/** One HSDS feed in one content language: every object fully nested and valid. */
export interface HsdsFeed {
  /** The content language asked for (a text that falls back says so in its record's `metadata`). */
  language: string;
  /** The profile URI, for `GET /`. */
  profile: string;
  organizations: FullOrganization[];
  services: FullService[];
  locations: FullLocation[];
  serviceAtLocations: FullServiceAtLocation[];
  taxonomies: Taxonomy[];
  taxonomyTerms: TaxonomyTerm[];
}

function parseModified(modified: string | undefined, region: Region): { at: string; date: string } {
  if (modified === undefined) {
    const now = new Date();
    return { at: now.toISOString(), date: dateIn(now, region.timeZone) };
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(modified);
  const at = new Date(dateOnly ? `${modified}T00:00:00.000Z` : modified);
  if (Number.isNaN(at.getTime()) || (!dateOnly && !/(?:[zZ]|[+-]\d{2}:\d{2})$/.test(modified))) {
    throw new Error(`modified must be an ISO date or a date-time with offset, not ${modified}`);
  }
  return { at: at.toISOString(), date: dateOnly ? modified : dateIn(at, region.timeZone) };
}

/** The state of one mapping run: what is built so far. */
interface Build {
  ctx: FeedContext;
  taxonomies: FeedTaxonomies;
  modifiedAt: string;
  /** `last_modified` of each offer's service, by offer id (see `offersModified`). */
  offersModifiedAt: Map<string, string>;
  agencies: Map<string, Agency>;
  organizations: FullOrganization[];
  organizationByKey: Map<string, FullOrganization>;
  locations: FullLocation[];
  /** The locations of each agency, by agency id. */
  placesOf: Map<string, PlacedLocation[]>;
  /** Every location of each organization (its agency's and its offers'), by HSDS id. */
  placesByOrganization: Map<string, PlacedLocation[]>;
  serviceAtLocations: FullServiceAtLocation[];
}

function addOrganization(build: Build, agency: Agency): void {
  const { ctx } = build;
  const id = hsdsId('organization', agency.id);
  const texts = new RecordTexts(ctx, 'organization', agency.id, id);
  const name = texts.text(agency.name, 'name') ?? agency.id;
  const description = texts.text(agency.summary, 'description') ?? name;
  texts.sources(agency.source);
  const places = agency.locations.map((location, index) =>
    placeLocation(
      location,
      `agency:${agency.id}:${index}`,
      { organizationId: id, name, languages: agency.languages },
      ctx,
    ),
  );
  build.placesOf.set(agency.id, places);
  build.placesByOrganization.set(id, [...places]);
  build.locations.push(...places.map((p) => p.hsds));

  const identifiers: OrganizationIdentifier[] = [];
  // Only an agency the data places in a municipality's or district's administration carries
  // its key: a federal office in the city is not the city.
  const officialKey = agency.officialKey;
  if (officialKey) {
    identifiers.push({
      id: hsdsId('organization_identifier', `${agency.id}:AGS:${officialKey}`),
      organization_id: id,
      identifier_scheme: 'AGS',
      identifier_type: officialKey.length === 8 ? 'municipality_key' : 'district_key',
      identifier: officialKey,
    });
  }
  const leikaKeys = new Set(agency.services.flatMap((s) => (s.leikaKey ? [s.leikaKey] : [])));
  for (const key of leikaKeys) {
    identifiers.push({
      id: hsdsId('organization_identifier', `${agency.id}:LeiKa:${key}`),
      organization_id: id,
      identifier_scheme: 'LeiKa',
      identifier_type: 'service_key',
      identifier: key,
    });
  }

  const organization: FullOrganization = defined({
    id,
    name,
    alternate_name: agency.shortName,
    description,
    email: agency.contact.email,
    website: agency.contact.website,
    parent_organization_id:
      agency.parentId && build.agencies.has(agency.parentId)
        ? hsdsId('organization', agency.parentId)
        : undefined,
    phones: phonesOf(agency.contact, `organization:${agency.id}`, { organization_id: id }),
    locations: places.map((p) => p.hsds),
    organization_identifiers: identifiers,
    metadata: texts.metadata,
  });
  build.organizations.push(organization);
  build.organizationByKey.set(agency.id, organization);
}

/** The agency standing for an offer's organization: its provider, else its routing target. */
function agencyOf(build: Build, offer: Offer): Agency | undefined {
  return (
    (offer.providerId ? build.agencies.get(offer.providerId) : undefined) ??
    (offer.routingId ? build.agencies.get(offer.routingId) : undefined)
  );
}

/**
 * The organization of an offer: its provider, else its routing target if that is an agency,
 * else an organization for the provider's name (one per distinct name, nothing but the name).
 */
function organizationOf(build: Build, offer: Offer): FullOrganization {
  const agency = agencyOf(build, offer);
  const known = agency ? build.organizationByKey.get(agency.id) : undefined;
  if (known) return known;
  const key = `provider:${offer.providerName}`;
  let organization = build.organizationByKey.get(key);
  if (!organization) {
    organization = {
      id: hsdsId('organization', key),
      name: offer.providerName,
      description: offer.providerName,
      phones: [],
      locations: [],
      organization_identifiers: [],
    };
    build.organizations.push(organization);
    build.organizationByKey.set(key, organization);
  }
  return organization;
}

/**
 * Where an offer is delivered: its own locations (a place its organization already has, from
 * the registry or another offer, is that location; `note` keeps the offer's own wording), a
 * virtual location when it is only online, or, with neither and when it is not remote-only,
 * its provider's locations, or for a provider that is a routing target, the locations of the
 * offices behind it.
 */
function placesOf(
  build: Build,
  offer: Offer,
  organization: FullOrganization,
): { placed: PlacedLocation; note?: string }[] {
  const known = build.placesByOrganization.get(organization.id) ?? [];
  build.placesByOrganization.set(organization.id, known);
  const places: { placed: PlacedLocation; note?: string }[] = [];
  offer.locations.forEach((location, index) => {
    const key = placeKey(location);
    const same = key ? known.find((p) => placeKey(p.source) === key) : undefined;
    if (same) {
      const own = location.address?.text ?? location.name;
      const theirs = same.source.address?.text ?? same.source.name;
      places.push({ placed: same, ...(own && own !== theirs ? { note: own } : {}) });
      return;
    }
    const placed = placeLocation(
      location,
      key ? `place:${organization.id}:${key}` : `offer:${offer.id}:${index}`,
      { organizationId: organization.id },
      build.ctx,
    );
    build.locations.push(placed.hsds);
    organization.locations.push(placed.hsds);
    known.push(placed);
    places.push({ placed });
  });
  if (offer.locations.length > 0) return places;

  const remoteOnly = offer.formats.length > 0 && !offer.formats.includes('in_person');
  if (remoteOnly) {
    if (offer.formats.includes('online')) {
      const url = offer.contact.website ?? offer.contact.appointmentUrl;
      const placed = virtualLocation(`offer:${offer.id}:online`, organization.id, url);
      build.locations.push(placed.hsds);
      organization.locations.push(placed.hsds);
      places.push({ placed });
    }
    return places;
  }
  const provider = offer.providerId ? build.agencies.get(offer.providerId) : undefined;
  if (!provider) return places;
  const own = build.placesOf.get(provider.id) ?? [];
  const behind =
    own.length > 0
      ? own
      : [...build.agencies.values()]
          .filter((a) => a.routingId === provider.id && a.id !== provider.id)
          .flatMap((office) => build.placesOf.get(office.id) ?? []);
  return behind.map((placed) => ({ placed }));
}

function addService(build: Build, offer: Offer): FullService {
  const { ctx } = build;
  const id = hsdsId('service', offer.id);
  const texts = new RecordTexts(ctx, 'service', offer.id, id);
  const organization = organizationOf(build, offer);
  const appointmentUrl = offer.contact.appointmentUrl;

  const serviceAtLocations = placesOf(build, offer, organization).map(
    ({ placed, note }): FullServiceAtLocation => {
      const key = `${offer.id}@${placed.key}`;
      const salId = hsdsId('service_at_location', key);
      // A location's hours describe the offer there unless the offer states its own times.
      const hours =
        'openingHours' in placed.source && !offer.scheduleText
          ? placed.source.openingHours
          : undefined;
      return defined({
        id: salId,
        service_id: id,
        location_id: placed.hsds.id,
        description: note,
        phones: [],
        schedules: toSchedules(hours, {
          idKey: `service_at_location:${key}`,
          link: { service_at_location_id: salId },
          scheduleLink: appointmentUrl,
        }),
        location: placed.hsds,
      });
    },
  );
  build.serviceAtLocations.push(...serviceAtLocations);

  const codes: TermCode[] = [
    `topic.${offer.topic}`,
    `category.${offer.category}`,
    ...new Set(offer.targetGroups.map((group) => `targetGroup.${group}` as const)),
    `cost.${offer.cost}`,
  ];
  const link = { id, entity: 'service', key: offer.id };
  const attributes = codes.map((code) => build.taxonomies.attribute(code, link));

  const name = texts.text(offer.title, 'name') ?? offer.id;
  const description = texts.text(offer.summary, 'description');
  const eligibility = texts.text(offer.eligibility.description, 'eligibility_description');
  const alert = offer.needsRecheck ? texts.text(offer.caveat, 'alert') : undefined;
  const fees =
    offer.cost === 'unknown'
      ? undefined
      : texts.text(getTerm(`cost.${offer.cost}`).label, 'fees_description');
  texts.sources(offer.source);

  return defined({
    id,
    organization_id: organization.id,
    name,
    description,
    url: offer.contact.website,
    email: offer.contact.email,
    status: isValidOn(offer.validity, ctx.date) ? ('active' as const) : ('inactive' as const),
    fees_description: fees,
    eligibility_description: eligibility,
    minimum_age: offer.eligibility.minAge,
    maximum_age: offer.eligibility.maxAge,
    assured_date: offer.verifiedAt ?? undefined,
    alert,
    last_modified: build.offersModifiedAt.get(offer.id) ?? build.modifiedAt,
    phones: phonesOf(offer.contact, `service:${offer.id}`, { service_id: id }),
    schedules: offer.scheduleText
      ? [
          textSchedule(offer.scheduleText, {
            idKey: `service:${offer.id}`,
            link: { service_id: id },
            scheduleLink: appointmentUrl,
          }),
        ]
      : [],
    service_at_locations: serviceAtLocations,
    languages: languagesOf(offer.languages, `service:${offer.id}`, { service_id: id }, ctx),
    organization: flatten(organization),
    attributes,
    metadata: texts.metadata,
  });
}

/** An organization's one-to-one fields, as nested in a service. */
function flatten(organization: FullOrganization): FlatOrganization {
  const keys = Object.keys(FlatOrganization.shape) as (keyof FlatOrganization)[];
  return defined(
    Object.fromEntries(keys.map((key) => [key, organization[key]])) as FlatOrganization,
  );
}

/**
 * Maps a city's agencies and offers to one HSDS 3.0 feed in one content language.
 *
 * - Agencies become organizations: `parent_organization_id` from the parent, identifiers for
 *   the region's official key (on authorities, scheme `AGS`) and LeiKa keys of their
 *   services; a provider named by an offer but not in the registry becomes an organization
 *   of its own, keyed by its name.
 * - Offers become services with their organization, service-at-locations, languages, phones,
 *   schedules and attributes linking taxonomy terms (topic and category as `topic`, target
 *   groups as `audience`, cost as `cost`); `status` is `inactive` outside the offer's
 *   validity period; `alert` is the caveat of an entry that needs re-checking.
 * - Locations of agencies and offers become locations, with an HSDS address only where the
 *   source states street, postcode and city.
 * - OSM opening hours become weekly schedules where they can be read exactly, else text.
 *
 * Ids are UUID v5 of our ids ({@link hsdsId}), stable across runs and machines. Texts are in
 * `lang`, falling back to en, then de; the record's `metadata` says where a text fell back.
 * Throws for a `lang` that is not an ISO 639 code or a `modified` (or `offersModified`) that
 * is not ISO 8601.
 */
export function toHsds(input: ToHsdsInput): HsdsFeed {
  const lang = Iso639.parse(input.lang);
  const modified = parseModified(input.modified, input.city.region);
  const ctx = feedContext(lang, modified.date, input.city.region);
  const build: Build = {
    ctx,
    taxonomies: feedTaxonomies(ctx),
    modifiedAt: modified.at,
    offersModifiedAt: new Map(
      Object.entries(input.offersModified ?? {}).map(([id, at]) => [
        id,
        parseModified(at, input.city.region).at,
      ]),
    ),
    agencies: new Map(input.agencies.map((agency) => [agency.id, agency])),
    organizations: [],
    organizationByKey: new Map(),
    locations: [],
    placesOf: new Map(),
    placesByOrganization: new Map(),
    serviceAtLocations: [],
  };
  for (const agency of input.agencies) addOrganization(build, agency);
  const services = input.offers.map((offer) => addService(build, offer));
  return {
    language: lang,
    profile: input.profileUri ?? DEFAULT_PROFILE_URI,
    organizations: build.organizations,
    services,
    locations: build.locations,
    serviceAtLocations: build.serviceAtLocations,
    taxonomies: build.taxonomies.taxonomies,
    taxonomyTerms: build.taxonomies.terms,
  };
}

/** A problem {@link feedIssues} found: where in the feed, and what. */
export interface FeedIssue {
  /** E.g. `services.3.attributes.0.taxonomy_term.name`. */
  path: string;
  message: string;
}

/**
 * Validates every object of a feed against its HSDS schema (the fully nested forms) and
 * returns all problems; an empty list means the feed is valid.
 */
export function feedIssues(feed: HsdsFeed): FeedIssue[] {
  const issues: FeedIssue[] = [];
  const check = (
    name: string,
    schema: { safeParse(value: unknown): { error?: { issues: FeedIssueSource[] } | undefined } },
    items: readonly unknown[],
  ) => {
    items.forEach((item, index) => {
      for (const issue of schema.safeParse(item).error?.issues ?? []) {
        issues.push({
          path: [name, index, ...issue.path.map(String)].join('.'),
          message: issue.message,
        });
      }
    });
  };
  check('organizations', FullOrganization, feed.organizations);
  check('services', FullService, feed.services);
  check('locations', FullLocation, feed.locations);
  check('serviceAtLocations', FullServiceAtLocation, feed.serviceAtLocations);
  check('taxonomies', Taxonomy, feed.taxonomies);
  check('taxonomyTerms', TaxonomyTerm, feed.taxonomyTerms);
  return issues;
}

interface FeedIssueSource {
  path: PropertyKey[];
  message: string;
}
