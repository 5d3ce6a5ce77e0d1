import type { Database } from '@ankommen/db';
import {
  ANKOMMEN_BASE_URI,
  hsdsId,
  type FullAttribute,
  type HsdsFeed,
  type OrganizationIdentifier,
  type Taxonomy,
  type TaxonomyTerm,
} from '@ankommen/hsds';
import { createReadModel } from './read-model.js';

export const HSDS_EXPORT_FORMAT = 'ankommen-hsds';
/** 2: every service and organization carries its Ankommen record (see {@link carried}). */
export const HSDS_EXPORT_VERSION = 2;

/** One content language's HSDS 3.0 objects, fully nested, as `/hsds/*` serves them. */
export interface HsdsDataset {
  organizations: HsdsFeed['organizations'];
  services: HsdsFeed['services'];
  locations: HsdsFeed['locations'];
  service_at_locations: HsdsFeed['serviceAtLocations'];
  taxonomies: HsdsFeed['taxonomies'];
  taxonomy_terms: HsdsFeed['taxonomyTerms'];
}

/**
 * The whole public data set as HSDS 3.0, one dataset per content language (HSDS has no
 * multilingual texts). Beyond what `/hsds` serves, each service and each organization that
 * is one of our agencies carries its published Ankommen record, in standard HSDS fields, so
 * that `import` can rebuild the published state from the file (see ADR 0017).
 */
export interface HsdsExport {
  format: typeof HSDS_EXPORT_FORMAT;
  version: typeof HSDS_EXPORT_VERSION;
  hsds_version: '3.0';
  exported_at: string;
  /** The profile URI the datasets follow. */
  profile: string;
  /** When the public data last changed: every service's `last_modified`. */
  last_modified: string;
  /** The public revision at `last_modified`; with it every ETag survives an import. */
  revision: number;
  /** The id of the city whose data package gives the rest (city, rule set) on import. */
  city: string;
  languages: Record<string, HsdsDataset>;
}

/** Our own vocabulary for the records we carry: one taxonomy with one term. */
const recordTaxonomy: Taxonomy = {
  id: hsdsId('taxonomy', 'ankommen-record'),
  name: 'Ankommen record',
  description:
    'Links a record to its complete published Ankommen record (all languages, text review states, and the fields HSDS has no place for).',
  uri: `${ANKOMMEN_BASE_URI}/hsds/record`,
  version: '1',
};
const recordTerm: TaxonomyTerm = {
  id: hsdsId('taxonomy_term', 'ankommen.record'),
  code: 'ankommen.record',
  name: 'Ankommen record',
  description: 'The attribute value is the published record as Ankommen JSON.',
  taxonomy: recordTaxonomy.uri,
  taxonomy_id: recordTaxonomy.id,
};
/** `organization_identifier.identifier_scheme` of our agency ids. */
export const ANKOMMEN_IDENTIFIER_SCHEME = 'ankommen';

/** The HSDS parts an export adds to `/hsds` to carry our records; the import takes them off. */
export const carried = {
  taxonomy: recordTaxonomy,
  term: recordTerm,
  attribute(entity: 'service' | 'organization', linkId: string, record: { id: string }) {
    return {
      id: hsdsId('attribute', `${entity}:${record.id}:ankommen.record`),
      link_id: linkId,
      link_entity: entity,
      link_type: 'ankommen_record',
      taxonomy_term_id: recordTerm.id,
      taxonomy_term: { ...recordTerm, taxonomy_detail: recordTaxonomy },
      value: JSON.stringify(record),
    } satisfies FullAttribute;
  },
  identifier(organizationId: string, agencyId: string): OrganizationIdentifier {
    return {
      id: hsdsId('organization_identifier', `${agencyId}:${ANKOMMEN_IDENTIFIER_SCHEME}`),
      organization_id: organizationId,
      identifier_scheme: ANKOMMEN_IDENTIFIER_SCHEME,
      identifier_type: 'agency_id',
      identifier: agencyId,
    };
  },
};

/** A feed with our records attached to the services and organizations they became. */
function withRecords(
  feed: HsdsFeed,
  agencies: readonly { id: string }[],
  offers: readonly { id: string }[],
): HsdsDataset {
  const agencyByOrganization = new Map(agencies.map((a) => [hsdsId('organization', a.id), a]));
  const offerByService = new Map(offers.map((o) => [hsdsId('service', o.id), o]));
  return {
    organizations: feed.organizations.map((organization) => {
      const agency = agencyByOrganization.get(organization.id);
      if (!agency) return organization;
      return {
        ...organization,
        organization_identifiers: [
          ...organization.organization_identifiers,
          carried.identifier(organization.id, agency.id),
        ],
        attributes: [
          ...(organization.attributes ?? []),
          carried.attribute('organization', organization.id, agency),
        ],
      };
    }),
    services: feed.services.map((service) => {
      const offer = offerByService.get(service.id);
      if (!offer) throw new Error(`service ${service.id} has no offer`);
      return {
        ...service,
        attributes: [...service.attributes, carried.attribute('service', service.id, offer)],
      };
    }),
    locations: feed.locations,
    service_at_locations: feed.serviceAtLocations,
    taxonomies: [...feed.taxonomies, recordTaxonomy],
    taxonomy_terms: [...feed.taxonomyTerms, recordTerm],
  };
}

/**
 * Builds the HSDS export from the published state, through the same read model the API
 * serves `/hsds` from, in each of its content languages: every UI language and every language
 * a published text is in (a language only a draft is in is not published yet).
 */
export async function exportHsds(database: Database, now: Date = new Date()): Promise<HsdsExport> {
  const snapshot = await database.snapshot();
  const model = createReadModel({ ...snapshot, revision: String(snapshot.revision) });
  const datasets: Record<string, HsdsDataset> = {};
  let profile = '';
  for (const lang of model.contentLanguages) {
    const feed = model.hsds(lang);
    profile = feed.profile;
    datasets[lang] = withRecords(feed, snapshot.agencies, snapshot.offers);
  }
  return {
    format: HSDS_EXPORT_FORMAT,
    version: HSDS_EXPORT_VERSION,
    hsds_version: '3.0',
    exported_at: now.toISOString(),
    profile,
    last_modified: snapshot.changedAt.toISOString(),
    revision: snapshot.revision,
    city: snapshot.city.id,
    languages: datasets,
  };
}
