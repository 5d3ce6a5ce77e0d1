import type { Database } from '@ankommen/db';
import type { SignedIn } from './auth.js';
import type { Config } from './config.js';
import type { RateLimiter } from './rate-limit.js';
import type { ReadModel } from './read-model.js';
import type { UsageCounter } from './usage.js';

/** What routes need from the running system; tests build it with a fixed clock. */
export interface Services {
  config: Config;
  /** The current read model; replaced as a whole when published data changes. */
  readModel(): ReadModel;
  /** The clock: injected so that tests never depend on today. */
  now(): Date;
  /** Sign-in attempts count per account (`login`) and per client address (`loginClient`). */
  limits: { route: RateLimiter; login: RateLimiter; loginClient: RateLimiter };
  /** Checks a password against an argon2id hash; injectable so tests can count the work done. */
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /** The database, for the staff API; absent where only public reads are served. */
  database?: Database;
  /** Planning counts (ADR 0014); absent without a database or with `USAGE_COUNTS=off`. */
  usage?: UsageCounter;
  /** Rebuilds the read model from the database now (after a write this process made). */
  refresh(): Promise<void>;
}

export interface AppEnv {
  Variables: {
    services: Services;
    clientAddress: string;
    /** Whether the request came through a proxy we trust (TRUST_PROXY). */
    viaTrustedProxy: boolean;
    /** Set by the staff API's access check. */
    auth: SignedIn | undefined;
  };
}
