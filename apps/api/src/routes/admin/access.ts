import type { Role } from '@ankommen/db';
import type { MiddlewareHandler } from 'hono';
import { bearerToken, forbidden, isCrossSite, signedIn } from '../../auth.js';
import type { AppEnv } from '../../env.js';
import { ProblemError } from '../../problem.js';
import { textGuard } from '../../text-guard.js';

/** Who may call a staff route: nobody signed in (`public`), anyone signed in, or some roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/**
 * The staff API's route table: every route says who may call it. The authorisation test is
 * generated from this table and the app's routes, so a new route without an entry fails it.
 */
export const permissions = new Map<string, Access>();

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const staff = ['admin', 'editor', 'reviewer'] as const satisfies readonly Role[];

/** Registers a route's access rule and returns the middleware that enforces it. */
export function access(method: string, path: string, rule: Access): MiddlewareHandler<AppEnv> {
  permissions.set(`${method.toUpperCase()} ${path}`, rule);
  return async (c, next) => {
    const database = c.get('services').database;
    if (!database) throw new ProblemError(503, 'unavailable', 'The staff API needs a database');
    // CSRF: a browser's write (cookies ride along) must come from this origin; a bearer
    // token cannot be sent by another site's page, so machine clients are not asked.
    if (!readMethods.has(c.req.method) && !bearerToken(c) && isCrossSite(c)) {
      throw new ProblemError(403, 'cross-site', 'Cross-site request refused', {
        detail:
          'Writes signed in by cookie must come from this origin; machine clients send Authorization: Bearer.',
      });
    }
    if (rule === 'public') {
      c.set('auth', undefined);
      return textGuard(c, next);
    }
    const auth = await signedIn(c, database);
    if (rule !== 'signed-in' && !rule.includes(auth.user.role)) throw forbidden(auth.user.role);
    c.set('auth', auth);
    return textGuard(c, next);
  };
}
