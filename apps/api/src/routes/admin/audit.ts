import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../env.js';
import { access } from './access.js';

const AuditQuery = z
  .object({
    entityType: z.enum(['offer', 'agency', 'rule_set', 'user', 'session', 'seed']).optional(),
    entityId: z.string().min(1).max(100).optional(),
    userId: z.uuid().optional(),
    action: z.string().min(1).max(40).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** The audit log: who changed what, when, before and after. */
export function auditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/audit',
      tags: ['staff'],
      summary: 'Audit entries, newest first, filtered by entity, user and time',
      middleware: [access('get', '/v1/admin/audit', ['admin', 'editor', 'reviewer'])],
      request: { query: AuditQuery },
      responses: { 200: { description: 'Entries' } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const entries = await c.get('services').database!.audit.list({
        ...query,
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      });
      return c.json({ items: entries.map((e) => ({ ...e, at: e.at.toISOString() })) });
    },
  );
}
