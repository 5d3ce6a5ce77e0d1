import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { foldForSearch } from '@ankommen/taxonomy';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/harness.js';
import { injectionStrings } from './testing/hostile.js';

/**
 * Injection through search and filters, public and staff: SQL, LIKE wildcards, regular
 * expression and full-text operators, JSON and prototype-pollution keys. Each answer is a
 * valid result that matches literally (never everything) or a 400 problem naming the field;
 * never a 5xx, never SQL, a stack or a path in an error; and nothing in the database, the
 * read model or this process's prototypes changes (checked after each test).
 */

/** Queries made only of operators and wildcards: a literal search finds nothing with them. */
const operatorsOnly = [
  '%',
  '_',
  '%%',
  '*',
  '.*',
  '[',
  '\\',
  '!!!',
  '<->',
  '&',
  '|',
  ':*',
  "'",
  '--',
];
const sqlAll = ["' OR 1=1 --", "' OR '1'='1", '1) OR (1=1', "%' OR '1'='1", "' OR ''='"];
/** What an error body must never show: SQL, driver errors, stack frames, file paths. */
const leak =
  /select |insert |delete |update |syntax error|drizzle|postgres|pglite|\bat \S+:\d+|\/work\/|node_modules|\.ts:\d/i;

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`injection [${backend}]`, () => {
    let target: TestTarget;
    let api: TestApi;
    let cookie: string;
    let before: string;
    let allOffers: number;
    let allServices: number;
    let requests = 0;

    /** Everything stored, and the read model's revision. */
    const contents = async () => {
      const database = api.system.database;
      return JSON.stringify({
        snapshot: await database.snapshot(),
        users: await database.users.list(),
        audit: await database.audit.list({ limit: 1000 }),
        ruleSets: await database.ruleSets.list(),
        revision: api.system.services.readModel().revision,
      });
    };

    /** Sends a request; checks it is no 5xx and that any error is a problem without leaks. */
    const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
      requests++;
      const response = await api.request(path, { ...init, headers: { cookie } });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBeLessThan(500);
      if (response.status >= 400) {
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(text, path).not.toMatch(leak);
      }
      return { status: response.status, body: JSON.parse(text) as any };
    };
    const fieldsOf = (body: { errors?: { field: string }[] }) =>
      (body.errors ?? []).map((error) => error.field);

    beforeAll(async () => {
      target = await createTarget(backend);
      api = await startTestApi(target.options, { ROUTE_RATE_LIMIT: '100000', USAGE_COUNTS: 'off' });
      cookie = await api.signIn('admin');
      allOffers = (await call('/v1/offers?perPage=1')).body.total;
      allServices = (await call('/hsds/services?per_page=1')).body.total_items;
      before = await contents();
    }, 60_000);
    afterAll(async () => {
      console.log(`injection [${backend}]: ${requests} requests`);
      await api?.close();
      await target?.dispose();
    });

    it('searches offers literally: no injection returns everything, wildcards match nothing', async () => {
      expect(allOffers).toBeGreaterThan(10);
      for (const q of [...injectionStrings, ...sqlAll, ...operatorsOnly]) {
        const { status, body } = await call(`/v1/offers?q=${encodeURIComponent(q)}&perPage=100`);
        if (status === 400) {
          expect(fieldsOf(body), q).toEqual(['query.q']);
          continue;
        }
        expect(status, q).toBe(200);
        expect(body.total, q).toBeLessThan(allOffers);
        if (operatorsOnly.includes(q)) expect(body.total, q).toBe(0);
      }
      // With a real word beside it, the injection is just more text to match.
      const word = (await call('/v1/offers?q=Sprachkurs')).body.total;
      expect(word).toBeGreaterThan(0);
      const injected = await call(`/v1/offers?q=${encodeURIComponent("Sprachkurs' OR 1=1 --")}`);
      expect(injected.body.total).toBeLessThanOrEqual(allOffers - 1);
      expect(await contents()).toBe(before);
    });

    it('refuses injection in every filter, naming it', async () => {
      const filters: Record<string, string[]> = {
        '/v1/offers': [
          'topic',
          'category',
          'targetGroup',
          'language',
          'cost',
          'openNow',
          'near',
          'radiusKm',
          'page',
          'perPage',
          'lang',
        ],
        '/v1/agencies': ['kind', 'openNow', 'page', 'perPage', 'lang'],
        '/hsds/services': [
          'taxonomy_term_id',
          'taxonomy_id',
          'organization_id',
          'modified_after',
          'page',
          'per_page',
          'lang',
        ],
        '/v1/admin/offers': ['status'],
        '/v1/admin/agencies': ['status'],
        '/v1/admin/audit': ['entityType', 'userId', 'from', 'to', 'limit', 'offset'],
        '/v1/admin/insights': ['from', 'to'],
        '/v1/admin/translations?lang=en': ['status', 'entityType', 'entityId'],
      };
      for (const [path, names] of Object.entries(filters)) {
        for (const name of names) {
          for (const value of [...sqlAll, '%', '_', '__proto__', '1;DROP TABLE offers']) {
            const separator = path.includes('?') ? '&' : '?';
            const { status, body } = await call(
              `${path}${separator}${name}=${encodeURIComponent(value)}`,
            );
            // Some are well-formed ids (`_`, `__proto__`): those find nothing.
            if (status === 200) {
              expect(body.items ?? body.contents, `${path} ${name}=${value}`).toEqual([]);
              continue;
            }
            expect(status, `${path} ${name}=${value}`).toBe(400);
            const named = fieldsOf(body).some(
              (field) => field === `query.${name}` || field.startsWith(`query.${name}.`),
            );
            expect(named, `${path} ${name}=${value}: ${fieldsOf(body).join(', ')}`).toBe(true);
          }
        }
      }
      expect(await contents()).toBe(before);
    });

    it('matches HSDS search and staff filters literally', async () => {
      for (const search of [...injectionStrings, ...sqlAll, ...operatorsOnly]) {
        const { status, body } = await call(
          `/hsds/services?search=${encodeURIComponent(search)}&per_page=50`,
        );
        if (status === 400) {
          expect(fieldsOf(body)).toEqual(['query.search']);
          continue;
        }
        expect(body.total_items, search).toBeLessThan(allServices);
        // HSDS search folds case, diacritics and punctuation alike on both sides, then
        // looks for the folded query as a substring.
        const needle = foldForSearch(search);
        for (const service of body.contents as { name: string; description?: string }[]) {
          const texts = [service.name, service.description ?? ''].map(foldForSearch);
          expect(
            texts.some((text) => text.includes(needle)),
            search,
          ).toBe(true);
        }
      }
      // The audit log's free-text filters compare exactly: a wildcard finds nothing.
      const everything = (await call('/v1/admin/audit?limit=1000')).body.items.length;
      expect(everything).toBeGreaterThan(0);
      for (const value of [...sqlAll, '%', '_', '.*', '*']) {
        for (const name of ['entityId', 'action']) {
          const { status, body } = await call(
            `/v1/admin/audit?${name}=${encodeURIComponent(value)}`,
          );
          expect(status).toBe(200);
          expect(body.items, `${name}=${value}`).toEqual([]);
        }
      }
      // Sign-in: SQL in either field signs nobody in.
      for (const [email, password] of [
        ["' OR 1=1 --", 'x'],
        ["admin1@example.org' --", 'x'],
        ['admin1@example.org', "' OR '1'='1"],
        ['%', '%'],
      ]) {
        requests++;
        const response = await api.request('/v1/admin/login', {
          method: 'POST',
          body: { email, password },
        });
        expect([401, 429]).toContain(response.status);
        expect(response.headers.get('set-cookie')).toBeNull();
        expect(await response.text()).not.toMatch(leak);
      }
      expect(await contents()).toBe(before);
    });

    it('ignores prototype-pollution keys and refuses JSON smuggled into fields', async () => {
      const bodies = [
        JSON.parse('{"profile": {"__proto__": {"polluted": 1}}}'),
        JSON.parse('{"__proto__": {"polluted": 1}, "profile": {}}'),
        { profile: { constructor: { prototype: { polluted: 1 } } } },
        { profile: {}, 'constructor.prototype.polluted': 1 },
        { profile: { age: '{"$gt": 0}' } },
        { profile: { needs: ['language", "work'] } },
      ];
      for (const body of bodies) {
        const { status, body: answer } = await call('/v1/route', { method: 'POST', body });
        if (status === 400)
          for (const field of fieldsOf(answer)) expect(field).toMatch(/^body\.[^.]+/);
        else expect(status).toBe(200);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
      const staff = [
        ['/v1/admin/tokens', JSON.parse('{"label": "x", "__proto__": {"role": "admin"}}')],
        [
          '/v1/admin/users',
          JSON.parse(
            '{"email": "p@example.org", "password": "a long enough password", "role": "editor", "__proto__": {"role": "admin"}}',
          ),
        ],
        [
          '/v1/admin/rule-sets',
          JSON.parse('{"ruleSet": {"__proto__": {"polluted": 1}}, "personas": []}'),
        ],
      ] as const;
      for (const [path, body] of staff) {
        const { status, body: answer } = await call(path, { method: 'POST', body });
        expect([400, 422], `${path}: ${JSON.stringify(answer)}`).toContain(status);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(({} as Record<string, unknown>).role).toBeUndefined();
      }
      expect(await contents()).toBe(before);
    });
  });
}
