import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, VersionConflictError } from './errors.js';

/** An error as `pg` or PGlite throws it, optionally wrapped the way Drizzle wraps it. */
const driverError = (message: string, code?: string) =>
  Object.assign(new Error(message), code ? { code } : {});
const wrapped = (cause: Error) => Object.assign(new Error('Failed query: update …'), { cause });

describe('isDatabaseUnavailable', () => {
  it('recognises an outage, directly and inside the error Drizzle wraps', () => {
    for (const error of [
      driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      driverError('terminating connection due to administrator command', '57P01'),
      driverError('the database system is starting up', '57P03'),
      driverError('sorry, too many clients already', '53300'),
      driverError('canceling statement due to statement timeout', '57014'),
      driverError('connection failure', '08006'),
      driverError('Connection terminated unexpectedly'),
      driverError('timeout exceeded when trying to connect'),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
      expect(isDatabaseUnavailable(wrapped(error)), error.message).toBe(true);
    }
  });

  it('leaves refused writes and bugs alone', () => {
    for (const error of [
      driverError('duplicate key value violates unique constraint', '23505'),
      driverError('column "x" does not exist', '42703'),
      new VersionConflictError('offer', 'a', 1, 2),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(false);
      expect(isDatabaseUnavailable(wrapped(error)), error.message).toBe(false);
    }
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
