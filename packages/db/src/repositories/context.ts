import type { Drizzle } from '../connection.js';

/** What every repository needs: the Drizzle handle and the language texts are written in. */
export interface RepositoryContext {
  db: Drizzle;
  /**
   * The language staff write in; translations are made from it and become outdated when it
   * changes. Default `de`.
   */
  sourceLanguage: string;
}

/** The user a write is attributed to (a user id); `null` for the system (seed, CLI). */
export type Actor = string | null;
