import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Email, roles, UserRole } from '@ankommen/db';
import { z } from 'zod';
import { hashPassword } from '../../auth.js';
import type { AppEnv, Services } from '../../env.js';
import { fieldErrors, ProblemError, validationProblem } from '../../problem.js';
import { access } from './access.js';
import { json, userView } from './shared.js';

/** At least 12 characters: long passphrases beat complexity rules (NIST SP 800-63B). */
export const Password = z.string().min(12, 'must have at least 12 characters').max(1000);

const NewUserBody = z
  .object({
    email: Email,
    password: Password,
    role: z.enum(roles),
    partnerAgencyId: z.string().min(1).nullable().default(null),
  })
  .strict();
const UserPatchBody = z
  .object({
    password: Password.optional(),
    role: z.enum(roles).optional(),
    partnerAgencyId: z.string().min(1).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
const IdParam = z.object({ id: z.uuid() });

/**
 * The role and agency a user is to have, checked before anything is written: a partner needs
 * an agency the registry knows, and nobody else has one. Errors name the fields of the body.
 */
function checkRole(services: Services, role: UserRole): void {
  const checked = UserRole.safeParse(role);
  if (!checked.success) throw validationProblem(fieldErrors(checked.error.issues, 'body'));
  if (role.partnerAgencyId && !services.readModel().data.registry.has(role.partnerAgencyId))
    throw validationProblem([{ field: 'body.partnerAgencyId', message: 'is not an agency' }]);
}

/** Admins manage users and their roles. */
export function userRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/users',
      tags: ['staff'],
      summary: 'All users',
      middleware: [access('get', '/v1/admin/users', ['admin'])],
      responses: { 200: { description: 'Users' } },
    }),
    async (c) => c.json({ items: (await c.get('services').database!.users.list()).map(userView) }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/users',
      tags: ['staff'],
      summary: 'Create a user',
      middleware: [access('post', '/v1/admin/users', ['admin'])],
      request: { body: json(NewUserBody) },
      responses: { 201: { description: 'The user' }, 409: { description: 'The e-mail is taken' } },
    }),
    async (c) => {
      const { password, ...user } = c.req.valid('json');
      const services = c.get('services');
      checkRole(services, user);
      const created = await services.database!.users.create(
        { ...user, passwordHash: await hashPassword(password) },
        { actor: c.get('auth')!.user.id },
      );
      return c.json({ user: userView(created) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/admin/users/{id}',
      tags: ['staff'],
      summary: 'Change a user’s role, password or status; deactivating ends their sessions',
      middleware: [access('patch', '/v1/admin/users/{id}', ['admin'])],
      request: { params: IdParam, body: json(UserPatchBody) },
      responses: { 200: { description: 'The user' }, 404: { description: 'No such user' } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { password, ...patch } = c.req.valid('json');
      const services = c.get('services');
      const database = services.database!;
      const actor = c.get('auth')!.user.id;
      const current = await database.users.get(id);
      if (!current) throw new ProblemError(404, 'not-found', 'No such user');
      if (patch.role !== undefined || patch.partnerAgencyId !== undefined)
        checkRole(services, {
          role: patch.role ?? current.role,
          partnerAgencyId:
            patch.partnerAgencyId === undefined ? current.partnerAgencyId : patch.partnerAgencyId,
        });
      const updated = await database.users.update(
        id,
        { ...patch, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
        { actor },
      );
      if (password || patch.active === false || patch.role)
        await database.sessions.deleteForUser(id, { actor });
      return c.json({ user: userView(updated) });
    },
  );
}
