import {
  Personas,
  RuleSet,
  type Persona,
  type PersonaInput,
  type RuleSetInput,
} from '@ankommen/routing';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Drizzle } from '../connection.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { markPublicChange } from '../public-change.js';
import { ruleSets, type RuleSetStatus } from '../schema.js';
import { writeAudit } from './audit.js';
import type { RepositoryContext } from './context.js';

export interface RuleSetSummary {
  /** Our version number: increases with every draft and every restore. */
  version: number;
  ruleSetId: string;
  title: string;
  /** The author's own label of the rule set (`RuleSet.version`, e.g. a date). */
  label: string;
  ruleCount: number;
  status: RuleSetStatus;
  /** The version this one was restored from. */
  restoredFrom: number | null;
  note: string | null;
  createdAt: Date;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface RuleSetRecord extends RuleSetSummary {
  ruleSet: RuleSet;
  personas: Persona[];
}

const ActorSchema = z.string().min(1).nullable();
const Note = z.string().max(2000).optional();

export const DraftOptions = z.object({ actor: ActorSchema, note: Note }).strict();
export type DraftOptions = z.input<typeof DraftOptions>;
export const PublishOptions = z.object({ actor: ActorSchema, note: Note }).strict();
export type PublishOptions = z.input<typeof PublishOptions>;

export interface RuleSetRepository {
  /** Newest first, without the rules themselves. */
  list(): Promise<RuleSetSummary[]>;
  get(version: number): Promise<RuleSetRecord | undefined>;
  /** The rule set in force; `undefined` before the first seed. */
  published(): Promise<RuleSetRecord | undefined>;
  createDraft(
    ruleSet: RuleSetInput,
    personas: PersonaInput[],
    options: DraftOptions,
  ): Promise<RuleSetRecord>;
  /**
   * Publishes a draft and supersedes the rule set in force. The caller runs the persona
   * tests first; this only keeps the versions straight.
   */
  publish(version: number, options: PublishOptions): Promise<RuleSetRecord>;
  /** Publishes a copy of a superseded version as a new version. */
  restore(version: number, options: PublishOptions): Promise<RuleSetRecord>;
}

const summaryColumns = {
  version: ruleSets.version,
  ruleSetId: ruleSets.ruleSetId,
  title: sql<string>`${ruleSets.data}->>'title'`,
  label: sql<string>`${ruleSets.data}->>'version'`,
  ruleCount: sql<number>`jsonb_array_length(${ruleSets.data}->'rules')`,
  status: ruleSets.status,
  restoredFrom: ruleSets.restoredFrom,
  note: ruleSets.note,
  createdAt: ruleSets.createdAt,
  createdBy: ruleSets.createdBy,
  publishedAt: ruleSets.publishedAt,
  publishedBy: ruleSets.publishedBy,
};

type RuleSetRow = typeof ruleSets.$inferSelect;

function toRecord(row: RuleSetRow): RuleSetRecord {
  const ruleSet = row.data as unknown as RuleSet;
  return {
    version: row.version,
    ruleSetId: row.ruleSetId,
    title: ruleSet.title,
    label: ruleSet.version,
    ruleCount: ruleSet.rules.length,
    status: row.status,
    restoredFrom: row.restoredFrom,
    note: row.note,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    ruleSet,
    personas: row.personas as Persona[],
  };
}

function describe(record: RuleSetRecord) {
  return {
    status: record.status,
    ruleSetId: record.ruleSetId,
    label: record.label,
    ruleCount: record.ruleCount,
    restoredFrom: record.restoredFrom,
    note: record.note,
  };
}

/**
 * Serialises rule-set publishing: two editors publishing at once would otherwise both
 * supersede the same version (the unique index would then refuse the second).
 */
async function lockRuleSets(tx: Drizzle): Promise<void> {
  await tx.execute(sql`lock table ${ruleSets} in exclusive mode`);
}

/** Marks the rule set in force as superseded; returns its version. */
async function supersede(tx: Drizzle): Promise<number | null> {
  const [previous] = await tx
    .update(ruleSets)
    .set({ status: 'superseded' })
    .where(eq(ruleSets.status, 'published'))
    .returning({ version: ruleSets.version });
  return previous?.version ?? null;
}

export function createRuleSetRepository(context: RepositoryContext): RuleSetRepository {
  const { db } = context;

  async function get(executor: Drizzle, version: number): Promise<RuleSetRecord | undefined> {
    const [row] = await executor.select().from(ruleSets).where(eq(ruleSets.version, version));
    return row ? toRecord(row) : undefined;
  }

  async function getForWrite(tx: Drizzle, version: number): Promise<RuleSetRecord> {
    const record = await get(tx, z.number().int().min(1).parse(version));
    if (!record) throw new NotFoundError('rule_set', String(version));
    return record;
  }

  return {
    async list() {
      return db.select(summaryColumns).from(ruleSets).orderBy(desc(ruleSets.version));
    },

    get: (version) => get(db, version),

    async published() {
      const [row] = await db.select().from(ruleSets).where(eq(ruleSets.status, 'published'));
      return row ? toRecord(row) : undefined;
    },

    async createDraft(ruleSet, personas, options) {
      const parsedRuleSet = RuleSet.parse(ruleSet);
      const parsedPersonas = Personas.parse(personas);
      const opts = DraftOptions.parse(options);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(ruleSets)
          .values({
            ruleSetId: parsedRuleSet.id,
            data: parsedRuleSet as unknown as Record<string, unknown>,
            personas: parsedPersonas,
            status: 'draft',
            note: opts.note ?? null,
            createdBy: opts.actor,
          })
          .returning();
        const record = toRecord(row as RuleSetRow);
        await writeAudit(tx, {
          userId: opts.actor,
          action: 'create',
          entityType: 'rule_set',
          entityId: String(record.version),
          version: record.version,
          after: describe(record),
          comment: opts.note ?? null,
        });
        return record;
      });
    },

    async publish(version, options) {
      const opts = PublishOptions.parse(options);
      return db.transaction(async (tx) => {
        await lockRuleSets(tx);
        const draft = await getForWrite(tx, version);
        if (draft.status !== 'draft') {
          throw new ConflictError(
            'invalid_transition',
            `rule set version ${version} is ${draft.status}; only a draft can be published (restore an earlier version instead)`,
          );
        }
        const superseded = await supersede(tx);
        await tx
          .update(ruleSets)
          .set({
            status: 'published',
            publishedAt: sql`now()`,
            publishedBy: opts.actor,
            ...(opts.note !== undefined ? { note: opts.note } : {}),
          })
          .where(eq(ruleSets.version, draft.version));
        const record = await getForWrite(tx, draft.version);
        await writeAudit(tx, {
          userId: opts.actor,
          action: 'publish',
          entityType: 'rule_set',
          entityId: String(record.version),
          version: record.version,
          before: describe(draft),
          after: { ...describe(record), superseded },
          comment: opts.note ?? null,
        });
        await markPublicChange(tx, { entityType: 'rule_set', entityId: String(record.version) });
        return record;
      });
    },

    async restore(version, options) {
      const opts = PublishOptions.parse(options);
      return db.transaction(async (tx: Drizzle) => {
        await lockRuleSets(tx);
        const old = await getForWrite(tx, version);
        if (old.status !== 'superseded') {
          throw new ConflictError(
            'invalid_transition',
            `rule set version ${version} is ${old.status}; only a superseded version can be restored`,
          );
        }
        const superseded = await supersede(tx);
        const [row] = await tx
          .insert(ruleSets)
          .values({
            ruleSetId: old.ruleSetId,
            data: old.ruleSet as unknown as Record<string, unknown>,
            personas: old.personas,
            status: 'published',
            restoredFrom: old.version,
            note: opts.note ?? `restored from version ${old.version}`,
            createdBy: opts.actor,
            publishedAt: sql`now()`,
            publishedBy: opts.actor,
          })
          .returning();
        const record = toRecord(row as RuleSetRow);
        await writeAudit(tx, {
          userId: opts.actor,
          action: 'restore',
          entityType: 'rule_set',
          entityId: String(record.version),
          version: record.version,
          before: describe(old),
          after: { ...describe(record), superseded },
          comment: opts.note ?? null,
        });
        await markPublicChange(tx, { entityType: 'rule_set', entityId: String(record.version) });
        return record;
      });
    },
  };
}
