import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from './connection.js';
import { createDatabase } from './database.js';
import { migrate, readMigrations } from './migrate.js';
import { meta } from './schema.js';
import { createTarget, describeBackend, describeEachBackend } from './testing/backends.js';

describe('migrations folder', () => {
  it('is found relative to the module and lists drizzle-kit migrations in order', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]?.tag).toMatch(/^0000_/);
    expect(migrations[0]?.statements.some((s) => s.includes('CREATE TABLE "offers"'))).toBe(true);
  });
});

describeEachBackend('connection and migrations', ({ backend, database }) => {
  it('reports its kind and health', async () => {
    const db = database();
    expect(db.kind).toBe(backend);
    const health = await db.health();
    expect(health).toMatchObject({ ok: true, kind: backend });
  });

  it('applies migrations again, on reopen and on demand, without reapplying them', async () => {
    const fresh = await createTarget(backend, { persistent: true });
    try {
      await (await createDatabase(fresh.options)).close();
      await (await createDatabase(fresh.options)).close();
      const connection = await connect(fresh.options);
      try {
        expect(await migrate(connection)).toEqual({ applied: [] });
        expect(await migrate(connection)).toEqual({ applied: [] });
        const result = await connection.db.execute(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        expect((result as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(
          readMigrations().length,
        );
      } finally {
        await connection.close();
      }
    } finally {
      await fresh.dispose();
    }
  });

  it('rejects channel names that are not plain identifiers', async () => {
    await expect(database().notify('Bad-Channel', 'x')).rejects.toThrow(/invalid channel/);
    await expect(database().listen('x; drop table offers', () => {})).rejects.toThrow(
      /invalid channel/,
    );
  });
});

describe('PGlite in a data directory', () => {
  it('keeps its data across close and reopen', async () => {
    const target = await createTarget('pglite', { persistent: true });
    try {
      const first = await createDatabase(target.options);
      await first.db.insert(meta).values({ key: 'probe', value: { kept: true } });
      await first.close();
      const second = await createDatabase(target.options);
      const rows = await second.db.select().from(meta);
      expect(rows.find((row) => row.key === 'probe')?.value).toEqual({ kept: true });
      await second.close();
      const health = await second.health();
      expect(health.ok).toBe(false);
    } finally {
      await target.dispose();
    }
  });
});

describeBackend('postgres', 'PostgreSQL connection', ({ target }) => {
  it('migrates once when several processes start together', async () => {
    const fresh = await createTarget('postgres');
    try {
      const databases = await Promise.all(
        Array.from({ length: 4 }, () => createDatabase(fresh.options)),
      );
      await Promise.all(databases.map((db) => db.close()));
    } finally {
      await fresh.dispose();
    }
  });

  it('sets the statement timeout on pooled connections', async () => {
    const db = await createDatabase({ ...target().options, statementTimeoutMs: 200 });
    try {
      await expect(db.db.execute(sql`select pg_sleep(1)`)).rejects.toThrow();
      const result = await db.db.execute(sql`show statement_timeout`);
      expect((result as unknown as { rows: { statement_timeout: string }[] }).rows[0]).toEqual({
        statement_timeout: '200ms',
      });
    } finally {
      await db.close();
    }
  });

  it('fails fast with the server message on a bad URL', async () => {
    const url = new URL(target().options.databaseUrl as string);
    url.pathname = '/ankommen_no_such_database';
    await expect(createDatabase({ databaseUrl: url.toString() })).rejects.toThrow(/does not exist/);
  });
});
