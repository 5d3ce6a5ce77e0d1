import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from './connection.js';

export interface Migration {
  tag: string;
  /** drizzle-kit's creation time; migrations apply in this order, newer than the last applied. */
  when: number;
  statements: string[];
  /** SHA-256 of the file, as drizzle-orm's own migrator records it. */
  hash: string;
}

export interface MigrateOptions {
  /** Where drizzle-kit wrote the migrations. Default: the `drizzle` folder of this package. */
  migrationsFolder?: string;
}

/**
 * The migrations ship in the package beside `dist/` and `src/`, so one level up from this
 * module finds them both in development (vitest runs `src`) and when installed (`dist`).
 */
export function defaultMigrationsFolder(): string {
  return fileURLToPath(new URL('../drizzle', import.meta.url));
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function readMigrations(folder: string = defaultMigrationsFolder()): Migration[] {
  const journal = JSON.parse(
    readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  return journal.entries
    .toSorted((a, b) => a.idx - b.idx)
    .map((entry) => {
      const text = readFileSync(join(folder, `${entry.tag}.sql`), 'utf8');
      return {
        tag: entry.tag,
        when: entry.when,
        statements: text
          .split('--> statement-breakpoint')
          .map((statement) => statement.trim())
          .filter((statement) => statement.length > 0),
        hash: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Applies the pending migrations in one transaction. We run drizzle-kit's SQL ourselves
 * instead of drizzle-orm's migrators because those read the applied state outside their
 * transaction (two API processes starting together would both migrate) and because PGlite
 * wants `exec` for DDL. The bookkeeping table is drizzle's own
 * (`drizzle.__drizzle_migrations`), so `drizzle-kit migrate` agrees with us.
 */
export async function migrate(
  connection: Connection,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(options.migrationsFolder);
  return connection.exclusive('ankommen.migrate', async (session) => {
    await session.exec(
      `create schema if not exists drizzle;
       create table if not exists drizzle.__drizzle_migrations (
         id serial primary key, hash text not null, created_at bigint
       );`,
    );
    const { rows } = await session.query(
      'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    const last = rows[0] ? Number(rows[0]['created_at']) : Number.NEGATIVE_INFINITY;
    const applied: string[] = [];
    for (const migration of migrations) {
      if (migration.when <= last) continue;
      for (const statement of migration.statements) await session.exec(statement);
      await session.query(
        'insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)',
        [migration.hash, migration.when],
      );
      applied.push(migration.tag);
    }
    return { applied };
  });
}
