import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { hashToken } from '@ankommen/db';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { checkCredentials, newToken, SESSION_COOKIE } from '../../auth.js';
import type { AppEnv } from '../../env.js';
import { ProblemError } from '../../problem.js';
import { access } from './access.js';
import { json, userView } from './shared.js';

const Credentials = z
  .object({
    email: z.string().trim().toLowerCase().max(320),
    password: z.string().min(1).max(1000),
  })
  .strict();
const TokenRequest = z
  .object({
    label: z.string().trim().min(1).max(200),
    days: z.number().int().min(1).max(365).default(90),
  })
  .strict();

/** Sign-in, sign-out, the current user, and API tokens for machine clients. */
export function sessionRoutes(app: OpenAPIHono<AppEnv>): void {
  const login = createRoute({
    method: 'post',
    path: '/v1/admin/login',
    tags: ['staff'],
    summary: 'Sign in; sets a session cookie (HttpOnly, SameSite=Strict)',
    middleware: [access('post', '/v1/admin/login', 'public')],
    request: { body: json(Credentials) },
    responses: {
      200: { description: 'Signed in' },
      401: { description: 'Wrong e-mail or password' },
      429: { description: 'Too many attempts' },
    },
  });
  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const services = c.get('services');
    const database = services.database!;
    // Throttle per account (from anywhere) and per client (for any account), counting each
    // attempt before any work, whether or not the account exists, so that parallel guesses
    // count too. Success clears the account's count and takes back the client's hit.
    const { login: perAccount, loginClient: perClient } = services.limits;
    const client = c.get('clientAddress');
    // A client already refused does not count against the account: it cannot push an account's
    // count (or, with many made-up accounts, the limiter's memory) any further.
    const clientWait = perClient.hit(client);
    const wait = clientWait > 0 ? clientWait : perAccount.hit(email);
    if (wait > 0) {
      throw new ProblemError(429, 'rate-limited', 'Too many sign-in attempts', {
        detail: `Try again in ${wait} s.`,
        retryAfter: wait,
      });
    }
    const user = await checkCredentials(database, services.verifyPassword, email, password);
    if (!user) throw new ProblemError(401, 'invalid-credentials', 'Wrong e-mail or password');
    perAccount.reset(email);
    perClient.forgive(client);
    // A new session id at every sign-in; the session this browser held before ends, so that a
    // session id planted before sign-in (fixation) is worth nothing afterwards.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await database.sessions.delete(hashToken(previous));
    const { token, tokenHash } = newToken();
    const ttl = services.config.SESSION_TTL_MINUTES * 60;
    await database.sessions.create({
      userId: user.id,
      tokenHash,
      kind: 'cookie',
      expiresAt: new Date(services.now().getTime() + ttl * 1000),
    });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: services.config.TLS,
      path: '/',
      maxAge: ttl,
    });
    return c.json({ user: userView(user), expiresInSeconds: ttl });
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/logout',
      tags: ['staff'],
      summary: 'Sign out: ends the session on the server',
      middleware: [access('post', '/v1/admin/logout', 'signed-in')],
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      await c.get('services').database!.sessions.delete(c.get('auth')!.tokenHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/me',
      tags: ['staff'],
      summary: 'The signed-in user',
      middleware: [access('get', '/v1/admin/me', 'signed-in')],
      responses: { 200: { description: 'The user' } },
    }),
    (c) => c.json({ user: userView(c.get('auth')!.user) }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/tokens',
      tags: ['staff'],
      summary: 'Create an API token for a machine client; it is shown once',
      middleware: [access('post', '/v1/admin/tokens', 'signed-in')],
      request: { body: json(TokenRequest) },
      responses: { 201: { description: 'The token' } },
    }),
    async (c) => {
      const { label, days } = c.req.valid('json');
      const services = c.get('services');
      const { token, tokenHash } = newToken();
      const expiresAt = new Date(services.now().getTime() + days * 86_400_000);
      const user = c.get('auth')!.user;
      await services.database!.sessions.create(
        { userId: user.id, tokenHash, kind: 'token', label, expiresAt },
        { actor: user.id },
      );
      return c.json({ token, label, expiresAt: expiresAt.toISOString() }, 201);
    },
  );
}
