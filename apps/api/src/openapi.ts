import { OpenAPIHono } from '@hono/zod-openapi';
import { documentedRoutes } from './app.js';
import type { AppEnv } from './env.js';
import { adminRoutes } from './routes/admin/index.js';
import { documentHead } from './routes/docs.js';

/**
 * The OpenAPI document the server serves at /openapi.json, made without starting it: the
 * routes are registered, never called, so no database is needed. The build writes it to
 * `dist/openapi.json` for @ankommen/client's generator.
 */
export function openApiDocument() {
  const app = new OpenAPIHono<AppEnv>();
  documentedRoutes(app, adminRoutes);
  return app.getOpenAPI31Document(documentHead);
}
