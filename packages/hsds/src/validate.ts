import { feedIssues, type FeedIssue, type HsdsFeed } from './map.js';
import {
  ApiRoot,
  FullOrganization,
  FullService,
  FullServiceAtLocation,
  pageOf,
  ServiceListItem,
  Taxonomy,
  TaxonomyTerm,
} from './schemas.js';

interface Checkable {
  safeParse(value: unknown): { error?: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * What an HSDS document can be: the answer of one HSDS API endpoint (`root` for `GET /`, the
 * singular for `GET /services/{id}`, the plural for a page of `GET /services`), or a whole
 * `dataset` as {@link toHsds} builds it.
 */
export const documentKinds = {
  root: ApiRoot,
  service: FullService,
  services: pageOf(ServiceListItem).meta({ id: 'HsdsServiceListPage' }),
  organization: FullOrganization,
  organizations: pageOf(FullOrganization).meta({ id: 'HsdsOrganizationPage' }),
  service_at_location: FullServiceAtLocation,
  service_at_locations: pageOf(FullServiceAtLocation).meta({ id: 'HsdsServiceAtLocationPage' }),
  taxonomy: Taxonomy,
  taxonomies: pageOf(Taxonomy).meta({ id: 'HsdsTaxonomyPage' }),
  taxonomy_term: TaxonomyTerm,
  taxonomy_terms: pageOf(TaxonomyTerm).meta({ id: 'HsdsTaxonomyTermPage' }),
} satisfies Record<string, Checkable>;

/** A kind of HSDS document: an endpoint's answer, or `dataset`. */
export type DocumentKind = keyof typeof documentKinds | 'dataset';

/** Every kind {@link validateDocument} knows, for command lines and forms. */
export const documentKindNames: readonly DocumentKind[] = [
  ...(Object.keys(documentKinds) as (keyof typeof documentKinds)[]),
  'dataset',
];

/** The list endpoints of an HSDS API, each with the kind of one of its items. */
export const listEndpoints = {
  services: 'service',
  organizations: 'organization',
  service_at_locations: 'service_at_location',
  taxonomies: 'taxonomy',
  taxonomy_terms: 'taxonomy_term',
} as const satisfies Record<string, keyof typeof documentKinds>;

const isListEndpoint = (segment: string | undefined): segment is keyof typeof listEndpoints =>
  segment !== undefined && Object.hasOwn(listEndpoints, segment);

/**
 * The kind of document an HSDS API address answers with, from its path: `…/services` is a
 * page of services, `…/services/{id}` one service, anything else the API root.
 *
 * @example kindOfPath('/hsds/services/7f0c…') // 'service'
 */
export function kindOfPath(pathname: string): DocumentKind {
  const segments = pathname.split('/').filter(Boolean);
  const last = segments.at(-1);
  const before = segments.at(-2);
  if (isListEndpoint(last)) return last;
  if (isListEndpoint(before)) return listEndpoints[before];
  return 'root';
}

/** The arrays of a dataset file, by their names in {@link HsdsFeed} and in HSDS (snake case). */
const datasetKeys = {
  organizations: 'organizations',
  services: 'services',
  locations: 'locations',
  serviceAtLocations: 'service_at_locations',
  taxonomies: 'taxonomies',
  taxonomyTerms: 'taxonomy_terms',
} as const satisfies Record<keyof Omit<HsdsFeed, 'language' | 'profile'>, string>;

function datasetIssues(value: unknown): FeedIssue[] {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return [{ path: '', message: 'a dataset must be an object of arrays' }];
  const record = value as Record<string, unknown>;
  const feed: Record<string, unknown[]> = {};
  const issues: FeedIssue[] = [];
  for (const [name, snake] of Object.entries(datasetKeys)) {
    const found = record[name] ?? record[snake] ?? [];
    feed[name] = Array.isArray(found) ? found : [];
    if (!Array.isArray(found))
      issues.push({ path: name in record ? name : snake, message: 'must be an array' });
  }
  if (Object.values(feed).every((items) => items.length === 0))
    issues.push({ path: '', message: `none of ${Object.values(datasetKeys).join(', ')} found` });
  return [...issues, ...feedIssues(feed as unknown as HsdsFeed)];
}

/**
 * Validates a parsed JSON document against the HSDS 3.0 schema of its kind and returns every
 * problem with its path; an empty list means the document is valid.
 *
 * @example
 * const issues = validateDocument(await (await fetch(url)).json(), 'services');
 * if (issues.length > 0) console.error(issues);
 */
export function validateDocument(value: unknown, kind: DocumentKind): FeedIssue[] {
  if (kind === 'dataset') return datasetIssues(value);
  const checked = (documentKinds[kind] as Checkable).safeParse(value);
  return (checked.error?.issues ?? []).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * The kind of a document that says what it is by its shape: the API root, or a dataset (an
 * object of arrays). Pages and single objects are ambiguous in HSDS; give their kind.
 */
export function guessKind(value: unknown): DocumentKind | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ('version' in record && 'profile' in record && 'openapi_url' in record) return 'root';
  const keys = [...Object.keys(datasetKeys), ...Object.values(datasetKeys)];
  // A service has arrays of these names too, but a dataset has no id of its own.
  return !('id' in record) && keys.some((key) => Array.isArray(record[key]))
    ? 'dataset'
    : undefined;
}
