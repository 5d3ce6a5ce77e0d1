import { createDatabase, PUBLIC_CHANGE_CHANNEL, seed, type Database } from '@ankommen/db';
import { rawData } from '@ankommen/data-karlsruhe';
import { verifyPassword } from './auth.js';
import type { Config } from './config.js';
import type { Services } from './env.js';
import { createRateLimiter } from './rate-limit.js';
import { createReadModel, type ReadModel } from './read-model.js';
import { createUsageCounter } from './usage.js';

export interface System {
  services: Services;
  database: Database;
  close(): Promise<void>;
}

async function readPublished(database: Database): Promise<ReadModel> {
  const snapshot = await database.snapshot();
  return createReadModel({
    ...snapshot,
    revision: `${snapshot.revision}@${snapshot.changedAt.toISOString()}`,
  });
}

/**
 * Opens the database (migrating it), seeds the Karlsruhe data on first start, builds the read
 * model, and keeps it current: rebuilt after this process's writes, and on every public-change
 * notification, so that several API processes on one PostgreSQL serve a publish within a second.
 */
export async function startSystem(
  config: Config,
  now: () => Date = () => new Date(),
): Promise<System> {
  const database = await createDatabase(
    config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  await seed(database, rawData);
  let model = await readPublished(database);

  let rebuilding: Promise<void> | undefined;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (rebuilding) {
      again = true;
      return rebuilding;
    }
    rebuilding = (async () => {
      do {
        again = false;
        model = await readPublished(database);
      } while (again);
    })().finally(() => {
      rebuilding = undefined;
    });
    return rebuilding;
  };
  const rebuild = () => {
    refresh().catch((error: unknown) => console.error('read model rebuild failed:', error));
  };
  // After the LISTEN connection was lost (a database restart), notifications sent meanwhile
  // are gone: rebuild once it listens again, or a publish in that gap would never show here.
  const stopListening = await database.listen(PUBLIC_CHANGE_CHANNEL, rebuild, {
    onReconnect: rebuild,
  });

  const usage = config.USAGE_COUNTS === 'on' ? createUsageCounter(database.usage, now) : undefined;
  const services: Services = {
    config,
    readModel: () => model,
    now,
    limits: {
      route: createRateLimiter(config.ROUTE_RATE_LIMIT, 60_000),
      login: createRateLimiter(config.LOGIN_RATE_LIMIT, 15 * 60_000),
      loginClient: createRateLimiter(config.LOGIN_CLIENT_RATE_LIMIT, 15 * 60_000),
    },
    verifyPassword,
    database,
    refresh,
    ...(usage ? { usage } : {}),
  };
  return {
    services,
    database,
    async close() {
      await stopListening();
      await usage?.close();
      await database.close();
    },
  };
}
