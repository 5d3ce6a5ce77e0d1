import { sql } from 'drizzle-orm';
import type { Drizzle } from './connection.js';
import { meta } from './schema.js';

/**
 * The channel on which every change of the public read model is announced, from inside the
 * writing transaction: PostgreSQL delivers it on commit, to every process listening, and
 * never for a rolled-back write. Payload: `PublicChange` as JSON.
 */
export const PUBLIC_CHANGE_CHANNEL = 'ankommen_public_change';

export interface PublicChange {
  entityType: 'offer' | 'agency' | 'rule_set' | 'seed';
  entityId: string | null;
  /** Increases by one with every public change; a cheap ETag ingredient. */
  revision: number;
}

export const PUBLIC_REVISION_KEY = 'public_revision';

/**
 * Records that the public view changed: bumps the revision (the meta row's lock orders
 * concurrent publishers) and notifies on commit. `changedAt` never goes backwards even when
 * transactions commit out of start order.
 */
export async function markPublicChange(
  tx: Drizzle,
  change: Omit<PublicChange, 'revision'>,
): Promise<number> {
  const [row] = await tx
    .insert(meta)
    .values({ key: PUBLIC_REVISION_KEY, value: { revision: 1 }, updatedAt: sql`clock_timestamp()` })
    .onConflictDoUpdate({
      target: meta.key,
      set: {
        value: sql`jsonb_build_object('revision', (${meta.value}->>'revision')::int + 1)`,
        updatedAt: sql`greatest(${meta.updatedAt}, clock_timestamp())`,
      },
    })
    .returning({ value: meta.value });
  const revision = (row?.value as { revision: number } | undefined)?.revision ?? 1;
  const payload: PublicChange = { ...change, revision };
  await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${JSON.stringify(payload)})`);
  return revision;
}
