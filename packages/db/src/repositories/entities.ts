/**
 * Offers and agencies share one editorial model: a versioned working copy split into data,
 * translations and locations, a workflow status, and the published copy the public sees.
 */
import { and, asc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Drizzle } from '../connection.js';
import {
  ConflictError,
  FOREIGN_KEY_VIOLATION,
  NotFoundError,
  VersionConflictError,
  sqlState,
} from '../errors.js';
import { markPublicChange } from '../public-change.js';
import {
  agencies,
  entityStatuses,
  locations,
  offers,
  translations,
  type EntityStatus,
  type EntityType,
} from '../schema.js';
import {
  assembleEntity,
  groupTranslations,
  planTranslations,
  splitEntity,
  type SplitEntity,
  type TranslationRow,
} from '../texts.js';
import { writeAudit, type AuditAction } from './audit.js';
import type { RepositoryContext } from './context.js';

type Json = Record<string, unknown>;
type EntityTable = typeof offers | typeof agencies;

export interface EntityRecord<T> {
  id: string;
  version: number;
  status: EntityStatus;
  /** The working copy, assembled from data, translations (with their status) and locations. */
  value: T;
  /** The domain object as last published; `null` if it never was. Public reads use this. */
  published: T | null;
  publishedAt: Date | null;
  /** For partner organisations: the agency whose staff may edit this record. */
  ownerAgencyId: string | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
}

/** What the audit log keeps of a record before and after a write. */
export interface EntityState<T> {
  status: EntityStatus;
  ownerAgencyId: string | null;
  value: T;
}

export const EntityStatusSchema = z.enum(entityStatuses);
const ActorSchema = z.string().min(1).nullable();
const Comment = z.string().max(2000).optional();
const Version = z.number().int().min(1);
const OwnerAgencyId = z.string().min(1).nullable().optional();

export const CreateOptions = z
  .object({
    actor: ActorSchema,
    /** Default `draft`; `published` publishes at once (e.g. an editor's new offer). */
    status: EntityStatusSchema.optional(),
    ownerAgencyId: OwnerAgencyId,
    comment: Comment,
  })
  .strict();
export type CreateOptions = z.input<typeof CreateOptions>;

export const UpdateOptions = z
  .object({
    expectedVersion: Version,
    actor: ActorSchema,
    /**
     * The status after the write. By default a published record goes back to `draft` (its
     * working copy now differs from what the public sees); other statuses stay.
     */
    status: EntityStatusSchema.optional(),
    /** `undefined` keeps the owner, `null` removes it. */
    ownerAgencyId: OwnerAgencyId,
    comment: Comment,
  })
  .strict();
export type UpdateOptions = z.input<typeof UpdateOptions>;

export const StatusOptions = z
  .object({ expectedVersion: Version, actor: ActorSchema, comment: Comment })
  .strict();
export type StatusOptions = z.input<typeof StatusOptions>;

export const ListFilter = z
  .object({
    status: z.union([EntityStatusSchema, z.array(EntityStatusSchema)]).optional(),
    ownerAgencyId: z.string().min(1).optional(),
  })
  .strict();
export type ListFilter = z.input<typeof ListFilter>;

export interface EntityRepository<T, TInput> {
  /** Ordered by id. */
  list(filter?: ListFilter): Promise<EntityRecord<T>[]>;
  get(id: string): Promise<EntityRecord<T> | undefined>;
  /** Throws `ConflictError('already_exists')` when the id is taken. */
  create(value: TInput, options: CreateOptions): Promise<EntityRecord<T>>;
  /** Replaces the working copy; throws `VersionConflictError` on a stale `expectedVersion`. */
  update(id: string, value: TInput, options: UpdateOptions): Promise<EntityRecord<T>>;
  /** Moves the record in the workflow; `published` copies the working copy to the public. */
  setStatus(id: string, status: EntityStatus, options: StatusOptions): Promise<EntityRecord<T>>;
  archive(id: string, options: StatusOptions): Promise<EntityRecord<T>>;
}

interface EntityConfig<T> {
  entityType: EntityType;
  table: EntityTable;
  schema: z.ZodType<T>;
}

/** Visible to the public: published once and not archived since. */
function visible(table: EntityTable): SQL {
  return and(sql`${table.published} is not null`, ne(table.status, 'archived')) as SQL;
}

/** `Map.groupBy` arrives with Node 21; we support Node 20. */
function groupBy<V>(values: readonly V[], key: (value: V) => string): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

/** The audit action a status change stands for. */
function statusAction(from: EntityStatus, to: EntityStatus): AuditAction {
  if (to === 'archived') return 'archive';
  if (from === 'archived') return 'restore';
  if (to === 'in_review') return 'submit';
  if (to === 'published') return from === 'in_review' ? 'approve' : 'publish';
  if (from === 'in_review' && to === 'draft') return 'reject';
  return 'update';
}

export function createEntityRepository<T extends { id: string }, TInput>(
  context: RepositoryContext,
  config: EntityConfig<T>,
): EntityRepository<T, TInput> {
  const { db, sourceLanguage } = context;
  const { entityType, table } = config;

  async function load(executor: Drizzle, where: SQL | undefined): Promise<EntityRecord<T>[]> {
    const rows = await executor.select().from(table).where(where).orderBy(asc(table.id));
    if (rows.length === 0) return [];
    const ids = executor.select({ id: table.id }).from(table).where(where);
    const textRows = await executor
      .select()
      .from(translations)
      .where(and(eq(translations.entityType, entityType), inArray(translations.entityId, ids)));
    const locationRows = await executor
      .select()
      .from(locations)
      .where(and(eq(locations.entityType, entityType), inArray(locations.entityId, ids)))
      .orderBy(asc(locations.position));
    const textsById = groupBy(textRows, (row) => row.entityId);
    const locationsById = groupBy(locationRows, (row) => row.entityId);
    // Values were validated on every write; reading them back does not parse again.
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      status: row.status,
      value: assembleEntity(
        row.data,
        groupTranslations(textsById.get(row.id) ?? [], sourceLanguage),
        (locationsById.get(row.id) ?? []).map((location) => location.data),
      ) as unknown as T,
      published: row.published as T | null,
      publishedAt: row.publishedAt,
      ownerAgencyId: row.ownerAgencyId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    }));
  }

  /** Reads outside a write see one state: never data of one version with texts of the next. */
  function read(where: SQL | undefined): Promise<EntityRecord<T>[]> {
    return db.transaction((tx) => load(tx, where), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  }

  async function loadOne(executor: Drizzle, id: string): Promise<EntityRecord<T>> {
    const [record] = await load(executor, eq(table.id, id));
    if (!record) throw new NotFoundError(entityType, id);
    return record;
  }

  /** Locks the row for this transaction and checks the version the caller read. */
  async function lock(tx: Drizzle, id: string, expectedVersion: number): Promise<void> {
    const [row] = await tx
      .select({ version: table.version })
      .from(table)
      .where(eq(table.id, id))
      .for('update');
    if (!row) throw new NotFoundError(entityType, id);
    if (row.version !== expectedVersion) {
      throw new VersionConflictError(entityType, id, expectedVersion, row.version);
    }
  }

  /** Replaces the translations and locations of a record with those of its new value. */
  async function writeParts(tx: Drizzle, id: string, parts: SplitEntity): Promise<void> {
    const { texts, locations: places } = parts;
    const stored = await tx
      .select()
      .from(translations)
      .where(and(eq(translations.entityType, entityType), eq(translations.entityId, id)));
    const rows = planTranslations(texts, stored as TranslationRow[], sourceLanguage);
    await tx
      .delete(translations)
      .where(and(eq(translations.entityType, entityType), eq(translations.entityId, id)));
    if (rows.length > 0) {
      await tx
        .insert(translations)
        .values(rows.map((row) => ({ ...row, entityType, entityId: id })));
    }
    await tx
      .delete(locations)
      .where(and(eq(locations.entityType, entityType), eq(locations.entityId, id)));
    if (places.length > 0) {
      await tx
        .insert(locations)
        .values(
          places.map((place, position) => ({ entityType, entityId: id, position, data: place })),
        );
    }
  }

  /**
   * The public read model must stay valid (`parseCityData`): what a published record points
   * to must be public too.
   */
  async function checkPublishable(tx: Drizzle, value: Json): Promise<void> {
    const targets =
      entityType === 'offer'
        ? [value['providerId']]
        : [value['parentId'], value['colocatedAt']].filter((target) => target !== value['id']);
    const wanted = [...new Set(targets.filter((t): t is string => typeof t === 'string'))];
    if (wanted.length === 0) return;
    // FOR SHARE: an agency being archived concurrently waits for this publish (and then sees
    // the new reference), or this publish waits for the archive (and then misses the agency).
    const found = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(inArray(agencies.id, wanted), visible(agencies)))
      .for('share');
    const missing = wanted.filter((target) => !found.some((row) => row.id === target));
    if (missing.length > 0) {
      throw new ConflictError(
        'dangling_reference',
        `${entityType} ${String(value['id'])} refers to agencies that are not published: ${missing.join(', ')}`,
        missing,
      );
    }
  }

  /** An agency may leave the public only when no public record points to it. */
  async function checkWithdrawable(tx: Drizzle, id: string): Promise<void> {
    if (entityType !== 'agency') return;
    const offerRefs = await tx
      .select({ id: offers.id })
      .from(offers)
      .where(and(visible(offers), sql`${offers.published}->>'providerId' = ${id}`));
    const agencyRefs = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(
        and(
          visible(agencies),
          ne(agencies.id, id),
          or(
            sql`${agencies.published}->>'parentId' = ${id}`,
            sql`${agencies.published}->>'colocatedAt' = ${id}`,
          ),
        ),
      );
    const references = [
      ...offerRefs.map((row) => `offer:${row.id}`),
      ...agencyRefs.map((row) => `agency:${row.id}`),
    ];
    if (references.length > 0) {
      throw new ConflictError(
        'referenced',
        `agency ${id} is still referenced by published records: ${references.join(', ')}`,
        references,
      );
    }
  }

  /** Copies the working copy to the public one. */
  async function publish(
    tx: Drizzle,
    id: string,
    record: EntityRecord<T>,
  ): Promise<EntityRecord<T>> {
    await checkPublishable(tx, record.value as unknown as Json);
    const [row] = await tx
      .update(table)
      .set({ published: record.value as unknown as Json, publishedAt: sql`now()` })
      .where(eq(table.id, id))
      .returning({ publishedAt: table.publishedAt });
    await markPublicChange(tx, { entityType, entityId: id });
    return { ...record, published: record.value, publishedAt: row?.publishedAt ?? null };
  }

  /**
   * What a write means for the public copy, after the row was written: publishing copies the
   * working copy; archiving hides a public copy; a status change out of the archive shows it
   * again (an edit out of the archive drops it first, see `update`).
   */
  async function applyPublicEffect(
    tx: Drizzle,
    before: EntityRecord<T>,
    after: EntityRecord<T>,
  ): Promise<EntityRecord<T>> {
    if (after.status === 'published') return publish(tx, after.id, after);
    const wasHidden = before.status === 'archived';
    const isHidden = after.status === 'archived';
    if (before.published === null || after.published === null || wasHidden === isHidden)
      return after;
    if (isHidden) await checkWithdrawable(tx, after.id);
    else await checkPublishable(tx, before.published as unknown as Json);
    await markPublicChange(tx, { entityType, entityId: after.id });
    return after;
  }

  function state(record: EntityRecord<T>): EntityState<T> {
    return { status: record.status, ownerAgencyId: record.ownerAgencyId, value: record.value };
  }

  /** Turns a missing owner agency (foreign key) into a conflict naming it. */
  async function guarded<R>(
    ownerAgencyId: string | null | undefined,
    run: () => Promise<R>,
  ): Promise<R> {
    try {
      return await run();
    } catch (error) {
      if (sqlState(error) === FOREIGN_KEY_VIOLATION && ownerAgencyId) {
        throw new ConflictError(
          'dangling_reference',
          `owner agency ${ownerAgencyId} does not exist`,
          [ownerAgencyId],
        );
      }
      throw error;
    }
  }

  function parseValue(value: unknown, id?: string): T {
    const parsed = config.schema.parse(value);
    if (id !== undefined && parsed.id !== id) {
      throw new z.ZodError([
        {
          code: 'custom',
          path: ['id'],
          message: `must be ${id}, the id being updated`,
          input: parsed.id,
        },
      ]);
    }
    return parsed;
  }

  async function setStatus(
    id: string,
    status: EntityStatus,
    options: StatusOptions,
  ): Promise<EntityRecord<T>> {
    const to = EntityStatusSchema.parse(status);
    const opts = StatusOptions.parse(options);
    return db.transaction(async (tx) => {
      await lock(tx, id, opts.expectedVersion);
      const before = await loadOne(tx, id);
      await tx
        .update(table)
        .set({
          status: to,
          version: sql`${table.version} + 1`,
          updatedAt: sql`now()`,
          updatedBy: opts.actor,
        })
        .where(and(eq(table.id, id), eq(table.version, opts.expectedVersion)));
      const after = await applyPublicEffect(tx, before, await loadOne(tx, id));
      await writeAudit(tx, {
        userId: opts.actor,
        action: statusAction(before.status, to),
        entityType,
        entityId: id,
        version: after.version,
        before: state(before),
        after: state(after),
        comment: opts.comment ?? null,
      });
      return after;
    });
  }

  return {
    async list(filter = {}) {
      const f = ListFilter.parse(filter);
      const conditions: SQL[] = [];
      if (typeof f.status === 'string') conditions.push(eq(table.status, f.status));
      else if (f.status) conditions.push(inArray(table.status, f.status));
      if (f.ownerAgencyId) conditions.push(eq(table.ownerAgencyId, f.ownerAgencyId));
      return read(and(...conditions));
    },

    async get(id) {
      const [record] = await read(eq(table.id, id));
      return record;
    },

    async create(value, options) {
      const parsed = parseValue(value);
      const opts = CreateOptions.parse(options);
      const status = opts.status ?? 'draft';
      const parts = splitEntity(entityType, parsed as unknown as Json);
      return guarded(opts.ownerAgencyId, () =>
        db.transaction(async (tx) => {
          const inserted = await tx
            .insert(table)
            .values({
              id: parsed.id,
              version: 1,
              status,
              data: parts.data,
              ownerAgencyId: opts.ownerAgencyId ?? null,
              updatedBy: opts.actor,
            })
            .onConflictDoNothing()
            .returning({ id: table.id });
          if (inserted.length === 0) {
            throw new ConflictError('already_exists', `${entityType} ${parsed.id} already exists`, [
              parsed.id,
            ]);
          }
          await writeParts(tx, parsed.id, parts);
          const written = await loadOne(tx, parsed.id);
          const record = status === 'published' ? await publish(tx, parsed.id, written) : written;
          await writeAudit(tx, {
            userId: opts.actor,
            action: 'create',
            entityType,
            entityId: parsed.id,
            version: record.version,
            before: null,
            after: state(record),
            comment: opts.comment ?? null,
          });
          return record;
        }),
      );
    },

    async update(id, value, options) {
      const parsed = parseValue(value, id);
      const opts = UpdateOptions.parse(options);
      return guarded(opts.ownerAgencyId, () =>
        db.transaction(async (tx) => {
          // Lock first, so that of concurrent writers with the same expected version exactly
          // one gets through; the others wait, then see the new version and fail.
          await lock(tx, id, opts.expectedVersion);
          const before = await loadOne(tx, id);
          const leavesArchive = before.status === 'archived' && opts.status !== 'archived';
          const status =
            opts.status ??
            (before.status === 'published' || leavesArchive ? 'draft' : before.status);
          const parts = splitEntity(entityType, parsed as unknown as Json);
          await writeParts(tx, id, parts);
          const updated = await tx
            .update(table)
            .set({
              data: parts.data,
              status,
              version: sql`${table.version} + 1`,
              updatedAt: sql`now()`,
              updatedBy: opts.actor,
              ...(opts.ownerAgencyId !== undefined ? { ownerAgencyId: opts.ownerAgencyId } : {}),
              // An edit takes a record out of the archive without its old public copy: it is
              // public again only when published (a partner's change after review).
              ...(leavesArchive ? { published: null, publishedAt: null } : {}),
            })
            .where(and(eq(table.id, id), eq(table.version, opts.expectedVersion)))
            .returning({ version: table.version });
          if (updated.length === 0) {
            // Unreachable while the row lock is held; kept so the guard never depends on it.
            throw new VersionConflictError(entityType, id, opts.expectedVersion, before.version);
          }
          const after = await applyPublicEffect(tx, before, await loadOne(tx, id));
          await writeAudit(tx, {
            userId: opts.actor,
            action: 'update',
            entityType,
            entityId: id,
            version: after.version,
            before: state(before),
            after: state(after),
            comment: opts.comment ?? null,
          });
          return after;
        }),
      );
    },

    setStatus,

    archive(id, options) {
      return setStatus(id, 'archived', options);
    },
  };
}
