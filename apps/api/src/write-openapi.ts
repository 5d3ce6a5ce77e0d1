// Build step: writes the OpenAPI document to dist/openapi.json (see openapi.ts).
import { writeFileSync } from 'node:fs';
import { openApiDocument } from './openapi.js';

writeFileSync(
  new URL('openapi.json', import.meta.url),
  `${JSON.stringify(openApiDocument(), null, 2)}\n`,
);
