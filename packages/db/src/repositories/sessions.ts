import { createHash } from 'node:crypto';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { z } from 'zod';
import { sessionKinds, sessions, users, type SessionKind } from '../schema.js';
import { writeAudit } from './audit.js';
import type { RepositoryContext } from './context.js';
import type { User } from './users.js';

export interface Session {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  idHash: string;
  userId: string;
  kind: SessionKind;
  label: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionWithUser extends Session {
  user: User;
}

/** The stored form of a session token or API token: SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest (hashToken)');

export const NewSession = z
  .object({
    userId: z.uuid(),
    tokenHash: TokenHash,
    expiresAt: z.date(),
    kind: z.enum(sessionKinds),
    /** For API tokens: what the token is for ("HSDS mirror of the Landkreis"). */
    label: z.string().min(1).max(200).optional(),
  })
  .strict();
export type NewSession = z.input<typeof NewSession>;

const SessionOptions = z
  .object({
    /** Who creates it: by default the user themselves (a login). */
    actor: z.string().min(1).nullable().optional(),
  })
  .strict();
export type SessionOptions = z.input<typeof SessionOptions>;

export interface SessionRepository {
  create(session: NewSession, options?: SessionOptions): Promise<Session>;
  /**
   * The session with its user, only while it has not expired at `now` (the caller's clock, so
   * that a fixed clock in tests and demos governs expiry too) and the user is active.
   */
  get(tokenHash: string, now?: Date): Promise<SessionWithUser | undefined>;
  /** The user's sessions and tokens that have not expired at `now`, oldest first. */
  listForUser(userId: string, now?: Date): Promise<Session[]>;
  /** Logout or token revocation; false when there was no such session. */
  delete(tokenHash: string, options?: SessionOptions): Promise<boolean>;
  /** Ends every session of a user (password change, deactivation); returns how many. */
  deleteForUser(userId: string, options?: SessionOptions): Promise<number>;
  /** Housekeeping; not audited. Returns how many had expired at `now` and were removed. */
  deleteExpired(now?: Date): Promise<number>;
}

const sessionColumns = {
  idHash: sessions.idHash,
  userId: sessions.userId,
  kind: sessions.kind,
  label: sessions.label,
  createdAt: sessions.createdAt,
  expiresAt: sessions.expiresAt,
};

export function createSessionRepository(context: RepositoryContext): SessionRepository {
  const { db } = context;
  return {
    async create(session, options = {}) {
      const input = NewSession.parse(session);
      const { actor } = SessionOptions.parse(options);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(sessions)
          .values({
            idHash: input.tokenHash,
            userId: input.userId,
            kind: input.kind,
            label: input.label ?? null,
            expiresAt: input.expiresAt,
          })
          .returning(sessionColumns);
        const created = row as Session;
        await writeAudit(tx, {
          userId: actor === undefined ? input.userId : actor,
          action: input.kind === 'cookie' ? 'login' : 'token_create',
          entityType: 'user',
          entityId: input.userId,
          after: { kind: created.kind, label: created.label, expiresAt: created.expiresAt },
        });
        return created;
      });
    },

    async get(tokenHash, now = new Date()) {
      if (!TokenHash.safeParse(tokenHash).success) return undefined;
      const [row] = await db
        .select({ session: sessionColumns, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(eq(sessions.idHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true)),
        );
      return row ? { ...row.session, user: row.user } : undefined;
    },

    async listForUser(userId, now = new Date()) {
      if (!z.uuid().safeParse(userId).success) return [];
      return db
        .select(sessionColumns)
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
        .orderBy(asc(sessions.createdAt));
    },

    async delete(tokenHash, options = {}) {
      if (!TokenHash.safeParse(tokenHash).success) return false;
      const { actor } = SessionOptions.parse(options);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .delete(sessions)
          .where(eq(sessions.idHash, tokenHash))
          .returning(sessionColumns);
        if (!row) return false;
        await writeAudit(tx, {
          userId: actor === undefined ? row.userId : actor,
          action: row.kind === 'cookie' ? 'logout' : 'token_revoke',
          entityType: 'user',
          entityId: row.userId,
          before: { kind: row.kind, label: row.label, expiresAt: row.expiresAt },
        });
        return true;
      });
    },

    async deleteForUser(userId, options = {}) {
      if (!z.uuid().safeParse(userId).success) return 0;
      const { actor } = SessionOptions.parse(options);
      return db.transaction(async (tx) => {
        const rows = await tx
          .delete(sessions)
          .where(eq(sessions.userId, userId))
          .returning({ idHash: sessions.idHash });
        if (rows.length > 0) {
          await writeAudit(tx, {
            userId: actor === undefined ? userId : actor,
            action: 'logout',
            entityType: 'user',
            entityId: userId,
            after: { sessionsEnded: rows.length },
          });
        }
        return rows.length;
      });
    },

    async deleteExpired(now = new Date()) {
      const rows = await db
        .delete(sessions)
        .where(lte(sessions.expiresAt, now))
        .returning({ idHash: sessions.idHash });
      return rows.length;
    },
  };
}
