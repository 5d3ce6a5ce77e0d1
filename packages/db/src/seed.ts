import { parseCityData } from '@ankommen/routing';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RESTORED_KEY } from './backup.js';
import type { Drizzle } from './connection.js';
import { markPublicChange } from './public-change.js';
import { StoredAgency } from './repositories/agencies.js';
import { writeAudit } from './repositories/audit.js';
import type { Actor } from './repositories/context.js';
import {
  agencies,
  locations,
  meta,
  offers,
  ruleSets,
  translations,
  type EntityType,
} from './schema.js';
import { CITY_KEY } from './snapshot.js';
import { planTranslations, splitEntity } from './texts.js';

/** A city's data package as stored: the five JSON files, not yet validated. */
export interface SeedData {
  city: unknown;
  agencies: unknown;
  offers: unknown;
  rules: unknown;
  personas: unknown;
}

export interface SeedOptions {
  /** Recorded in the audit log; default `null` (the system). */
  actor?: Actor;
}

export interface SeedResult {
  /** Ids inserted by this run; records that existed are left exactly as they are. */
  agencies: string[];
  offers: string[];
  /** The rule set version inserted, when there was none. */
  ruleSetVersion: number | null;
  city: boolean;
}

/** The parts of the Database the seed needs. */
export interface Seedable {
  db: Drizzle;
  sourceLanguage: string;
}

export const SEED_KEY = 'seed';

/** Bound parameters per statement stay far below PostgreSQL's 65,535. */
function chunks<T>(values: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) result.push(values.slice(i, i + size));
  return result;
}

/**
 * Seeds a database from a city's data package. Idempotent: inserts only offers and agencies
 * whose id does not exist (as published, version 1), the city if none is stored, and the rule
 * set as published version 1 if there is no rule set at all. Existing records, including
 * staff edits and archived ones, are never touched; a restored database (`importBackup`) gets
 * nothing at all. Validates everything first
 * (`CityDataError` lists every problem) and writes nothing if any part is invalid.
 */
export async function seed(
  database: Seedable,
  data: SeedData,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const cityData = parseCityData(data);
  const agencyValues = z.array(StoredAgency).parse(cityData.registry.agencies);
  const offerValues = cityData.catalog.offers;
  const actor = options.actor ?? null;
  const { db, sourceLanguage } = database;

  async function insertEntities(
    tx: Drizzle,
    entityType: EntityType,
    values: readonly { id: string }[],
  ): Promise<string[]> {
    const table = entityType === 'offer' ? offers : agencies;
    const inserted: string[] = [];
    for (const batch of chunks(values)) {
      const rows = await tx
        .insert(table)
        .values(
          batch.map((value) => ({
            id: value.id,
            version: 1,
            status: 'published' as const,
            data: splitEntity(entityType, value as Record<string, unknown>).data,
            published: value as Record<string, unknown>,
            publishedAt: sql`now()`,
            updatedBy: actor,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: table.id });
      inserted.push(...rows.map((row) => row.id));
    }
    // Texts and locations only for the records this run created.
    const created = new Set(inserted);
    const textRows: (typeof translations.$inferInsert)[] = [];
    const locationRows: (typeof locations.$inferInsert)[] = [];
    for (const value of values) {
      if (!created.has(value.id)) continue;
      const parts = splitEntity(entityType, value as Record<string, unknown>);
      for (const row of planTranslations(parts.texts, [], sourceLanguage)) {
        textRows.push({ ...row, entityType, entityId: value.id });
      }
      parts.locations.forEach((place, position) =>
        locationRows.push({ entityType, entityId: value.id, position, data: place }),
      );
    }
    for (const batch of chunks(textRows)) {
      await tx.insert(translations).values(batch).onConflictDoNothing();
    }
    for (const batch of chunks(locationRows)) {
      await tx.insert(locations).values(batch).onConflictDoNothing();
    }
    return inserted;
  }

  return db.transaction(async (tx) => {
    // Two processes seeding the same PostgreSQL database at once: the second waits and then
    // finds everything in place.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ankommen.seed'))`);
    // A restored database is the state it was restored to: seeding on top would bring back
    // records staff had never had, or a city the backup is not about.
    const [restored] = await tx.select().from(meta).where(eq(meta.key, RESTORED_KEY));
    if (restored) return { agencies: [], offers: [], ruleSetVersion: null, city: false };
    const cityRows = await tx
      .insert(meta)
      .values({ key: CITY_KEY, value: cityData.city })
      .onConflictDoNothing()
      .returning({ key: meta.key });
    // Agencies first: offers and other agencies point to them.
    const agencyIds = await insertEntities(tx, 'agency', agencyValues);
    const offerIds = await insertEntities(tx, 'offer', offerValues);
    const [anyRuleSet] = await tx.select({ version: ruleSets.version }).from(ruleSets).limit(1);
    let ruleSetVersion: number | null = null;
    if (!anyRuleSet) {
      const [row] = await tx
        .insert(ruleSets)
        .values({
          ruleSetId: cityData.rules.id,
          data: cityData.rules as unknown as Record<string, unknown>,
          personas: cityData.personas,
          status: 'published',
          note: `seeded from the ${cityData.city.id} data package`,
          createdBy: actor,
          publishedAt: sql`now()`,
          publishedBy: actor,
        })
        .returning({ version: ruleSets.version });
      ruleSetVersion = row?.version ?? null;
    }
    const result: SeedResult = {
      agencies: agencyIds,
      offers: offerIds,
      ruleSetVersion,
      city: cityRows.length > 0,
    };
    if (result.city || agencyIds.length > 0 || offerIds.length > 0 || ruleSetVersion !== null) {
      await writeAudit(tx, {
        userId: actor,
        action: 'seed',
        entityType: 'city',
        entityId: cityData.city.id,
        after: result,
      });
      await tx
        .insert(meta)
        .values({ key: SEED_KEY, value: { cityId: cityData.city.id } })
        .onConflictDoUpdate({ target: meta.key, set: { updatedAt: sql`now()` } });
      await markPublicChange(tx, { entityType: 'seed', entityId: cityData.city.id });
    }
    return result;
  });
}
