/**
 * Test support: runs a suite against embedded PGlite and against PostgreSQL, each with a
 * database of its own that is removed afterwards.
 *
 * PostgreSQL: `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`)
 * must allow CREATE DATABASE; every suite creates `ankommen_test_…` through it and drops it.
 * When the server is unreachable the PostgreSQL suites are skipped with a message, except
 * in CI (`CI` set), where they fail: CI must prove both databases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDatabase, type Database, type DatabaseOptions } from '../database.js';

export type BackendName = 'pglite' | 'postgres';

export const adminUrl =
  process.env['TEST_DATABASE_URL']?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether this is a CI run, which must prove both databases (and all else a suite needs). */
export const inCi = ['true', '1', 'yes'].includes((process.env['CI'] ?? '').toLowerCase());

/**
 * Connects once, as a test does. A server that refuses is reported at once; one that is slow
 * to answer (CI runs every package's tests at once on two cores) gets three generous tries.
 */
async function probePostgres(): Promise<string | undefined> {
  let reason = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
      if (!/timeout/i.test(reason)) return reason;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return reason;
}

/** Why PostgreSQL cannot be used, or undefined when it can. */
export const postgresUnavailable = await probePostgres();

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 15_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A place for one test database: options to open it, and the cleanup. */
export interface TestTarget {
  backend: BackendName;
  options: DatabaseOptions;
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database. PGlite lives in memory unless `persistent` (a temporary
 * directory, needed to reopen it); PostgreSQL gets a new database on the test server.
 */
export async function createTarget(
  backend: BackendName,
  { persistent = false }: { persistent?: boolean } = {},
): Promise<TestTarget> {
  if (backend === 'pglite') {
    if (!persistent) return { backend, options: { dataDir: 'memory://' }, dispose: async () => {} };
    const dataDir = await mkdtemp(join(tmpdir(), 'ankommen-db-'));
    return {
      backend,
      options: { dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `ankommen_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin((client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    backend,
    // Every package's tests run at once on two cores; a new backend can take seconds to start.
    options: { databaseUrl: url.toString(), connectionTimeoutMs: 30_000 },
    dispose: () =>
      admin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(
        () => undefined,
      ),
  };
}

/**
 * `describe` for a suite that makes its own databases on `backend` (with `createTarget`): on
 * PostgreSQL it is skipped where the server is unreachable, except in CI, where it runs and
 * fails.
 */
export function describeOn(backend: BackendName): typeof describe.skip {
  return backend === 'postgres' && postgresUnavailable && !inCi ? describe.skip : describe;
}

export interface BackendSuite {
  backend: BackendName;
  /** The suite's database, opened before its tests and closed after them. */
  database(): Database;
  target(): TestTarget;
}

/**
 * `describe` once per backend. Tests in one suite share its database: give records ids of
 * their own, or use `createTarget` for a database of your own.
 */
export function describeEachBackend(
  title: string,
  body: (suite: BackendSuite) => void,
  options: { persistent?: boolean } = {},
): void {
  for (const backend of ['pglite', 'postgres'] as const)
    describeBackend(backend, title, body, options);
}

/** `describe` for one backend, with the same database handling as `describeEachBackend`. */
export function describeBackend(
  backend: BackendName,
  title: string,
  body: (suite: BackendSuite) => void,
  { persistent = false }: { persistent?: boolean } = {},
): void {
  {
    const name = `${title} [${backend}]`;
    if (backend === 'postgres' && postgresUnavailable) {
      const message = `PostgreSQL at ${redact(adminUrl)} is not reachable: ${postgresUnavailable}`;
      if (inCi) {
        describe(name, () => {
          it('needs PostgreSQL (CI runs every suite against both databases)', () => {
            throw new Error(`${message}. Start it or set TEST_DATABASE_URL.`);
          });
        });
      } else {
        console.warn(`skipping ${name}: ${message} (set TEST_DATABASE_URL; CI fails here)`);
        describe.skip(name, () => body(unavailableSuite(backend)));
      }
      return;
    }
    describe(name, () => {
      let target: TestTarget | undefined;
      let database: Database | undefined;
      beforeAll(async () => {
        target = await createTarget(backend, { persistent });
        database = await createDatabase(target.options);
      });
      afterAll(async () => {
        await database?.close();
        await target?.dispose();
      });
      body({
        backend,
        database: () => {
          if (!database) throw new Error('the suite database is not open yet');
          return database;
        },
        target: () => {
          if (!target) throw new Error('the suite database is not open yet');
          return target;
        },
      });
    });
  }
}

function unavailableSuite(backend: BackendName): BackendSuite {
  const fail = (): never => {
    throw new Error('PostgreSQL is not reachable');
  };
  return { backend, database: fail, target: fail };
}
