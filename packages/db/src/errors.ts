/**
 * Errors the repositories throw on purpose. Invalid input throws zod's `ZodError` (with the
 * path of every problem); everything else is a bug or an unreachable database.
 */

/** The record does not exist (or no longer exists). The API answers 404. */
export class NotFoundError extends Error {
  constructor(
    readonly entityType: string,
    readonly id: string,
  ) {
    super(`${entityType} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/**
 * A stale write: the caller read version `expected`, but the record is at `current` now.
 * The API answers 409 with the current version, so that no update is ever lost silently.
 */
export class VersionConflictError extends Error {
  constructor(
    readonly entityType: string,
    readonly id: string,
    readonly expected: number,
    readonly current: number,
  ) {
    super(`${entityType} ${id} is at version ${current}, not ${expected}`);
    this.name = 'VersionConflictError';
  }
}

/**
 * - `already_exists`: create with an id or e-mail address that is taken;
 * - `dangling_reference`: the write names a record that does not exist or is not public
 *   (publishing an offer whose provider agency was never published);
 * - `referenced`: archiving an agency that public records still point to;
 * - `invalid_transition`: e.g. publishing a rule set that is not a draft.
 */
export type ConflictCode =
  'already_exists' | 'dangling_reference' | 'referenced' | 'invalid_transition';

/** A write the current state of the data refuses. The API answers 409 or 422. */
export class ConflictError extends Error {
  constructor(
    readonly code: ConflictCode,
    message: string,
    /** The ids involved: the referencing records, or the missing targets. */
    readonly references: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** PostgreSQL's SQLSTATE of an error from `pg` or PGlite, when there is one. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  // Drizzle wraps driver errors (`DrizzleQueryError`) and keeps the original as `cause`.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** SQLSTATEs that mean "not now": the server is shutting down, starting, or out of room. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
/** Node's network errors on the way to the server. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** What `pg` says when a connection is lost or cannot be had in time (it sets no code). */
const lostConnection =
  /Connection terminated|timeout exceeded when trying to connect|connection error/i;

/**
 * Whether an error means the database cannot serve right now (down, restarting, unreachable,
 * too busy, a statement over its timeout) rather than a bug or a refused write. The API
 * answers 503, so that clients retry instead of reporting a defect.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || unavailableStates.has(code)))
      return true;
    if (typeof code === 'string' && networkCodes.has(code)) return true;
    if (typeof message === 'string' && lostConnection.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
