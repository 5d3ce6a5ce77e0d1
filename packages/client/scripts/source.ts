import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { generateTypes, type OpenApiDocument } from './openapi-types.js';

const require = createRequire(import.meta.url);

/** The committed file of generated types. */
export const generatedFile = fileURLToPath(new URL('../src/api.generated.ts', import.meta.url));

/**
 * The public read API is the client's typed surface; the staff API (`/v1/admin`) and the HSDS
 * feed (typed by @ankommen/hsds) are left out.
 */
export const isPublicPath = (path: string) =>
  path.startsWith('/v1/') && !path.startsWith('/v1/admin');

/**
 * The generated module for the API as built now: its OpenAPI document is written to
 * `dist/openapi.json` by the API's build, so no server or database is needed. Formatted
 * like every other file of the repository.
 */
export async function generatedSource(): Promise<string> {
  const document = JSON.parse(
    readFileSync(require.resolve('@ankommen/api/openapi.json'), 'utf8'),
  ) as OpenApiDocument;
  const code = generateTypes(document, { include: isPublicPath });
  return format(code, { ...(await resolveConfig(generatedFile)), parser: 'typescript' });
}
