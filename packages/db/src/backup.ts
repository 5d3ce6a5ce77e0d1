/**
 * A full backup of the database as one JSON document of our own (`ankommen-backup`), and its
 * restore into an empty database. Every row staff could lose is in it, with its ids, versions
 * and timestamps, so that the restored database answers exactly as the one it came from.
 * Sessions are left out on purpose: a restore signs everyone out.
 */
import { Offer } from '@ankommen/taxonomy';
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Drizzle } from './connection.js';
import { readMigrations } from './migrate.js';
import { StoredAgency } from './repositories/agencies.js';
import {
  agencies,
  auditLog,
  entityStatuses,
  entityTypes,
  locations,
  meta,
  offers,
  roles,
  ruleSetStatuses,
  ruleSets,
  sessions,
  translations,
  translationStatuses,
  usageCounts,
  usageKinds,
  users,
} from './schema.js';

export const BACKUP_FORMAT = 'ankommen-backup';
export const BACKUP_VERSION = 1;

/** The meta row that marks a database as restored: the seed leaves such a database alone. */
export const RESTORED_KEY = 'restored';

const Timestamp = z.iso.datetime({ offset: true });
const Json = z.record(z.string(), z.unknown());

/** Offers and agencies: the working copy, the published copy and the workflow state. */
const entityRow = <T extends z.ZodType>(published: T) =>
  z
    .object({
      id: z.string().min(1),
      version: z.number().int().min(1),
      status: z.enum(entityStatuses),
      data: Json,
      // Checked against the domain schema: a restored database must give a valid public view.
      published: published.nullable(),
      publishedAt: Timestamp.nullable(),
      ownerAgencyId: z.string().min(1).nullable(),
      createdAt: Timestamp,
      updatedAt: Timestamp,
      updatedBy: z.string().nullable(),
    })
    .strict();

const TranslationRow = z
  .object({
    entityType: z.enum(entityTypes),
    entityId: z.string().min(1),
    field: z.string().min(1),
    lang: z.string().min(1),
    text: z.string(),
    status: z.enum(translationStatuses),
    sourceHash: z.string().nullable(),
    updatedAt: Timestamp,
  })
  .strict();

const LocationRow = z
  .object({
    entityType: z.enum(entityTypes),
    entityId: z.string().min(1),
    position: z.number().int().min(0),
    data: Json,
  })
  .strict();

const RuleSetRow = z
  .object({
    version: z.number().int().min(1),
    ruleSetId: z.string().min(1),
    data: Json,
    personas: z.array(z.unknown()),
    status: z.enum(ruleSetStatuses),
    restoredFrom: z.number().int().nullable(),
    note: z.string().nullable(),
    createdAt: Timestamp,
    createdBy: z.string().nullable(),
    publishedAt: Timestamp.nullable(),
    publishedBy: z.string().nullable(),
  })
  .strict();

const UserRow = z
  .object({
    id: z.uuid(),
    email: z.string().min(1),
    passwordHash: z.string().min(1),
    role: z.enum(roles),
    partnerAgencyId: z.string().min(1).nullable(),
    active: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .strict();

const AuditRow = z
  .object({
    id: z.number().int().min(1),
    at: Timestamp,
    userId: z.string().nullable(),
    action: z.string().min(1),
    entityType: z.string().min(1),
    entityId: z.string().nullable(),
    version: z.number().int().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    comment: z.string().nullable(),
  })
  .strict();

const UsageRow = z
  .object({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    kind: z.enum(usageKinds),
    key: z.string(),
    lang: z.string(),
    count: z.number().int().min(1),
  })
  .strict();

const MetaRow = z
  .object({ key: z.string().min(1), value: z.unknown(), updatedAt: Timestamp })
  .strict();

/**
 * The backup file, version 1. Rows are as stored, ordered by their keys, timestamps as ISO
 * 8601 with milliseconds (the database keeps microseconds; the API never shows them). The
 * file holds password hashes: it is as secret as the database.
 */
export const Backup = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: Timestamp,
    /** The newest migration of the database it came from (informational). */
    migration: z.string(),
    agencies: z.array(entityRow(StoredAgency)),
    offers: z.array(entityRow(Offer)),
    translations: z.array(TranslationRow),
    locations: z.array(LocationRow),
    ruleSets: z.array(RuleSetRow),
    users: z.array(UserRow),
    auditLog: z.array(AuditRow),
    usageCounts: z.array(UsageRow),
    meta: z.array(MetaRow),
  })
  .strict();
export type Backup = z.infer<typeof Backup>;

/** How many rows of each kind a backup holds. */
export type BackupCounts = Record<
  Exclude<keyof Backup, 'format' | 'version' | 'exportedAt' | 'migration'>,
  number
>;

/**
 * - `invalid_file`: the file is not a valid backup (`issues` name every bad field);
 * - `not_empty`: the target database already holds data (`tables` say which).
 */
export class BackupError extends Error {
  constructor(
    readonly code: 'invalid_file' | 'not_empty',
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Reads every table staff data lives in, in one REPEATABLE READ transaction, so that the file
 * is one consistent state even while the API keeps writing.
 */
export async function exportBackup(
  database: { db: Drizzle },
  options: { now?: Date } = {},
): Promise<Backup> {
  const { db } = database;
  const now = options.now ?? new Date();
  const migrations = readMigrations();
  return db.transaction(
    async (tx) => {
      const entityRows = async (table: typeof offers | typeof agencies) =>
        (await tx.select().from(table).orderBy(asc(table.id))).map((row) => ({
          ...row,
          publishedAt: isoOrNull(row.publishedAt),
          createdAt: iso(row.createdAt),
          updatedAt: iso(row.updatedAt),
        }));
      const backup = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: iso(now),
        migration: migrations.at(-1)?.tag ?? '',
        agencies: await entityRows(agencies),
        offers: await entityRows(offers),
        translations: (
          await tx
            .select()
            .from(translations)
            .orderBy(
              asc(translations.entityType),
              asc(translations.entityId),
              asc(translations.field),
              asc(translations.lang),
            )
        ).map((row) => ({ ...row, updatedAt: iso(row.updatedAt) })),
        locations: await tx
          .select()
          .from(locations)
          .orderBy(asc(locations.entityType), asc(locations.entityId), asc(locations.position)),
        ruleSets: (await tx.select().from(ruleSets).orderBy(asc(ruleSets.version))).map((row) => ({
          ...row,
          createdAt: iso(row.createdAt),
          publishedAt: isoOrNull(row.publishedAt),
        })),
        users: (await tx.select().from(users).orderBy(asc(users.id))).map((row) => ({
          ...row,
          createdAt: iso(row.createdAt),
          updatedAt: iso(row.updatedAt),
        })),
        auditLog: (await tx.select().from(auditLog).orderBy(asc(auditLog.id))).map((row) => ({
          ...row,
          at: iso(row.at),
        })),
        usageCounts: await tx
          .select()
          .from(usageCounts)
          .orderBy(
            asc(usageCounts.period),
            asc(usageCounts.kind),
            asc(usageCounts.key),
            asc(usageCounts.lang),
          ),
        meta: (await tx.select().from(meta).orderBy(asc(meta.key))).map((row) => ({
          ...row,
          updatedAt: iso(row.updatedAt),
        })),
      };
      return backup as Backup;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Validates a parsed JSON document as a backup; `BackupError('invalid_file')` names every bad field. */
export function parseBackup(value: unknown): Backup {
  const result = Backup.safeParse(value);
  if (result.success) {
    // The domain schemas fill in defaults; store the values exactly as they were exported.
    const raw = value as Backup;
    return { ...result.data, agencies: raw.agencies, offers: raw.offers };
  }
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(file)',
    message: issue.message,
  }));
  const shown = issues.slice(0, 10).map((issue) => `  ${issue.path}: ${issue.message}`);
  const more = issues.length > shown.length ? [`  … and ${issues.length - shown.length} more`] : [];
  throw new BackupError(
    'invalid_file',
    `not a valid ${BACKUP_FORMAT} version ${BACKUP_VERSION} file:\n${[...shown, ...more].join('\n')}`,
    issues,
  );
}

/** Counts the rows of each kind in a backup, for reports. */
export function countBackup(backup: Backup): BackupCounts {
  return {
    agencies: backup.agencies.length,
    offers: backup.offers.length,
    translations: backup.translations.length,
    locations: backup.locations.length,
    ruleSets: backup.ruleSets.length,
    users: backup.users.length,
    auditLog: backup.auditLog.length,
    usageCounts: backup.usageCounts.length,
    meta: backup.meta.length,
  };
}

const dataTables = {
  agencies,
  offers,
  translations,
  locations,
  rule_sets: ruleSets,
  users,
  sessions,
  audit_log: auditLog,
  usage_counts: usageCounts,
  meta,
};

/** The tables of `db` that hold any row; empty for a database that was only migrated. */
async function nonEmptyTables(db: Drizzle): Promise<string[]> {
  const found: string[] = [];
  for (const [name, table] of Object.entries(dataTables)) {
    const rows = await db
      .select({ one: sql<number>`1` })
      .from(table)
      .limit(1);
    if (rows.length > 0) found.push(name);
  }
  return found;
}

/**
 * Within a restoring transaction: takes the seed's lock (of two imports into one PostgreSQL
 * database at once, the second then finds it no longer empty) and refuses a database that
 * holds any row.
 */
export async function claimEmptyDatabase(tx: Drizzle): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ankommen.seed'))`);
  const occupied = await nonEmptyTables(tx);
  if (occupied.length > 0) {
    throw new BackupError(
      'not_empty',
      `the database is not empty (${occupied.join(', ')} hold rows); import only into a new, empty database`,
    );
  }
}

function chunks<T>(values: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) result.push(values.slice(i, i + size));
  return result;
}

async function insertAll<T>(
  insert: (rows: T[]) => Promise<unknown>,
  rows: readonly T[],
): Promise<void> {
  for (const batch of chunks(rows)) await insert(batch);
}

export interface ImportOptions {
  /** Recorded in the `restored` meta row. Default: now. */
  now?: Date;
}

/**
 * Restores a backup into an empty database, in one transaction: all of it or nothing.
 * Refuses a database that holds any row (`BackupError('not_empty')`): merging two states
 * would silently mix histories. Sequences continue after the restored ids, and the database
 * is marked as restored (meta `restored`), so that the API's start-up seed adds nothing.
 * No public-change notification is sent: nothing can be serving an empty database.
 */
export async function importBackup(
  database: { db: Drizzle },
  input: unknown,
  options: ImportOptions = {},
): Promise<BackupCounts> {
  const { db } = database;
  const backup = parseBackup(input);
  const date = (value: string) => new Date(value);
  const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));
  await db.transaction(async (tx) => {
    await claimEmptyDatabase(tx);
    const entityValues = (rows: Backup['offers'] | Backup['agencies'], withOwner: boolean) =>
      rows.map((row) => ({
        ...row,
        published: row.published as Record<string, unknown> | null,
        ownerAgencyId: withOwner ? row.ownerAgencyId : null,
        publishedAt: dateOrNull(row.publishedAt),
        createdAt: date(row.createdAt),
        updatedAt: date(row.updatedAt),
      }));
    // Agencies point to agencies (their owner): insert them without, then set the owners.
    await insertAll(
      (rows) => tx.insert(agencies).values(rows),
      entityValues(backup.agencies, false),
    );
    for (const row of backup.agencies) {
      if (row.ownerAgencyId === null) continue;
      await tx
        .update(agencies)
        .set({ ownerAgencyId: row.ownerAgencyId })
        .where(sql`${agencies.id} = ${row.id}`);
    }
    await insertAll((rows) => tx.insert(offers).values(rows), entityValues(backup.offers, true));
    await insertAll(
      (rows) => tx.insert(translations).values(rows),
      backup.translations.map((row) => ({ ...row, updatedAt: date(row.updatedAt) })),
    );
    await insertAll((rows) => tx.insert(locations).values(rows), backup.locations);
    await insertAll(
      (rows) => tx.insert(ruleSets).values(rows),
      backup.ruleSets.map((row) => ({
        ...row,
        createdAt: date(row.createdAt),
        publishedAt: dateOrNull(row.publishedAt),
      })),
    );
    await insertAll(
      (rows) => tx.insert(users).values(rows),
      backup.users.map((row) => ({
        ...row,
        createdAt: date(row.createdAt),
        updatedAt: date(row.updatedAt),
      })),
    );
    await insertAll(
      (rows) => tx.insert(auditLog).values(rows),
      backup.auditLog.map((row) => ({ ...row, at: date(row.at) })),
    );
    await insertAll((rows) => tx.insert(usageCounts).values(rows), backup.usageCounts);
    await insertAll(
      (rows) => tx.insert(meta).values(rows),
      backup.meta
        .filter((row) => row.key !== RESTORED_KEY)
        .map((row) => ({ ...row, updatedAt: date(row.updatedAt) })),
    );
    await tx.insert(meta).values({
      key: RESTORED_KEY,
      value: { format: BACKUP_FORMAT, exportedAt: backup.exportedAt },
      updatedAt: options.now ?? new Date(),
    });
    // New rule-set versions and audit entries continue after the restored ones.
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('rule_sets', 'version'), coalesce(max(version), 0) + 1, false) from rule_sets`,
    );
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) from audit_log`,
    );
  });
  return countBackup(backup);
}
