import { between, sql } from 'drizzle-orm';
import { z } from 'zod';
import { usageCounts, usageKinds, type UsageKind } from '../schema.js';
import type { RepositoryContext } from './context.js';

/** Counts below this are never shown, nor used in any sum that is shown (ADR 0014). */
export const MIN_SHOWN_COUNT = 5;

export const UsagePeriod = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM (e.g. 2026-11)');

export const UsageIncrement = z
  .object({
    period: UsagePeriod,
    kind: z.enum(usageKinds),
    key: z.string().min(1).max(60),
    lang: z.string().min(2).max(12),
    count: z.number().int().min(1),
  })
  .strict();
export type UsageIncrement = z.infer<typeof UsageIncrement>;

export const UsageRange = z
  .object({ from: UsagePeriod, to: UsagePeriod })
  .strict()
  .refine(({ from, to }) => from <= to, { message: 'must not be after to', path: ['from'] });
export type UsageRange = z.infer<typeof UsageRange>;

/**
 * One key in one language over a range of months, after suppression: `count` sums only the
 * months whose count reached the threshold (`null` when none did); `hidden` tells that some
 * month was left out because it stayed below it.
 */
export interface SuppressedCount {
  kind: UsageKind;
  key: string;
  lang: string;
  count: number | null;
  hidden: boolean;
}

export interface UsageRepository {
  /** Adds a batch of counts: rows that exist grow by the batch's count. */
  add(batch: UsageIncrement[]): Promise<void>;
  /** Every key and language counted in the range, suppressed month by month. */
  report(range: UsageRange): Promise<SuppressedCount[]>;
}

/** Merges a batch by row, since one upsert statement may not touch a row twice. */
function merged(batch: UsageIncrement[]): UsageIncrement[] {
  const rows = new Map<string, UsageIncrement>();
  for (const increment of batch) {
    const id = [increment.period, increment.kind, increment.key, increment.lang].join('\u0000');
    const row = rows.get(id);
    if (row) row.count += increment.count;
    else rows.set(id, { ...increment });
  }
  return [...rows.values()];
}

export function createUsageRepository(context: RepositoryContext): UsageRepository {
  const { db } = context;
  return {
    async add(batch) {
      const rows = merged(z.array(UsageIncrement).parse(batch));
      if (rows.length === 0) return;
      await db
        .insert(usageCounts)
        .values(rows)
        .onConflictDoUpdate({
          target: [usageCounts.period, usageCounts.kind, usageCounts.key, usageCounts.lang],
          set: { count: sql`${usageCounts.count} + excluded.count` },
        });
    },
    async report(range) {
      const { from, to } = UsageRange.parse(range);
      // Suppression per stored month, so that comparing overlapping ranges never reveals a
      // month's small count by difference.
      const shown = sql<
        string | null
      >`sum(${usageCounts.count}) filter (where ${usageCounts.count} >= ${MIN_SHOWN_COUNT})`;
      const hidden = sql<boolean>`bool_or(${usageCounts.count} < ${MIN_SHOWN_COUNT})`;
      const rows = await db
        .select({
          kind: usageCounts.kind,
          key: usageCounts.key,
          lang: usageCounts.lang,
          shown,
          hidden,
        })
        .from(usageCounts)
        .where(between(usageCounts.period, from, to))
        .groupBy(usageCounts.kind, usageCounts.key, usageCounts.lang);
      return rows.map((row) => ({
        kind: row.kind,
        key: row.key,
        lang: row.lang,
        count: row.shown === null ? null : Number(row.shown),
        hidden: row.hidden,
      }));
    },
  };
}
