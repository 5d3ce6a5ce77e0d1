import type { Role } from '@ankommen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/harness.js';
import { permissions } from './access.js';

/**
 * The authorisation matrix, generated from the app's own route table: every staff route ×
 * every role × anonymous. A new /v1/admin route without an entry in `permissions` fails here.
 */
let api: TestApi;
const cookies = new Map<Role | 'anonymous', string>();
const roles: Role[] = ['admin', 'editor', 'reviewer', 'partner'];

beforeAll(async () => {
  api = await startTestApi();
  for (const role of roles) {
    cookies.set(
      role,
      await api.signIn(
        role,
        role === 'partner' ? { partnerAgencyId: 'awo-karlsruhe-migrationszentrum' } : {},
      ),
    );
  }
  cookies.set('anonymous', '');
});
afterAll(() => api.close());

const staffRoutes = () =>
  api.app.routes
    .filter((route) => route.path.startsWith('/v1/admin') && route.method !== 'ALL')
    .map((route) => ({ method: route.method, path: route.path.replace(/:(\w+)/g, '{$1}') }))
    .filter(
      (route, index, all) =>
        all.findIndex((r) => r.method === route.method && r.path === route.path) === index,
    );

describe('authorisation matrix', () => {
  it('has a rule for every staff route', () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes
      .filter((route) => !permissions.has(`${route.method} ${route.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('lets each role through exactly where its rule allows, and nobody anonymous but to sign in', async () => {
    const failures: string[] = [];
    for (const route of staffRoutes()) {
      const rule = permissions.get(`${route.method} ${route.path}`)!;
      // Ids that do not exist: an allowed caller gets past the check (404/400/422), a refused one gets 401/403.
      const path = route.path
        .replace(
          '{id}',
          route.path.includes('/users/') ? '00000000-0000-4000-8000-000000000000' : 'no-such-id',
        )
        .replace('{version}', '999999');
      for (const who of [...roles, 'anonymous'] as const) {
        if (route.path === '/v1/admin/logout' && who !== 'anonymous') continue; // would end the session the matrix needs
        const response = await api.request(path, {
          method: route.method,
          body: route.method === 'GET' ? undefined : {},
          headers: { cookie: cookies.get(who)! },
        });
        const allowed =
          rule === 'public' ||
          (who !== 'anonymous' && (rule === 'signed-in' || rule.includes(who)));
        const refused = response.status === 401 || response.status === 403;
        if (allowed === refused)
          failures.push(
            `${route.method} ${route.path} as ${who}: ${response.status}, expected ${allowed ? 'allowed' : 'refused'}`,
          );
        if (!allowed && who === 'anonymous' && response.status !== 401)
          failures.push(
            `${route.method} ${route.path} anonymous: ${response.status}, expected 401`,
          );
        expect(response.status).toBeLessThan(500);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps CORS closed on the staff API', async () => {
    const response = await api.request('/v1/admin/me', {
      headers: { origin: 'https://evil.example', cookie: cookies.get('admin')! },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
