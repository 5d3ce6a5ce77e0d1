import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Drizzle } from '../connection.js';
import {
  ConflictError,
  FOREIGN_KEY_VIOLATION,
  NotFoundError,
  UNIQUE_VIOLATION,
  sqlState,
} from '../errors.js';
import { roles, users, type Role } from '../schema.js';
import { writeAudit } from './audit.js';
import type { RepositoryContext } from './context.js';

export interface User {
  id: string;
  /** Lower-case. */
  email: string;
  /** An argon2id hash; never leave the server with it. */
  passwordHash: string;
  role: Role;
  /** The agency a partner user works for; `null` for the city's staff. */
  partnerAgencyId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Compared and stored lower-case, so that `Anna@X.de` and `anna@x.de` are one account. */
export const Email = z.string().trim().toLowerCase().pipe(z.email());

const UserFields = z.object({
  email: Email,
  passwordHash: z.string().min(1),
  role: z.enum(roles),
  partnerAgencyId: z.string().min(1).nullable().optional(),
  active: z.boolean().optional(),
});

function partnerRule(user: { role?: Role; partnerAgencyId?: string | null }, ctx: z.RefinementCtx) {
  const hasAgency = user.partnerAgencyId != null;
  if (user.role === 'partner' && !hasAgency) {
    ctx.addIssue({
      code: 'custom',
      path: ['partnerAgencyId'],
      message: 'a partner user needs the agency they work for',
    });
  }
  if (user.role !== 'partner' && hasAgency) {
    ctx.addIssue({
      code: 'custom',
      path: ['partnerAgencyId'],
      message: 'only partner users belong to an agency',
    });
  }
}

/** A role with the agency that goes with it: a partner's own, nobody else's. */
export const UserRole = UserFields.pick({ role: true, partnerAgencyId: true }).superRefine(
  partnerRule,
);
export type UserRole = z.input<typeof UserRole>;

export const NewUser = UserFields.strict().superRefine(partnerRule);
export type NewUser = z.input<typeof NewUser>;

export const UserPatch = UserFields.partial().strict();
export type UserPatch = z.input<typeof UserPatch>;

const WriteOptions = z.object({ actor: z.string().min(1).nullable().default(null) }).strict();
export type UserWriteOptions = z.input<typeof WriteOptions>;

export interface UserRepository {
  /** Throws `ConflictError('already_exists')` when the e-mail address is taken. */
  create(user: NewUser, options?: UserWriteOptions): Promise<User>;
  findByEmail(email: string): Promise<User | undefined>;
  get(id: string): Promise<User | undefined>;
  /** Ordered by e-mail address. */
  list(): Promise<User[]>;
  update(id: string, patch: UserPatch, options?: UserWriteOptions): Promise<User>;
}

/** What the audit log keeps of a user: everything but the password hash. */
function auditable(user: User) {
  const { passwordHash: _passwordHash, ...rest } = user;
  return rest;
}

function translateError(error: unknown, email: string, agency: string | null | undefined): never {
  const state = sqlState(error);
  if (state === UNIQUE_VIOLATION) {
    throw new ConflictError('already_exists', `a user with e-mail ${email} already exists`, [
      email,
    ]);
  }
  if (state === FOREIGN_KEY_VIOLATION && agency) {
    throw new ConflictError('dangling_reference', `agency ${agency} does not exist`, [agency]);
  }
  throw error;
}

const uuid = z.uuid();

export function createUserRepository(context: RepositoryContext): UserRepository {
  const { db } = context;

  async function byId(executor: Drizzle, id: string, lock = false): Promise<User | undefined> {
    // A malformed id cannot name a user; asking PostgreSQL would only raise a type error.
    if (!uuid.safeParse(id).success) return undefined;
    const query = executor.select().from(users).where(eq(users.id, id));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  }

  return {
    async create(user, options = {}) {
      const input = NewUser.parse(user);
      const { actor } = WriteOptions.parse(options);
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(users)
            .values({
              id: randomUUID(),
              email: input.email,
              passwordHash: input.passwordHash,
              role: input.role,
              partnerAgencyId: input.partnerAgencyId ?? null,
              active: input.active ?? true,
            })
            .returning();
          const created = row as User;
          await writeAudit(tx, {
            userId: actor,
            action: 'create',
            entityType: 'user',
            entityId: created.id,
            after: auditable(created),
          });
          return created;
        });
      } catch (error) {
        translateError(error, input.email, input.partnerAgencyId);
      }
    },

    async findByEmail(email) {
      const parsed = Email.safeParse(email);
      if (!parsed.success) return undefined;
      const [row] = await db.select().from(users).where(eq(users.email, parsed.data));
      return row;
    },

    get: (id) => byId(db, id),

    list: () => db.select().from(users).orderBy(asc(users.email)),

    async update(id, patch, options = {}) {
      const changes = UserPatch.parse(patch);
      const { actor } = WriteOptions.parse(options);
      try {
        return await db.transaction(async (tx) => {
          const before = await byId(tx, id, true);
          if (!before) throw new NotFoundError('user', id);
          const merged = { ...before, ...changes };
          // A role change to or from `partner` must come with the agency change.
          UserRole.parse({ role: merged.role, partnerAgencyId: merged.partnerAgencyId });
          const [row] = await tx
            .update(users)
            .set({ ...changes, updatedAt: sql`now()` })
            .where(eq(users.id, id))
            .returning();
          const after = row as User;
          await writeAudit(tx, {
            userId: actor,
            action: 'update',
            entityType: 'user',
            entityId: id,
            before: auditable(before),
            after: {
              ...auditable(after),
              ...(changes.passwordHash !== undefined ? { passwordChanged: true } : {}),
            },
          });
          return after;
        });
      } catch (error) {
        translateError(error, changes.email ?? '', changes.partnerAgencyId);
      }
    },
  };
}
