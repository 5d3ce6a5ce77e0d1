import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { EntityRecord, EntityRepository, EntityStatus, Role } from '@ankommen/db';
import { Agency } from '@ankommen/registry';
import { Offer } from '@ankommen/taxonomy';
import type { Context } from 'hono';
import { z } from 'zod';
import { IdParam } from '../../params.js';
import type { AppEnv } from '../../env.js';
import { ProblemError, validationProblem } from '../../problem.js';
import { access, type Access } from './access.js';
import { json, Version } from './shared.js';

type Kind = 'offers' | 'agencies';

interface KindConfig {
  schema: z.ZodType;
  repository: (c: Context<AppEnv>) => EntityRepository<unknown, unknown>;
  /** Partners work on offers of their own agency only. */
  partners: boolean;
}

const kinds: Record<Kind, KindConfig> = {
  offers: {
    schema: Offer,
    repository: (c) => c.get('services').database!.offers as never,
    partners: true,
  },
  agencies: {
    schema: Agency,
    repository: (c) => c.get('services').database!.agencies as never,
    partners: false,
  },
};

/** Workflow moves: from which statuses, to which, and who may make them. */
const actions = {
  submit: { from: ['draft'], to: 'in_review', roles: ['admin', 'editor', 'partner'] },
  approve: { from: ['in_review'], to: 'published', roles: ['admin', 'reviewer'] },
  reject: { from: ['in_review'], to: 'draft', roles: ['admin', 'reviewer'] },
  publish: { from: ['draft', 'in_review'], to: 'published', roles: ['admin', 'editor'] },
  archive: {
    from: ['draft', 'in_review', 'published'],
    to: 'archived',
    roles: ['admin', 'editor'],
  },
} as const satisfies Record<
  string,
  { from: readonly EntityStatus[]; to: EntityStatus; roles: readonly Role[] }
>;

const ActionBody = z
  .object({
    version: Version.optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
const ListQuery = z
  .object({ status: z.enum(['draft', 'in_review', 'published', 'archived']).optional() })
  .strict();

const etagOf = (record: EntityRecord<unknown>) => `"v${record.version}"`;

const recordView = (record: EntityRecord<unknown>) => ({
  id: record.id,
  version: record.version,
  status: record.status,
  value: record.value,
  published: record.published,
  publishedAt: record.publishedAt?.toISOString() ?? null,
  ownerAgencyId: record.ownerAgencyId,
  updatedAt: record.updatedAt.toISOString(),
  updatedBy: record.updatedBy,
});

const entityTypes: Record<Kind, string> = { offers: 'offer', agencies: 'agency' };

/** The part of an audit entry's `before`/`after` the history needs. */
interface AuditedState {
  value?: { verifiedAt?: string | null };
}

/**
 * What the audit log says about one record that its editors need to see: the latest review
 * decision with the reviewer's comment (so a partner learns why a change came back), and who
 * last confirmed the record against its source. Partners only ever reach this for their own
 * records (through `visibleRecord`), and see the reviewer's role, not the person.
 */
async function historyOf(c: Context<AppEnv>, kind: Kind, id: string) {
  const database = c.get('services').database!;
  const entries = await database.audit.list({
    entityType: entityTypes[kind],
    entityId: id,
    limit: 1000,
  });
  const decision = entries.find((entry) => entry.action === 'approve' || entry.action === 'reject');
  const check = entries.find((entry) => {
    const before = (entry.before as AuditedState | null)?.value?.verifiedAt ?? null;
    const after = (entry.after as AuditedState | null)?.value?.verifiedAt ?? null;
    return after !== null && after !== before;
  });
  const viewer = c.get('auth')!.user;
  const person = async (userId: string | null) => {
    const user = userId ? await database.users.get(userId) : undefined;
    if (!user) return null;
    return viewer.role === 'partner' ? { role: user.role } : { role: user.role, email: user.email };
  };
  return {
    lastReview: decision
      ? {
          decision: decision.action as 'approve' | 'reject',
          comment: decision.comment,
          at: decision.at.toISOString(),
          by: await person(decision.userId),
        }
      : null,
    lastCheck: check
      ? {
          verifiedAt: (check.after as AuditedState).value!.verifiedAt!,
          at: check.at.toISOString(),
          by: await person(check.userId),
        }
      : null,
  };
}

/** The version a write expects: from If-Match (`"v3"`) or the body; required, so no write is blind. */
function expectedVersion(c: Context<AppEnv>, fromBody: number | undefined): number {
  const ifMatch = c.req.header('if-match');
  if (ifMatch !== undefined) {
    // A version that cannot exist ("v0", "vNaN", too large) is the sender's mistake, not a 500.
    const version = Number(ifMatch.match(/^(?:W\/)?"v(\d{1,10})"$/)?.[1] ?? NaN);
    if (!Version.safeParse(version).success)
      throw validationProblem([
        { field: 'header.if-match', message: 'must be the ETag you read, e.g. "v3"' },
      ]);
    return version;
  }
  const version = fromBody;
  if (version === undefined) {
    throw new ProblemError(428, 'precondition-required', 'Say which version you are changing', {
      detail: 'Send If-Match with the ETag you read, or "version" in the body.',
      errors: [{ field: 'header.if-match', message: 'is required' }],
    });
  }
  return version;
}

/** Partners own the records of their agency: assigned to it, or provided by it. */
function owns(
  user: { role: string; partnerAgencyId: string | null },
  record: EntityRecord<unknown>,
): boolean {
  if (user.role !== 'partner') return true;
  const providerId = (record.value as { providerId?: string }).providerId;
  return (
    record.ownerAgencyId === user.partnerAgencyId ||
    (record.ownerAgencyId === null && providerId === user.partnerAgencyId)
  );
}

/** The record, if the signed-in user may see it: partners see only their own agency's. */
async function visibleRecord(
  c: Context<AppEnv>,
  kind: Kind,
  id: string,
): Promise<EntityRecord<unknown>> {
  const record = await kinds[kind].repository(c).get(id);
  const user = c.get('auth')!.user;
  // A partner gets the same answer for someone else's record as for a missing one.
  if (!record || !owns(user, record)) {
    throw new ProblemError(404, 'not-found', `No such ${kind === 'offers' ? 'offer' : 'agency'}`, {
      detail: `There is no ${id} you may see.`,
    });
  }
  return record;
}

/** Writes that change what the public sees rebuild this process's read model before answering. */
async function afterWrite(c: Context<AppEnv>, record: EntityRecord<unknown>) {
  if (record.status === 'published' || record.status === 'archived')
    await c.get('services').refresh();
}

export function entityRoutes(app: OpenAPIHono<AppEnv>, kind: Kind): void {
  const config = kinds[kind];
  const readers: Access = config.partners
    ? ['admin', 'editor', 'reviewer', 'partner']
    : ['admin', 'editor', 'reviewer'];
  const writers: readonly Role[] = config.partners
    ? ['admin', 'editor', 'partner']
    : ['admin', 'editor'];
  const base = `/v1/admin/${kind}`;
  const Body = z.object({ value: config.schema, version: Version.optional() }).strict();

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['staff'],
      summary: `List ${kind} with their workflow status`,
      middleware: [access('get', base, readers)],
      request: { query: ListQuery },
      responses: { 200: { description: 'Records' } },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      const user = c.get('auth')!.user;
      const records = await config.repository(c).list(status ? { status } : {});
      return c.json({ items: records.filter((record) => owns(user, record)).map(recordView) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['staff'],
      summary:
        'One record with its latest review decision and check; its ETag is the version to send back with a change',
      middleware: [access('get', `${base}/{id}`, readers)],
      request: { params: IdParam },
      responses: { 200: { description: 'The record' }, 404: { description: 'Not found' } },
    }),
    async (c) => {
      const record = await visibleRecord(c, kind, c.req.valid('param').id);
      c.header('ETag', etagOf(record));
      return c.json({ ...recordView(record), ...(await historyOf(c, kind, record.id)) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['staff'],
      summary: 'Create a draft',
      middleware: [access('post', base, writers)],
      request: { body: json(Body) },
      responses: { 201: { description: 'Created' }, 409: { description: 'The id is taken' } },
    }),
    async (c) => {
      const { value } = c.req.valid('json') as { value: { id: string; providerId?: string } };
      const user = c.get('auth')!.user;
      let ownerAgencyId: string | null = null;
      if (user.role === 'partner') {
        ownerAgencyId = user.partnerAgencyId;
        if (value.providerId !== ownerAgencyId) {
          throw new ProblemError(
            403,
            'forbidden',
            'Partners create offers of their own agency only',
            {
              errors: [{ field: 'body.value.providerId', message: `must be ${ownerAgencyId}` }],
            },
          );
        }
      }
      const record = await config
        .repository(c)
        .create(value, { actor: user.id, status: 'draft', ownerAgencyId });
      c.header('ETag', etagOf(record));
      return c.json(recordView(record), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{id}`,
      tags: ['staff'],
      summary:
        'Replace the working copy; needs If-Match (or "version"), answers 409 on a stale version',
      middleware: [access('put', `${base}/{id}`, writers)],
      request: { params: IdParam, body: json(Body) },
      responses: {
        200: { description: 'Updated' },
        409: { description: 'Someone changed it first' },
        428: { description: 'No version given' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') as {
        value: { id: string; providerId?: string };
        version?: number;
      };
      const version = expectedVersion(c, body.version);
      if (body.value.id !== id) {
        throw new ProblemError(400, 'validation', 'The id cannot change', {
          errors: [{ field: 'body.value.id', message: `must be ${id}` }],
        });
      }
      const current = await visibleRecord(c, kind, id);
      const user = c.get('auth')!.user;
      if (user.role === 'partner' && body.value.providerId !== user.partnerAgencyId) {
        throw new ProblemError(403, 'forbidden', 'Partners edit offers of their own agency only', {
          errors: [{ field: 'body.value.providerId', message: `must be ${user.partnerAgencyId}` }],
        });
      }
      // A partner's change always goes back to review; staff edits of a published record become a draft.
      const status = current.status === 'archived' ? 'draft' : undefined;
      const record = await config.repository(c).update(id, body.value, {
        expectedVersion: version,
        actor: user.id,
        ...(status ? { status } : {}),
      });
      c.header('ETag', etagOf(record));
      return c.json(recordView(record));
    },
  );

  // Every kind has the review step: staff may ask a reviewer to check an agency, too.
  for (const [name, action] of Object.entries(actions)) {
    const roles = action.roles.filter((role) => config.partners || role !== 'partner');
    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/${name}`,
        tags: ['staff'],
        summary: `Workflow: ${action.from.join(' or ')} → ${action.to}`,
        middleware: [access('post', `${base}/{id}/${name}`, roles)],
        request: { params: IdParam, body: json(ActionBody) },
        responses: {
          200: { description: 'Moved' },
          409: { description: 'Stale version, or not allowed from the current status' },
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const version = expectedVersion(c, body.version);
        const current = await visibleRecord(c, kind, id);
        if (!(action.from as readonly string[]).includes(current.status)) {
          throw new ProblemError(
            409,
            'invalid-transition',
            `Cannot ${name} a record that is ${current.status}`,
            {
              detail: `Allowed from ${action.from.join(', ')}.`,
              status_now: current.status,
            },
          );
        }
        if (name === 'reject' && !body.comment) {
          throw new ProblemError(400, 'validation', 'Say why', {
            errors: [{ field: 'body.comment', message: 'is required when rejecting' }],
          });
        }
        const options = {
          expectedVersion: version,
          actor: c.get('auth')!.user.id,
          ...(body.comment ? { comment: body.comment } : {}),
        };
        const repository = config.repository(c);
        const record =
          name === 'archive'
            ? await repository.archive(id, options)
            : await repository.setStatus(id, action.to, options);
        await afterWrite(c, record);
        c.header('ETag', etagOf(record));
        return c.json(recordView(record));
      },
    );
  }
}
