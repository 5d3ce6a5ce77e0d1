import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit reads the schema and writes SQL migrations to `./drizzle` (committed, shipped
 * in the package, applied at start by `createDatabase`). Generating needs no database.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
