/**
 * Restores the published state of another database (as an HSDS export carries it) into an
 * empty database: the city's data package gives the city and the rule set, the file gives
 * the published agencies and offers with when each offer was published, and the public
 * revision and its time, so that every ETag and `last_modified` matches the database the file
 * came from.
 */
import { eq, sql } from 'drizzle-orm';
import { claimEmptyDatabase, RESTORED_KEY } from './backup.js';
import { PUBLIC_REVISION_KEY } from './public-change.js';
import { meta, offers } from './schema.js';
import { seed, type Seedable, type SeedData } from './seed.js';

export interface PublishedState {
  /** The published agencies and offers, as stored (`published`). */
  agencies: unknown[];
  offers: unknown[];
  /** The public revision and when it was reached (the source's `meta.public_revision`). */
  revision: number;
  changedAt: Date;
  /** When each offer was last published, by id (default: the time of the restore). */
  offersPublishedAt?: Readonly<Record<string, Date>>;
  /** Recorded in the `restored` meta row (e.g. the file's format and export time). */
  restoredFrom: Record<string, unknown>;
}

/**
 * Seeds an EMPTY database from `cityPackage` with its agencies and offers replaced by those of
 * `state`, in one transaction, then sets the public revision to the source's and marks the
 * database as restored (the start-up seed adds nothing later). Refuses a database that holds
 * any row (`BackupError('not_empty')`); an invalid record fails the seed's validation
 * (`CityDataError`) and nothing is written.
 */
export async function restorePublished(
  database: Seedable,
  cityPackage: SeedData,
  state: PublishedState,
  options: { now?: Date } = {},
): Promise<{ agencies: number; offers: number }> {
  return database.db.transaction(async (tx) => {
    await claimEmptyDatabase(tx);
    const seeded = await seed(
      { db: tx, sourceLanguage: database.sourceLanguage },
      { ...cityPackage, agencies: state.agencies, offers: state.offers },
    );
    for (const [id, publishedAt] of Object.entries(state.offersPublishedAt ?? {}))
      await tx.update(offers).set({ publishedAt }).where(eq(offers.id, id));
    await tx
      .update(meta)
      .set({ value: { revision: state.revision }, updatedAt: state.changedAt })
      .where(sql`${meta.key} = ${PUBLIC_REVISION_KEY}`);
    await tx.insert(meta).values({
      key: RESTORED_KEY,
      value: state.restoredFrom,
      updatedAt: options.now ?? new Date(),
    });
    return { agencies: seeded.agencies.length, offers: seeded.offers.length };
  });
}
