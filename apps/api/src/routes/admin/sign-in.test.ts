import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth.js';
import { startTestApi, testNow, testPassword, type TestApi } from '../../testing/harness.js';

/**
 * Sign-in under abuse: throttling per account and per client, no way to tell unknown accounts
 * from wrong passwords, fresh session ids, expiry on an injected clock, sign-out on the
 * server, and the session cookie's attributes with and without TLS.
 */
const perClientLimit = 8;
const ttlMinutes = 60;

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`sign-in [${backend}]`, () => {
    let target: TestTarget;
    let api: TestApi;
    let clock = testNow.getTime();
    /** Every password verification the API does: the hash it checked against. */
    const verified: string[] = [];
    let accounts = 0;

    beforeAll(async () => {
      target = await createTarget(backend);
      api = await startTestApi(
        target.options,
        {
          TRUST_PROXY: 'true',
          LOGIN_RATE_LIMIT: '5',
          LOGIN_CLIENT_RATE_LIMIT: String(perClientLimit),
          SESSION_TTL_MINUTES: String(ttlMinutes),
        },
        () => new Date(clock),
      );
      const real = api.system.services.verifyPassword;
      api.system.services.verifyPassword = (hash, password) => {
        verified.push(hash);
        return real(hash, password);
      };
    });
    afterAll(async () => {
      await api?.close();
      await target?.dispose();
    });

    /** A user with the test password, of a role, on an e-mail of its own. */
    const account = async (options: { active?: boolean } = {}) => {
      const email = `signin${++accounts}-${backend}@example.org`;
      const user = await api.system.database.users.create({
        email,
        passwordHash: await hashPassword(testPassword),
        role: 'editor',
        partnerAgencyId: null,
      });
      if (options.active === false)
        await api.system.database.users.update(user.id, { active: false }, { actor: user.id });
      return { email, hash: user.passwordHash };
    };
    let clients = 0;
    /** Requests from a client address of its own (the API trusts X-Forwarded-For here). */
    const newClient = () => `192.0.2.${++clients}`;
    const login = (
      email: string,
      password: string,
      client: string,
      headers: Record<string, string> = {},
    ) =>
      api.request('/v1/admin/login', {
        method: 'POST',
        body: { email, password },
        headers: { 'x-forwarded-for': client, ...headers },
      });
    const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;
    const me = (headers: Record<string, string>) =>
      api.request('/v1/admin/me', { headers }).then((response) => response.status);

    const expectThrottled = async (response: Response) => {
      expect(response.status).toBe(429);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(response.headers.get('set-cookie')).toBeNull();
    };

    describe('throttling', () => {
      it('locks an account after five failures from anywhere, even against the right password', async () => {
        const { email } = await account();
        for (let i = 0; i < 5; i++)
          expect((await login(email, `guess ${i}`, newClient())).status).toBe(401);
        await expectThrottled(await login(email, testPassword, newClient()));
      });

      it('stops one client trying many accounts, even with a right password', async () => {
        const client = newClient();
        for (let i = 0; i < perClientLimit; i++) {
          const { email } = await account();
          expect((await login(email, 'a wrong password', client)).status).toBe(401);
        }
        const { email } = await account();
        await expectThrottled(await login(email, testPassword, client));
        // Another client is not affected.
        expect((await login(email, testPassword, newClient())).status).toBe(200);
      });

      it('does not count successful sign-ins against the client', async () => {
        const client = newClient();
        const { email } = await account();
        for (let i = 0; i < perClientLimit + 2; i++)
          expect((await login(email, testPassword, client)).status).toBe(200);
      });
    });

    describe('no user enumeration', () => {
      const comparable = async (response: Response) => ({
        status: response.status,
        body: await response.text(),
        headers: [...response.headers].filter(([name]) => name !== 'date'),
      });

      it('answers an unknown e-mail, a wrong password and a deactivated account identically', async () => {
        const known = await account();
        const inactive = await account({ active: false });
        const answers = [
          await comparable(await login(known.email, 'a wrong password', newClient())),
          await comparable(
            await login('nobody-at-all@example.org', 'a wrong password', newClient()),
          ),
          await comparable(await login(inactive.email, testPassword, newClient())),
        ];
        expect(answers[0]!.status).toBe(401);
        expect(answers[1]).toEqual(answers[0]);
        expect(answers[2]).toEqual(answers[0]);
      });

      it('does the same argon2id work for an unknown e-mail as for a wrong password', async () => {
        const known = await account();
        verified.length = 0;
        await login(known.email, 'a wrong password', newClient());
        expect(verified).toEqual([known.hash]);
        verified.length = 0;
        await login('nobody-at-all@example.org', 'a wrong password', newClient());
        expect(verified).toHaveLength(1);
        const dummy = verified[0]!;
        expect(dummy).not.toBe(known.hash);
        // Same algorithm, version and cost parameters: `$argon2id$v=19$m=…,t=…,p=…$`.
        const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');
        expect(parameters(dummy)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
        expect(parameters(dummy)).toBe(parameters(known.hash));
      });
    });

    describe('sessions', () => {
      it('issues a new session id at sign-in and ends the one the browser held before', async () => {
        const { email } = await account();
        const first = cookieOf(await login(email, testPassword, newClient()));
        expect(await me({ cookie: first })).toBe(200);
        const second = await login(email, testPassword, newClient(), { cookie: first });
        expect(cookieOf(second)).not.toBe(first);
        expect(await me({ cookie: cookieOf(second) })).toBe(200);
        expect(await me({ cookie: first })).toBe(401);
        // An id an attacker planted is not taken over either.
        const planted = 'ankommen_session=planted-by-someone-else-0123456789abcdef';
        const third = await login(email, testPassword, newClient(), { cookie: planted });
        expect(cookieOf(third)).not.toBe(planted);
        expect(await me({ cookie: planted })).toBe(401);
      });

      it('rejects a session past its lifetime, and an API token past its days', async () => {
        const { email } = await account();
        const start = clock;
        try {
          const cookie = cookieOf(await login(email, testPassword, newClient()));
          const created = await api.request('/v1/admin/tokens', {
            method: 'POST',
            body: { label: 'expiry test', days: 1 },
            headers: { cookie },
          });
          const bearer = {
            authorization: `Bearer ${((await created.json()) as { token: string }).token}`,
          };
          clock = start + ttlMinutes * 60_000 - 1000;
          expect(await me({ cookie })).toBe(200);
          clock = start + ttlMinutes * 60_000 + 1000;
          expect(await me({ cookie })).toBe(401);
          expect(await me(bearer)).toBe(200);
          clock = start + 86_400_000 + 1000;
          expect(await me(bearer)).toBe(401);
        } finally {
          clock = start;
        }
      });

      it('ends a session and an API token on the server at sign-out', async () => {
        const { email } = await account();
        const cookie = cookieOf(await login(email, testPassword, newClient()));
        const created = await api.request('/v1/admin/tokens', {
          method: 'POST',
          body: { label: 'sign-out test' },
          headers: { cookie },
        });
        const bearer = {
          authorization: `Bearer ${((await created.json()) as { token: string }).token}`,
        };
        const out = await api.request('/v1/admin/logout', { method: 'POST', headers: { cookie } });
        expect(out.status).toBe(204);
        expect(out.headers.get('set-cookie')).toMatch(/ankommen_session=;.*Max-Age=0/i);
        expect(await me({ cookie })).toBe(401);
        // The token lives on until it is signed out itself.
        expect(await me(bearer)).toBe(200);
        const revoked = await api.request('/v1/admin/logout', { method: 'POST', headers: bearer });
        expect(revoked.status).toBe(204);
        expect(await me(bearer)).toBe(401);
      });

      it('sets an HttpOnly, SameSite=Strict, Path=/ cookie, not Secure without TLS', async () => {
        const { email } = await account();
        const cookie = (await login(email, testPassword, newClient())).headers.get('set-cookie')!;
        const attributes = cookie.split(';').map((part) => part.trim());
        expect(attributes).toContain('HttpOnly');
        expect(attributes).toContain('SameSite=Strict');
        expect(attributes).toContain('Path=/');
        expect(attributes).toContain(`Max-Age=${ttlMinutes * 60}`);
        expect(attributes).not.toContain('Secure');
      });
    });
  });
}

describe('sign-in over TLS', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ dataDir: 'memory://' }, { TLS: 'true' });
  });
  afterAll(() => api.close());

  it('marks the session cookie Secure (and keeps HttpOnly, SameSite=Strict, Path=/)', async () => {
    await api.signIn('editor', { email: 'tls@example.org' });
    const response = await api.request('/v1/admin/login', {
      method: 'POST',
      body: { email: 'tls@example.org', password: testPassword },
    });
    const attributes = response.headers
      .get('set-cookie')!
      .split(';')
      .map((part) => part.trim());
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/'])
      expect(attributes).toContain(attribute);
  });
});
