import { schema, type Database } from '@ankommen/db';
import type { HsdsFeed } from '@ankommen/hsds';
import { uiLanguages } from '@ankommen/taxonomy';
import { createReadModel } from './read-model.js';

export const HSDS_EXPORT_FORMAT = 'ankommen-hsds';
export const HSDS_EXPORT_VERSION = 1;

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
 * multilingual texts). For other directories to take in; it is not a backup: HSDS leaves out
 * drafts, archived records, rule sets, users, the audit log and several fields of ours.
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
  languages: Record<string, HsdsDataset>;
}

/**
 * Builds the HSDS export from the published state, through the same read model the API
 * serves `/hsds` from, in every UI language and every language a stored text is in.
 */
export async function exportHsds(database: Database, now: Date = new Date()): Promise<HsdsExport> {
  const snapshot = await database.snapshot();
  const model = createReadModel({ ...snapshot, revision: String(snapshot.revision) });
  const stored = await database.db
    .selectDistinct({ lang: schema.translations.lang })
    .from(schema.translations);
  const languages = [...new Set([...uiLanguages, ...stored.map((row) => row.lang)])].sort();
  const datasets: Record<string, HsdsDataset> = {};
  let profile = '';
  for (const lang of languages) {
    const feed = model.hsds(lang);
    profile = feed.profile;
    datasets[lang] = {
      organizations: feed.organizations,
      services: feed.services,
      locations: feed.locations,
      service_at_locations: feed.serviceAtLocations,
      taxonomies: feed.taxonomies,
      taxonomy_terms: feed.taxonomyTerms,
    };
  }
  return {
    format: HSDS_EXPORT_FORMAT,
    version: HSDS_EXPORT_VERSION,
    hsds_version: '3.0',
    exported_at: now.toISOString(),
    profile,
    last_modified: snapshot.changedAt.toISOString(),
    languages: datasets,
  };
}
