import type { Agency } from '@ankommen/registry';
import type { City, Persona, RuleSet } from '@ankommen/routing';
import type { Offer } from '@ankommen/taxonomy';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Drizzle } from './connection.js';
import { NotFoundError } from './errors.js';
import { PUBLIC_REVISION_KEY } from './public-change.js';
import { agencies, meta, offers, ruleSets } from './schema.js';

export const CITY_KEY = 'city';

/** Everything the public read model is built from; validate it with `parseCityData`. */
export interface Snapshot {
  city: City;
  /** Published and not archived, by id. */
  agencies: Agency[];
  /** Published and not archived, by id. */
  offers: Offer[];
  /** When each of `offers` was last published, by id. */
  offersPublishedAt: Record<string, Date>;
  ruleSet: RuleSet;
  /** The same object as `ruleSet`, under the name `parseCityData(snapshot)` expects. */
  rules: RuleSet;
  personas: Persona[];
  /** The version of the rule set in force (`ruleSets.get(ruleSetVersion)`). */
  ruleSetVersion: number;
  /** Increases with every change the public can see. */
  revision: number;
  /** When the public view last changed. */
  changedAt: Date;
}

/**
 * Reads the public view in one read-only REPEATABLE READ transaction, so that a publish
 * committed halfway through cannot pair new offers with old agencies.
 */
export async function readSnapshot(db: Drizzle): Promise<Snapshot> {
  return db.transaction(
    async (tx) => {
      const [cityRow] = await tx.select().from(meta).where(eq(meta.key, CITY_KEY));
      if (!cityRow) throw new NotFoundError('city', CITY_KEY);
      const [ruleSetRow] = await tx.select().from(ruleSets).where(eq(ruleSets.status, 'published'));
      if (!ruleSetRow) throw new NotFoundError('rule_set', 'published');
      const agencyRows = await tx
        .select({ value: agencies.published })
        .from(agencies)
        .where(and(sql`${agencies.published} is not null`, ne(agencies.status, 'archived')))
        .orderBy(asc(agencies.id));
      const offerRows = await tx
        .select({ id: offers.id, value: offers.published, publishedAt: offers.publishedAt })
        .from(offers)
        .where(and(sql`${offers.published} is not null`, ne(offers.status, 'archived')))
        .orderBy(asc(offers.id));
      const [revisionRow] = await tx.select().from(meta).where(eq(meta.key, PUBLIC_REVISION_KEY));
      const ruleSet = ruleSetRow.data as unknown as RuleSet;
      return {
        city: cityRow.value as City,
        agencies: agencyRows.map((row) => row.value as unknown as Agency),
        offers: offerRows.map((row) => row.value as unknown as Offer),
        offersPublishedAt: Object.fromEntries(
          offerRows.flatMap((row) => (row.publishedAt ? [[row.id, row.publishedAt]] : [])),
        ),
        ruleSet,
        rules: ruleSet,
        personas: ruleSetRow.personas as Persona[],
        ruleSetVersion: ruleSetRow.version,
        revision: (revisionRow?.value as { revision?: number } | undefined)?.revision ?? 0,
        changedAt: revisionRow?.updatedAt ?? ruleSetRow.publishedAt ?? ruleSetRow.createdAt,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
