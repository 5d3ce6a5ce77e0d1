import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Drizzle } from '../connection.js';
import { auditLog } from '../schema.js';
import type { RepositoryContext } from './context.js';

/** Actions the repositories record; the API may record others (e.g. `login_failed`). */
export type AuditAction =
  | 'create'
  | 'update'
  | 'archive'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'publish'
  | 'restore'
  | 'seed'
  | 'login'
  | 'logout'
  | (string & {});

export interface AuditEntry {
  id: number;
  at: Date;
  userId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  /** The record's version after the write, where it has one. */
  version: number | null;
  before: unknown;
  after: unknown;
  comment: string | null;
}

export interface NewAuditEntry {
  userId: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  version?: number | null;
  before?: unknown;
  after?: unknown;
  comment?: string | null;
}

/** Writes one audit row; call it with the transaction of the write it records. */
export async function writeAudit(executor: Drizzle, entry: NewAuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    version: entry.version ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    comment: entry.comment ?? null,
  });
}

export const AuditQuery = z
  .object({
    entityType: z.string().min(1).optional(),
    entityId: z.string().min(1).optional(),
    userId: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    /** Inclusive bounds on `at`. */
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type AuditQuery = z.input<typeof AuditQuery>;

export interface AuditRepository {
  /** Newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** For events the repositories do not see themselves (e.g. a failed login). */
  record(entry: NewAuditEntry): Promise<void>;
}

export function createAuditRepository(context: RepositoryContext): AuditRepository {
  const { db } = context;
  return {
    async list(query = {}) {
      const q = AuditQuery.parse(query);
      const conditions: SQL[] = [];
      if (q.entityType) conditions.push(eq(auditLog.entityType, q.entityType));
      if (q.entityId) conditions.push(eq(auditLog.entityId, q.entityId));
      if (q.userId) conditions.push(eq(auditLog.userId, q.userId));
      if (q.action) conditions.push(eq(auditLog.action, q.action));
      if (q.from) conditions.push(gte(auditLog.at, q.from));
      if (q.to) conditions.push(lte(auditLog.at, q.to));
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(q.limit)
        .offset(q.offset);
      return rows.map((row) => ({ ...row, action: row.action as AuditAction }));
    },
    async record(entry) {
      await writeAudit(db, entry);
    },
  };
}
