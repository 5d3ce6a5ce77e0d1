import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Email, roles } from '@ankommen/db';
import { z } from 'zod';
import { hashPassword } from '../../auth.js';
import type { AppEnv } from '../../env.js';
import { ProblemError } from '../../problem.js';
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
      if (user.partnerAgencyId && !services.readModel().data.registry.has(user.partnerAgencyId)) {
        throw new ProblemError(400, 'validation', 'Unknown agency', {
          errors: [{ field: 'body.partnerAgencyId', message: 'is not an agency' }],
        });
      }
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
      const database = c.get('services').database!;
      const actor = c.get('auth')!.user.id;
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
