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

// Verified when no account matches, so that an unknown e-mail costs as long as a wrong password.
const dummyHash = hash('not a real password: equalises the timing of unknown accounts');

/** The user for these credentials, or undefined; takes the same time either way. */
export async function checkCredentials(
  database: Database,
  email: string,
  password: string,
): Promise<User | undefined> {
  const user = await database.users.findByEmail(email).catch(() => undefined);
  const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  return user && user.active && valid ? user : undefined;
}

/** A new random session or API token; only its SHA-256 is stored. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** The token a request carries: a bearer token (machine clients) or the session cookie. */
export function requestToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return getCookie(c, SESSION_COOKIE);
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
