import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import {
  PgListener,
  checkChannel,
  type ListenOptions,
  type NotificationHandler,
} from './listener.js';
import { schema } from './schema.js';

export type Schema = typeof schema;
/** The Drizzle handle; the same type for PGlite and PostgreSQL. */
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;

export interface ConnectionOptions {
  /**
   * Directory for the embedded database (used when `databaseUrl` is not set); PGlite keeps
   * its files in `<dataDir>/pglite`. `'memory://'` keeps everything in memory (tests).
   * Default `./data`.
   */
  dataDir?: string;
  /** A PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /** PostgreSQL `statement_timeout` for every pooled connection. Default 5000 ms. */
  statementTimeoutMs?: number;
  /** How long to wait for a PostgreSQL connection. Default 5000 ms. */
  connectionTimeoutMs?: number;
  /** Size of the PostgreSQL pool. Default 10. */
  maxConnections?: number;
  /** Errors that have no caller to go to: lost idle connections, failed reconnects. */
  onError?: (error: Error) => void;
}

export interface Health {
  ok: boolean;
  kind: 'pglite' | 'postgres';
  /** Round trip of `select 1`. */
  latencyMs?: number;
  /** False while the PostgreSQL LISTEN connection is down and reconnecting. */
  listening?: boolean;
  error?: string;
}

/** What a migration runs in: one transaction on one session. */
export interface MigrationSession {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Multi-statement SQL; PGlite only accepts it through `exec`. */
  exec(text: string): Promise<void>;
}

export interface Connection {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Drizzle;
  /** Sends a notification; inside a transaction prefer `pg_notify` so it goes out on commit. */
  notify(channel: string, payload: string): Promise<void>;
  /** Subscribes to a channel; resolves to the function that unsubscribes. */
  listen(
    channel: string,
    handler: NotificationHandler,
    options?: ListenOptions,
  ): Promise<() => Promise<void>>;
  health(): Promise<Health>;
  close(): Promise<void>;
  /** Runs `fn` in one transaction holding the migration lock (internal: migrate and seed). */
  exclusive<T>(lock: string, fn: (session: MigrationSession) => Promise<T>): Promise<T>;
}

const defaultOnError = (error: Error): void => {
  console.warn(`[@ankommen/db] ${error.message}`);
};

export async function connect(options: ConnectionOptions = {}): Promise<Connection> {
  return options.databaseUrl
    ? connectPostgres(options.databaseUrl, options)
    : connectPglite(options);
}

function pgliteDirectory(dataDir: string): string {
  if (dataDir.startsWith('memory://')) return dataDir;
  const directory = join(resolve(dataDir), 'pglite');
  mkdirSync(directory, { recursive: true });
  return directory;
}

async function connectPglite(options: ConnectionOptions): Promise<Connection> {
  // PGlite runs in this process: one session, queries serialised by its own mutex, no
  // statement timeout (a timer cannot interrupt the single-threaded WASM engine anyway).
  const client = await PGlite.create(pgliteDirectory(options.dataDir ?? './data'));
  const db = drizzlePglite({ client, schema }) as unknown as Drizzle;
  let closed = false;
  return {
    kind: 'pglite',
    db,
    async notify(channel, payload) {
      checkChannel(channel);
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async listen(channel, handler) {
      checkChannel(channel);
      // In-process; there is no connection to lose, so `onReconnect` is never called.
      const unlisten = await client.listen(channel, handler);
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async health() {
      return check('pglite', () => client.query('select 1'));
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
    exclusive(_lock, fn) {
      // One process owns a PGlite directory, and its transactions are serialised already.
      return client.transaction((tx) =>
        fn({
          query: (text, params) => tx.query<Record<string, unknown>>(text, params),
          exec: async (text) => {
            await tx.exec(text);
          },
        }),
      );
    },
  };
}

async function connectPostgres(url: string, options: ConnectionOptions): Promise<Connection> {
  const onError = options.onError ?? defaultOnError;
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const base: pg.ClientConfig = {
    connectionString: url,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    application_name: 'ankommen',
    // Notices a dead peer (a restarted server behind NAT) instead of waiting forever.
    keepAlive: true,
  };
  const pool = new pg.Pool({
    ...base,
    max: options.maxConnections ?? 10,
    statement_timeout: statementTimeoutMs,
    // A transaction left open by a bug must not hold row locks for long.
    idle_in_transaction_session_timeout: Math.max(30_000, statementTimeoutMs * 2),
    idleTimeoutMillis: 30_000,
  });
  // Without a listener, an idle client that loses its connection crashes the process.
  pool.on('error', onError);
  const listener = new PgListener(base, onError);
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Drizzle;
  let closed = false;
  try {
    // Fail now, with the server's message, rather than on the first request.
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    kind: 'postgres',
    db,
    async notify(channel, payload) {
      checkChannel(channel);
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    listen: (channel, handler, listenOptions) => listener.listen(channel, handler, listenOptions),
    async health() {
      const result = await check('postgres', () => pool.query('select 1'));
      return { ...result, listening: listener.connected };
    },
    async close() {
      if (closed) return;
      closed = true;
      await listener.close();
      await pool.end();
    },
    async exclusive(lock, fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        // Migrations may take longer than a request is allowed to.
        await client.query('set local statement_timeout = 0');
        // Several API processes may start at once: the first migrates, the others wait.
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [lock]);
        const result = await fn({
          query: async (text, params) => client.query<Record<string, unknown>>(text, params),
          exec: async (text) => {
            await client.query(text);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

async function check(kind: Health['kind'], ping: () => Promise<unknown>): Promise<Health> {
  const start = performance.now();
  try {
    await ping();
    return { ok: true, kind, latencyMs: Math.round((performance.now() - start) * 100) / 100 };
  } catch (error) {
    return { ok: false, kind, error: error instanceof Error ? error.message : String(error) };
  }
}
