import { connect, type Connection, type ConnectionOptions } from './connection.js';
import { migrate, type MigrateOptions } from './migrate.js';
import { createAgencyRepository, type AgencyRepository } from './repositories/agencies.js';
import { createAuditRepository, type AuditRepository } from './repositories/audit.js';
import type { RepositoryContext } from './repositories/context.js';
import { createOfferRepository, type OfferRepository } from './repositories/offers.js';
import { createRuleSetRepository, type RuleSetRepository } from './repositories/rule-sets.js';
import { createSessionRepository, type SessionRepository } from './repositories/sessions.js';
import {
  createTranslationRepository,
  type TranslationRepository,
} from './repositories/translations.js';
import { createUserRepository, type UserRepository } from './repositories/users.js';
import { createUsageRepository, type UsageRepository } from './repositories/usage.js';
import { readSnapshot, type Snapshot } from './snapshot.js';

export interface DatabaseOptions extends ConnectionOptions, MigrateOptions {
  /** The language staff write texts in; translations are tracked against it. Default `de`. */
  sourceLanguage?: string;
}

export interface Database extends Omit<Connection, 'exclusive'> {
  readonly sourceLanguage: string;
  readonly offers: OfferRepository;
  readonly agencies: AgencyRepository;
  readonly ruleSets: RuleSetRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  readonly translations: TranslationRepository;
  readonly usage: UsageRepository;
  /** Everything the public read model needs, read consistently in one transaction. */
  snapshot(): Promise<Snapshot>;
}

/**
 * Opens the database and brings its schema up to date: PostgreSQL when `databaseUrl` is set,
 * otherwise embedded PGlite in `dataDir`. Seeding is separate (`seed`), so that tests and
 * other cities decide what goes in.
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const connection = await connect(options);
  try {
    await migrate(connection, options);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const context: RepositoryContext = {
    db: connection.db,
    sourceLanguage: options.sourceLanguage ?? 'de',
  };
  const offers = createOfferRepository(context);
  const agencies = createAgencyRepository(context);
  return {
    kind: connection.kind,
    db: connection.db,
    sourceLanguage: context.sourceLanguage,
    notify: connection.notify,
    listen: connection.listen,
    health: connection.health,
    close: connection.close,
    offers,
    agencies,
    ruleSets: createRuleSetRepository(context),
    users: createUserRepository(context),
    sessions: createSessionRepository(context),
    audit: createAuditRepository(context),
    translations: createTranslationRepository(context, {
      offer: offers as never,
      agency: agencies as never,
    }),
    usage: createUsageRepository(context),
    snapshot: () => readSnapshot(connection.db),
  };
}

/** `DATABASE_URL` selects PostgreSQL; otherwise PGlite in `DATA_DIR` (default `./data`). */
export function databaseOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): DatabaseOptions {
  const databaseUrl = env['DATABASE_URL']?.trim();
  return databaseUrl ? { databaseUrl } : { dataDir: env['DATA_DIR']?.trim() || './data' };
}
