import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { jsonType, matchesEtag } from '../cache.js';
import type { AppEnv } from '../env.js';

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};
const cache = new Map<string, string>();
const asset = (name: string) => {
  let content = cache.get(name);
  if (content === undefined)
    cache.set(name, (content = readFileSync(join(swaggerDir, name), 'utf8')));
  return content;
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ankommen API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true });`;

/** The head of the OpenAPI document; the routes add its paths and schemas. */
export const documentHead = {
  openapi: '3.1.0',
  info: {
    title: 'Ankommen API',
    version: '0.1.0',
    description:
      'Offers, agencies and the personal Wegweiser for newcomers, an Open Referral HSDS 3.0 feed, and the staff API. Every error is application/problem+json (RFC 9457).',
    license: {
      name: 'EUPL-1.2',
      url: 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12',
    },
  },
};

/** The OpenAPI 3.1 document, and browsable docs whose assets we serve ourselves (no internet needed). */
export function docsRoutes(app: OpenAPIHono<AppEnv>): void {
  // Made once, on first request (when every route is registered): it only changes with the code.
  let document: { body: string; etag: string } | undefined;
  app.get('/openapi.json', (c) => {
    if (!document) {
      const body = JSON.stringify(app.getOpenAPI31Document(documentHead));
      document = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    }
    const headers = { ETag: document.etag, 'Cache-Control': 'public, max-age=300' };
    if (matchesEtag(c.req.header('if-none-match'), document.etag))
      return c.body(null, 304, headers);
    return c.body(document.body, 200, { ...headers, 'Content-Type': jsonType });
  });
  const csp =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
  app.get('/docs', (c) => c.html(page, 200, { 'Content-Security-Policy': csp }));
  app.get('/docs/assets/init.js', (c) =>
    c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/docs/assets/:name', (c) => {
    const name = c.req.param('name');
    // Own keys only: `__proto__` or `constructor` must not pass for an asset.
    const type = Object.hasOwn(assets, name) ? assets[name] : undefined;
    if (!type) return c.notFound();
    return c.body(asset(name), 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=86400',
    });
  });
}
