import { hash, verify } from '@node-rs/argon2';
import { hashToken, type Database, type Role, type User } from '@ankommen/db';
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from './env.js';
import { ProblemError } from './problem.js';

export const SESSION_COOKIE = 'ankommen_session';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation). */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** Whether the password matches the argon2id hash; a malformed hash never matches. */
export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false);

/**
 * Verified when no account matches, so that an unknown e-mail costs the same argon2id work
 * (same parameters, made by `hashPassword`) as a wrong password.
 */
export const dummyPasswordHash = hashPassword(
  'not a real password: equalises the work for unknown accounts',
);

/** The user for these credentials, or undefined; does one password verification either way. */
export async function checkCredentials(
  database: Database,
  verifier: (passwordHash: string, password: string) => Promise<boolean>,
  email: string,
  password: string,
): Promise<User | undefined> {
  // A database outage is not a wrong password: it propagates (503), and counts for no lock.
  const user = await database.users.findByEmail(email);
  const valid = await verifier(user?.passwordHash ?? (await dummyPasswordHash), password);
  return user && user.active && valid ? user : undefined;
}

/** A new random session or API token; only its SHA-256 is stored. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** The bearer token a machine client (or the dashboard's server) sends, if any. */
export function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
}

/** The token a request carries: a bearer token (machine clients) or the session cookie. */
export function requestToken(c: Context<AppEnv>): string | undefined {
  return c.req.header('authorization')?.startsWith('Bearer ')
    ? bearerToken(c)
    : getCookie(c, SESSION_COOKIE);
}

/**
 * Whether a browser sent this request from another site: by Sec-Fetch-Site, or else by an
 * Origin whose host is not this server's. Requests without either (non-browser clients)
 * are not cross-site. SameSite=Strict cookies already stay home; this refuses the write
 * even where a browser or a sibling subdomain gets around them.
 */
export function isCrossSite(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  const hosts = [c.req.header('host')];
  if (c.get('viaTrustedProxy')) hosts.push(c.req.header('x-forwarded-host'));
  try {
    return !hosts.includes(new URL(origin).host);
  } catch {
    return true; // `Origin: null` (sandboxed frames, redirects across sites) or garbage
  }
}

export interface SignedIn {
  user: User;
  tokenHash: string;
}

export async function signedIn(c: Context<AppEnv>, database: Database): Promise<SignedIn> {
  const token = requestToken(c);
  const now = c.get('services').now();
  const session = token ? await database.sessions.get(hashToken(token), now) : undefined;
  if (!session) {
    throw new ProblemError(401, 'unauthenticated', 'Sign-in required', {
      detail: 'Sign in at POST /v1/admin/login, or send an API token as Authorization: Bearer.',
    });
  }
  return { user: session.user, tokenHash: session.idHash };
}

export function forbidden(role: Role): ProblemError {
  return new ProblemError(403, 'forbidden', 'Not allowed for your role', {
    detail: `The role ${role} may not do this.`,
  });
}
