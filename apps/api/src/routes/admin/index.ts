import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { auditRoutes } from './audit.js';
import { entityRoutes } from './entities.js';
import { insightsRoutes } from './insights.js';
import { ruleSetRoutes } from './rule-sets.js';
import { sessionRoutes } from './session.js';
import { translationRoutes } from './translations.js';
import { userRoutes } from './users.js';

export { permissions, type Access } from './access.js';

/** The staff write API under /v1/admin. CORS stays closed here. */
export function adminRoutes(app: OpenAPIHono<AppEnv>): void {
  sessionRoutes(app);
  userRoutes(app);
  entityRoutes(app, 'offers');
  entityRoutes(app, 'agencies');
  ruleSetRoutes(app);
  auditRoutes(app);
  translationRoutes(app);
  insightsRoutes(app);
}
