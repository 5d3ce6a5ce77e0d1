import type { Role } from '@ankommen/db';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.js';
import { hashPassword } from '../auth.js';
import { Config } from '../config.js';
import { createHttpServer, nodeClientAddress } from '../http.js';
import { adminRoutes } from '../routes/admin/index.js';
import { startSystem, type System } from '../system.js';

/** A fixed clock for tests: Wednesday 25 November 2026, 10:00 in Karlsruhe. */
export const testNow = new Date('2026-11-25T09:00:00Z');

export interface TestApi {
  system: System;
  app: ReturnType<typeof createApp>;
  /** Sends a real HTTP request to the running API; JSON bodies are serialised. */
  /** This API's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Creates a user with this role and signs them in; returns the cookie header. */
  signIn(role: Role, options?: { partnerAgencyId?: string; email?: string }): Promise<string>;
  close(): Promise<void>;
}

export const testPassword = 'correct horse battery staple';

/**
 * Starts the whole API (database, seed, read model, routes, HTTP server on a free local port)
 * in process, on a database of its own, with a fixed clock (or one the test moves).
 */
export async function startTestApi(
  database: { dataDir?: string; databaseUrl?: string } = { dataDir: 'memory://' },
  config: Partial<Record<keyof Config, string>> = {},
  clock: () => Date = () => testNow,
): Promise<TestApi> {
  const parsed = Config.parse({
    DATA_DIR: database.dataDir ?? './data',
    DATABASE_URL: database.databaseUrl,
    ...config,
  });
  const system = await startSystem(parsed, clock);
  const app = createApp({
    services: system.services,
    extend: adminRoutes,
    clientAddress: nodeClientAddress,
  });
  const server = createHttpServer(app.fetch, parsed, system.services);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let users = 0;
  const request: TestApi['request'] = (path, init = {}) =>
    fetch(`${origin}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  return {
    system,
    app,
    origin,
    request,
    async signIn(role, options = {}) {
      const email = options.email ?? `${role}${++users}@example.org`;
      await system.database.users.create({
        email,
        passwordHash: await hashPassword(testPassword),
        role,
        partnerAgencyId: options.partnerAgencyId ?? null,
      });
      const response = await request('/v1/admin/login', {
        method: 'POST',
        body: { email, password: testPassword },
      });
      if (response.status !== 200)
        throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await system.close();
    },
  };
}
