import {
  BackupError,
  restorePublished,
  type Database,
  type PublishedState,
  type SeedData,
} from '@ankommen/db';
import {
  FullOrganization,
  FullService,
  FullLocation,
  FullServiceAtLocation,
  Taxonomy,
  TaxonomyTerm,
} from '@ankommen/hsds';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  ANKOMMEN_IDENTIFIER_SCHEME,
  carried,
  HSDS_EXPORT_FORMAT,
  HSDS_EXPORT_VERSION,
  type HsdsDataset,
} from './hsds-export.js';
import { createReadModel } from './read-model.js';

const Dataset = z.object({
  organizations: z.array(FullOrganization),
  services: z.array(FullService),
  locations: z.array(FullLocation),
  service_at_locations: z.array(FullServiceAtLocation),
  taxonomies: z.array(Taxonomy),
  taxonomy_terms: z.array(TaxonomyTerm),
});

/** An HSDS export of ours (`export --format hsds`), every dataset valid HSDS 3.0. */
const HsdsFile = z.object({
  format: z.literal(HSDS_EXPORT_FORMAT),
  version: z.literal(HSDS_EXPORT_VERSION),
  hsds_version: z.literal('3.0'),
  exported_at: z.iso.datetime({ offset: true }),
  profile: z.string(),
  last_modified: z.iso.datetime({ offset: true }),
  revision: z.number().int().min(0),
  city: z.string().min(1),
  languages: z
    .record(z.string(), Dataset)
    .refine((datasets) => Object.keys(datasets).length > 0, 'holds no dataset'),
});

function invalid(issues: { path: string; message: string }[]): BackupError {
  const shown = issues.slice(0, 10).map((issue) => `  ${issue.path}: ${issue.message}`);
  const more = issues.length > shown.length ? [`  … and ${issues.length - shown.length} more`] : [];
  return new BackupError(
    'invalid_file',
    `not a valid ${HSDS_EXPORT_FORMAT} version ${HSDS_EXPORT_VERSION} file:\n${[...shown, ...more].join('\n')}`,
    issues,
  );
}

/** The first path at which two JSON values differ, e.g. `services.3.name`. */
function firstDifference(a: unknown, b: unknown, path: string[] = []): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        [...path, key],
      );
      if (found) return found;
    }
  }
  return path.join('.') || '(dataset)';
}

type Json = Record<string, unknown>;

/**
 * Takes the carried records off one dataset: the records by our id, and the dataset as
 * `/hsds` serves it. A service without its record, or an agency's organization whose record
 * and identifier disagree, is an error naming it.
 */
function takeRecords(dataset: Json, lang: string) {
  const issues: { path: string; message: string }[] = [];
  const agencies: Json[] = [];
  const offers: Json[] = [];
  /** Each offer's service's `last_modified`: when the offer was last published. */
  const offersModified: Record<string, string> = {};
  const recordOf = (attributes: Json[] | undefined, path: string): Json | undefined => {
    const found = (attributes ?? []).filter((a) => a['taxonomy_term_id'] === carried.term.id);
    if (found.length !== 1) return undefined;
    try {
      return JSON.parse(String(found[0]!['value'])) as Json;
    } catch {
      issues.push({ path, message: 'the Ankommen record is not JSON' });
      return undefined;
    }
  };
  const others = (attributes: Json[] | undefined) =>
    (attributes ?? []).filter((a) => a['taxonomy_term_id'] !== carried.term.id);

  const organizations = (dataset['organizations'] as Json[]).map((organization, index) => {
    const path = `languages.${lang}.organizations.${index}`;
    const attributes = organization['attributes'] as Json[] | undefined;
    const identifiers = organization['organization_identifiers'] as Json[];
    const ours = identifiers.filter((i) => i['identifier_scheme'] === ANKOMMEN_IDENTIFIER_SCHEME);
    const record = recordOf(attributes, `${path}.attributes`);
    if (!record && ours.length === 0) return organization;
    if (!record || ours.length !== 1 || ours[0]!['identifier'] !== record['id']) {
      issues.push({
        path,
        message: 'an agency needs one Ankommen record and one ankommen identifier with its id',
      });
      return organization;
    }
    agencies.push(record);
    const { attributes: _attributes, ...rest } = organization;
    const kept = others(attributes);
    return {
      ...rest,
      organization_identifiers: identifiers.filter((i) => !ours.includes(i)),
      ...(kept.length > 0 ? { attributes: kept } : {}),
    };
  });
  const services = (dataset['services'] as Json[]).map((service, index) => {
    const path = `languages.${lang}.services.${index}.attributes`;
    const record = recordOf(service['attributes'] as Json[], path);
    if (record) {
      offers.push(record);
      if (typeof record['id'] === 'string' && typeof service['last_modified'] === 'string')
        offersModified[record['id']] = service['last_modified'];
    } else issues.push({ path, message: 'the service carries no Ankommen record' });
    return { ...service, attributes: others(service['attributes'] as Json[]) };
  });
  const served = {
    ...dataset,
    organizations,
    services,
    taxonomies: (dataset['taxonomies'] as Json[]).filter((t) => t['id'] !== carried.taxonomy.id),
    taxonomy_terms: (dataset['taxonomy_terms'] as Json[]).filter(
      (t) => t['id'] !== carried.term.id,
    ),
  };
  return { agencies, offers, offersModified, served, issues };
}

export interface HsdsImportCounts {
  languages: number;
  agencies: number;
  offers: number;
}

/** A checked HSDS export, ready for {@link importHsds}. */
export interface HsdsImportPlan {
  cityPackage: SeedData;
  state: PublishedState;
  languages: number;
}

/**
 * Checks an HSDS export of ours without touching a database: every dataset valid HSDS 3.0,
 * every service and agency carrying its Ankommen record, the same records in every
 * language, the city of `cityPackage`, and every dataset exactly what `/hsds` serves from
 * those records in its language, so a file whose HSDS fields were changed without its
 * records (or the other way round) is refused, naming the first difference. Throws
 * `BackupError('invalid_file')`.
 */
export function prepareHsdsImport(input: unknown, cityPackage: SeedData): HsdsImportPlan {
  const parsed = HsdsFile.safeParse(input);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(file)',
        message: issue.message,
      })),
    );
  }
  const file = parsed.data;
  const cityId = (cityPackage.city as { id?: unknown }).id;
  if (file.city !== cityId) {
    throw invalid([{ path: 'city', message: `is ${file.city}, but this server is for ${cityId}` }]);
  }
  // The datasets as written (zod puts keys in schema order; the comparison ignores order).
  const raw = (input as { languages: Record<string, Json> }).languages;
  const langs = Object.keys(file.languages).sort();
  const taken = langs.map((lang) => ({ lang, ...takeRecords(raw[lang]!, lang) }));
  const first = taken[0]!;
  const issues = taken.flatMap((t) => t.issues);
  for (const other of taken.slice(1)) {
    if (!isDeepStrictEqual([other.agencies, other.offers], [first.agencies, first.offers])) {
      issues.push({
        path: `languages.${other.lang}`,
        message: `carries other Ankommen records than languages.${first.lang}`,
      });
    }
  }
  if (issues.length > 0) throw invalid(issues);

  const changedAt = new Date(file.last_modified);
  const offersPublishedAt = Object.fromEntries(
    Object.entries(first.offersModified).map(([id, at]) => [id, new Date(at)]),
  );
  let model;
  try {
    model = createReadModel({
      city: cityPackage.city,
      agencies: first.agencies,
      offers: first.offers,
      ruleSet: cityPackage.rules,
      personas: cityPackage.personas as unknown[],
      revision: String(file.revision),
      changedAt,
      offersPublishedAt,
    });
  } catch (error) {
    throw invalid([{ path: 'records', message: (error as Error).message }]);
  }
  for (const { lang, served } of taken) {
    const feed = model.hsds(lang);
    const expected: HsdsDataset = {
      organizations: feed.organizations,
      services: feed.services,
      locations: feed.locations,
      service_at_locations: feed.serviceAtLocations,
      taxonomies: feed.taxonomies,
      taxonomy_terms: feed.taxonomyTerms,
    };
    const differs = firstDifference(served, JSON.parse(JSON.stringify(expected)));
    if (differs) {
      throw invalid([
        {
          path: `languages.${lang}.${differs}`,
          message: 'differs from what the carried Ankommen records give',
        },
      ]);
    }
  }
  return {
    cityPackage,
    languages: langs.length,
    state: {
      agencies: first.agencies,
      offers: first.offers,
      revision: file.revision,
      changedAt,
      offersPublishedAt,
      restoredFrom: { format: HSDS_EXPORT_FORMAT, exportedAt: file.exported_at },
    },
  };
}

/**
 * Imports a checked HSDS export into an EMPTY database: the published agencies and offers
 * from the records the file carries, the city and the rule set from the city's data package,
 * the public revision from the file; the database is marked as restored. Refuses a database
 * that is not empty (`BackupError('not_empty')`).
 */
export async function importHsds(
  database: Database,
  plan: HsdsImportPlan,
  options: { now?: Date } = {},
): Promise<HsdsImportCounts> {
  const counts = await restorePublished(database, plan.cityPackage, plan.state, options);
  return { languages: plan.languages, ...counts };
}
