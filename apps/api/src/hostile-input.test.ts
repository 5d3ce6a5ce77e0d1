import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';
import { permissions } from './routes/admin/index.js';
import { startTestApi, type TestApi } from './testing/harness.js';
import {
  encodeLoose,
  hostileJson,
  hostileKey,
  hostileString,
  unicodeEdges,
} from './testing/hostile.js';

/**
 * Property-based fuzzing of every route in the OpenAPI document (and the few routes outside
 * it): random, malformed, oversized, wrongly typed and odd-unicode path parameters, query
 * strings and bodies, as an admin and now and then anonymously. Properties:
 *  - never a 5xx;
 *  - every 4xx is application/problem+json with `type`, `title` and the answer's `status`;
 *  - a 400, and a 422 of type `validation`, names the field at fault: a non-empty `errors`
 *    array whose every `field` is `body`, `query`, `path` or `header`, followed by a name the
 *    request sent or the route documents (so `query.page`, `body.value.title.de.text`, but
 *    never a field the client cannot find in its own request);
 *  - an anonymous request to a staff route (but the sign-in) is a 401 problem.
 * The endpoints come from the OpenAPI document and the app's route table, so a new route is
 * fuzzed at once; a route whose body no generator here can make fails the suite.
 * FUZZ_SEED and FUZZ_RUNS reproduce or widen a run.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261125);
const runsPerEndpoint = Number(process.env.FUZZ_RUNS ?? 32);

/** Routes served outside the OpenAPI document: health check and the documentation itself. */
const undocumented = [
  'GET /health',
  'GET /openapi.json',
  'GET /docs',
  'GET /docs/assets/init.js',
  'GET /docs/assets/{name}',
];
/** Endpoints whose every call is slow by design (password hashing, persona tests). */
const slow = new Set([
  'POST /v1/admin/login',
  'POST /v1/admin/users',
  'PATCH /v1/admin/users/{id}',
  'POST /v1/admin/rule-sets',
  'POST /v1/admin/rule-sets/{version}/check',
  'POST /v1/admin/rule-sets/{version}/publish',
  'POST /v1/admin/rule-sets/{version}/restore',
]);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: JsonSchema;
}
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  default?: unknown;
}
interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  bodyType?: string;
  bodyFields: string[];
}

/** Every operation of the OpenAPI document, and the undocumented routes with their path names. */
function operations(): Operation[] {
  const document = openApiDocument() as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Parameter[];
          requestBody?: { content: Record<string, { schema?: JsonSchema }> };
        }
      >
    >;
  };
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const [bodyType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      found.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        ...(bodyType ? { bodyType } : {}),
        bodyFields: Object.keys(body?.schema?.properties ?? {}),
      });
    }
  }
  for (const key of undocumented) {
    const [method, path] = key.split(' ') as [string, string];
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    found.push({
      key,
      method,
      path,
      parameters: names.map((name) => ({ name, in: 'path' })),
      bodyFields: [],
    });
  }
  return found;
}

/** What one fuzz case sends. */
interface Sent {
  path: string;
  query: string;
  body?: string;
  contentType?: string;
  anonymous: boolean;
  names: { path: string[]; query: string[]; body: string[] };
}

/** Real values the API knows, so that generated requests reach past the 404s. */
interface Known {
  offer: { id: string; version: number; value: Record<string, unknown> };
  agency: { id: string; version: number; value: Record<string, unknown> };
  ruleSet: { ruleSet: unknown; personas: unknown[] };
  xliff: string;
  hsds: Record<string, string[]>;
  userId: string;
}

const topLevelKeys = (value: unknown) =>
  value && typeof value === 'object' ? Object.keys(value) : [];

/** All paths into a JSON value (objects and arrays), the root included. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  out.push(prefix);
  if (prefix.length >= 8) return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

type Mutation = {
  at: number;
  kind: 'replace' | 'delete' | 'add' | 'taint';
  value: unknown;
  key: string;
  edge: string;
};

const valueAt = (node: unknown, path: (string | number)[]) =>
  path.reduce<any>((parent, step) => parent[step], node);

/**
 * A valid example changed in a few places: a value replaced or removed, an unknown key added,
 * or an odd character (NUL, a lone surrogate, a bidi override) put into one of its texts, which
 * keeps the body valid otherwise and so reaches the handler and the database.
 */
function mutated(example: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('replace', 'delete', 'add', 'taint', 'taint', 'taint'),
    value: fc.oneof(hostileString, hostileJson),
    key: hostileKey,
    edge: fc.constantFrom(...unicodeEdges),
  });
  return fc
    .tuple(example, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([base, mutations]) => {
      let root = structuredClone(base) as unknown;
      for (const { at, kind, value, key, edge } of mutations) {
        const paths =
          kind === 'taint'
            ? pathsOf(root).filter((path) => typeof valueAt(root, path) === 'string')
            : pathsOf(root);
        if (paths.length === 0) continue;
        const path = paths[at % paths.length]!;
        if (path.length === 0) {
          if (kind === 'replace') root = value;
          continue;
        }
        const parent = valueAt(root, path.slice(0, -1));
        const last = path[path.length - 1]!;
        if (kind === 'taint') {
          const text = parent[last] as string;
          const cut = at % (text.length + 1);
          parent[last] = `${text.slice(0, cut)}${edge}${text.slice(cut)}`;
        } else if (kind === 'replace') parent[last] = value;
        else if (kind === 'delete' && !Array.isArray(parent)) delete parent[last];
        else if (kind === 'add' && parent[last] && typeof parent[last] === 'object')
          // defineProperty: `__proto__` becomes an own key, as JSON.parse makes it.
          Object.defineProperty(parent[last], key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return root;
    });
}

/** Bodies that are not JSON, or too large, or nested too deep. */
const brokenBody = fc.constantFrom(
  '{"broken": ',
  '{"a":1} trailing',
  '[',
  '',
  'null',
  '\u0000',
  '\ufeff{}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"a":"${'x'.repeat(70 * 1024)}"}`,
);

const xmlBody = (known: Known) =>
  fc.oneof(
    fc
      .tuple(hostileString, fc.constantFrom('<target>', '<source>', 'trgLang="'))
      .map(([text, marker]) =>
        known.xliff.replace(marker, `${marker}${text.replace(/[<&"]/g, '')}`),
      ),
    hostileString,
    fc.constantFrom(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff>&e;</xliff>',
      `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from(
        { length: 6 },
        (_, i) =>
          `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`,
      ).join('')}]><xliff>&bbbbbb;</xliff>`,
      '<xliff version="2.0" srcLang="de" trgLang="en"><file id="offer:x"><unit id="title"><segment><target>x</target></segment></unit></file>',
      `<xliff>${'<file>'.repeat(3000)}`,
    ),
  );

/**
 * Stands for the record's version at the time of sending, so that writes get past the
 * version check (a fixed version would be stale after the first write, and every later
 * write a 409 that never reaches the database).
 */
const currentVersion = 999_999_937;

/** Valid bodies to start from, per operation; a JSON-body route missing here fails the suite. */
function examples(known: Known): Record<string, fc.Arbitrary<unknown>> {
  const workflow = fc.constant({ version: currentVersion, comment: 'geprüft' });
  const entity = (record: Known['offer']) => ({
    put: fc.constant({ value: record.value, version: currentVersion }),
    post: fc.nat().map((n) => ({ value: { ...record.value, id: `fuzz-${n}` } })),
  });
  const offer = entity(known.offer);
  const agency = entity(known.agency);
  const table: Record<string, fc.Arbitrary<unknown>> = {
    'POST /v1/route': fc.constant({
      profile: { age: 34, residence: 'karlsruhe_district', needs: ['language', 'work'] },
      lang: 'en',
    }),
    'POST /v1/route/questions': fc.constant({ answers: { age: 34 }, lang: 'ar' }),
    'POST /v1/admin/login': fc.constant({ email: 'nobody@example.org', password: 'x' }),
    'POST /v1/admin/tokens': fc.constant({ label: 'fuzz', days: 1 }),
    'POST /v1/admin/users': fc.nat().map((n) => ({
      email: `fuzz${n}@example.org`,
      password: 'a long enough password',
      role: 'editor',
      partnerAgencyId: null,
    })),
    'PATCH /v1/admin/users/{id}': fc.constant({ active: true, role: 'reviewer' }),
    'POST /v1/admin/offers': offer.post,
    'PUT /v1/admin/offers/{id}': offer.put,
    'POST /v1/admin/agencies': agency.post,
    'PUT /v1/admin/agencies/{id}': agency.put,
    'POST /v1/admin/rule-sets': fc.constant({ ...known.ruleSet, note: 'fuzz' }),
  };
  for (const kind of ['offers', 'agencies'])
    for (const action of ['submit', 'approve', 'reject', 'publish', 'archive'])
      table[`POST /v1/admin/${kind}/{id}/${action}`] = workflow;
  return table;
}

/** Values for a documented parameter: ones its schema allows or real ids, and hostile strings. */
function parameterValues(
  op: Operation,
  parameter: Parameter,
  known: Known,
): { valid?: fc.Arbitrary<string>; any: fc.Arbitrary<string> } {
  const schema = parameter.schema ?? {};
  const variants = [schema, ...(schema.anyOf ?? [])];
  const fitting: fc.Arbitrary<string>[] = [];
  for (const variant of variants) {
    if (variant.enum) fitting.push(fc.constantFrom(...variant.enum.map(String)));
    if (variant.type === 'integer' || variant.type === 'number')
      fitting.push(
        fc
          .integer({ min: variant.minimum ?? 0, max: Math.min(variant.maximum ?? 50, 50) })
          .map(String),
      );
  }
  const real: Record<string, string[]> = {
    lang: ['de', 'en', 'ar', 'uk'],
    near: ['49.0094,8.4044', '90,180', '-90.5,0'],
    radiusKm: ['0.5', '200'],
    version: ['1', '2'],
    name: ['init.js', 'swagger-ui.css'],
    q: ['Sprachkurs', 'deutsch', 'beratung'],
    search: ['Sprach', 'Beratung'],
    modified_after: ['2020-01-01T00:00:00Z', '2020-01-01'],
    from: ['2026-11', '2026-11-01'],
    to: ['2026-12', '2026-12-31T00:00:00Z'],
    entityId: [known.offer.id, known.agency.id],
    userId: [known.userId],
    taxonomy_term_id: known.hsds['taxonomy_terms'] ?? [],
    taxonomy_id: known.hsds['taxonomies'] ?? [],
    organization_id: known.hsds['organizations'] ?? [],
  };
  if (parameter.name === 'id') {
    const hsds = op.path.match(/^\/hsds\/(\w+)\//)?.[1];
    real['id'] = hsds
      ? (known.hsds[hsds] ?? [])
      : op.path.includes('/offers/')
        ? [known.offer.id]
        : op.path.includes('/agencies/')
          ? [known.agency.id]
          : op.path.includes('/users/')
            ? [known.userId]
            : [];
  }
  const values = real[parameter.name] ?? [];
  if (values.length > 0) fitting.push(fc.constantFrom(...values));
  if (fitting.length === 0) return { any: hostileString };
  const valid = fc.oneof(...fitting);
  return { valid, any: fc.oneof(valid, hostileString) };
}

/** The generator of one operation's requests, or undefined if this suite cannot make its body. */
function requests(op: Operation, known: Known): fc.Arbitrary<Sent> | undefined {
  const table = examples(known);
  let body: fc.Arbitrary<{ text: string; type: string } | undefined>;
  let cleanBody: fc.Arbitrary<{ text: string; type: string } | undefined> = fc.constant(undefined);
  if (op.bodyType === 'application/json') {
    const example = table[op.key];
    if (!example) return undefined;
    const asJson = (value: unknown) => ({
      text: JSON.stringify(value) ?? 'null',
      type: 'application/json',
    });
    cleanBody = example.map(asJson);
    body = fc.oneof(
      { arbitrary: mutated(example).map(asJson), weight: 6 },
      { arbitrary: hostileJson.map(asJson), weight: 2 },
      { arbitrary: brokenBody.map((text) => ({ text, type: 'application/json' })), weight: 1 },
    );
  } else if (op.key === 'POST /v1/admin/translations/xliff') {
    cleanBody = fc.constant({ text: known.xliff, type: 'application/xml' });
    body = fc
      .tuple(xmlBody(known), fc.constantFrom('application/xml', 'text/xml', 'text/plain'))
      .map(([text, type]) => ({ text, type }));
  } else if (op.bodyType) {
    return undefined;
  } else if (op.method === 'GET') {
    body = fc.constant(undefined);
  } else {
    // Routes without a body get one now and then all the same.
    body = fc
      .option(
        hostileJson.map((value) => ({
          text: JSON.stringify(value) ?? 'null',
          type: 'application/json',
        })),
        { freq: 4 },
      )
      .map((value) => value ?? undefined);
  }
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  // Each run is hostile in one place (or everywhere), valid elsewhere, so that it gets past
  // the checks before the place it aims at.
  const focus = fc.constantFrom('path', 'query', 'body', 'body', 'everywhere');
  const pathValues = fc.tuple(
    ...pathParams.map((p) => {
      const values = parameterValues(op, p, known);
      return fc.record({ clean: values.valid ?? values.any, hostile: values.any });
    }),
  );
  const documentedQuery = fc.tuple(
    ...queryParams.map((p) => {
      const values = parameterValues(op, p, known);
      return fc.record({
        clean: values.valid ? fc.option(values.valid, { freq: 2 }) : fc.constant(null),
        hostile: fc.option(values.any, { freq: 2 }),
      });
    }),
  );
  const extraQuery = fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 2 });
  const rawQuery = fc.option(
    fc.constantFrom('%', '%zz', 'a=%E0%A4%A', '&&==&', 'page[]=1&page=2'),
    {
      freq: 8,
    },
  );
  const staff = op.path.startsWith('/v1/admin');
  return fc
    .record({
      focus,
      pathValues,
      documentedQuery,
      extraQuery,
      rawQuery,
      hostileBody: body,
      cleanBody,
      anonymous: staff ? fc.integer({ min: 0, max: 7 }).map((n) => n === 0) : fc.constant(false),
    })
    .map(({ focus, pathValues, documentedQuery, hostileBody, cleanBody, anonymous, ...rest }) => {
      const hostile = (place: string) => focus === place || focus === 'everywhere';
      const extraQuery = hostile('query') ? rest.extraQuery : [];
      const rawQuery = hostile('query') ? rest.rawQuery : null;
      const body = hostile('body') ? hostileBody : cleanBody;
      let path = op.path;
      pathParams.forEach((p, i) => {
        const value = pathValues[i]![hostile('path') ? 'hostile' : 'clean'];
        path = path.replace(`{${p.name}}`, encodeLoose(value) || '%20');
      });
      const pairs: [string, string][] = [];
      queryParams.forEach((p, i) => {
        const value = documentedQuery[i]![hostile('query') ? 'hostile' : 'clean'];
        if (value !== null && value !== undefined) pairs.push([p.name, value]);
      });
      pairs.push(...extraQuery);
      const query = [
        ...pairs.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`),
        ...(rawQuery ? [rawQuery] : []),
      ].join('&');
      let bodyNames: string[] = body?.type.endsWith('xml') ? ['xliff'] : [];
      if (body && !body.type.endsWith('xml')) {
        try {
          bodyNames = topLevelKeys(JSON.parse(body.text));
        } catch {
          // Not JSON: the error names `body` itself.
        }
      }
      return {
        path,
        query,
        ...(body ? { body: body.text, contentType: body.type } : {}),
        anonymous,
        names: {
          path: pathParams.map((p) => p.name),
          query: [
            ...queryParams.map((p) => p.name),
            // A key that is not valid UTF-8 is named as it came, percent-encoded.
            ...pairs.flatMap(([k]) => [k, partlyDecoded(encodeLoose(k))]),
            ...(rawQuery ?? '').split('&').map((part) => decodedOrRaw(part.split('=')[0]!)),
          ],
          body: [...op.bodyFields, ...bodyNames],
        },
      };
    });
}

/** A key as the server reads it: each run of percent escapes decoded, or kept if not UTF-8. */
const partlyDecoded = (text: string) => text.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodedOrRaw);

function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const problemType = /^https:\/\/ankommen\.example\/problems\/[a-z-]+$/;

/** What is wrong with an answer, or undefined when it keeps every property above. */
function faultOf(op: Operation, sent: Sent, status: number, type: string, text: string) {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  // Refused before any route runs (too large), or else not signed in.
  if (sent.anonymous && op.key !== 'POST /v1/admin/login' && ![401, 413, 431].includes(status))
    return `anonymous call answered ${status}`;
  if (status < 400) return undefined;
  if (!type.startsWith('application/problem+json')) return `${status} as ${type}`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `${status}: the problem is not JSON: ${text.slice(0, 100)}`;
  }
  if (typeof problem.type !== 'string' || !problemType.test(problem.type))
    return `${status}: bad type ${String(problem.type)}`;
  if (typeof problem.title !== 'string' || problem.title === '') return `${status}: no title`;
  if (problem.status !== status) return `${status}: the problem says ${String(problem.status)}`;
  const mustNameField = status === 400 || (status === 422 && problem.type.endsWith('/validation'));
  if (!mustNameField) return undefined;
  const errors = problem.errors as { field?: unknown }[] | undefined;
  if (!Array.isArray(errors) || errors.length === 0) return `${status} without errors: ${text}`;
  for (const error of errors) {
    const field = String(error.field);
    const [root] = field.split('.');
    const names =
      root === 'path' || root === 'query' || root === 'body'
        ? sent.names[root]
        : root === 'header'
          ? ['if-match', 'content-type']
          : undefined;
    if (!names) return `${status} names no place in the request: ${field}`;
    const named =
      (root === 'body' && field === 'body') ||
      names.some((name) => field === `${root}.${name}` || field.startsWith(`${root}.${name}.`));
    if (!named) return `${status} names ${field}, which the request does not have`;
  }
  return undefined;
}

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`hostile input, fuzzed [${backend}]`, () => {
    let target: TestTarget;
    let api: TestApi;
    let known: Known;
    const cookies = { admin: '', logout: '' };
    const counts = new Map<string, Map<number, number>>();

    beforeAll(async () => {
      target = await createTarget(backend);
      api = await startTestApi(target.options, {
        ROUTE_RATE_LIMIT: '100000',
      });
      cookies.admin = await api.signIn('admin');
      cookies.logout = await api.signIn('editor');
      const victim = await api.signIn('reviewer');
      const get = async (path: string, cookie = cookies.admin) => {
        const response = await api.request(path, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        return response;
      };
      const first = async (path: string) =>
        ((await (await get(path)).json()) as { items: Known['offer'][] }).items[0]!;
      const offer = await first('/v1/admin/offers');
      const hsds: Known['hsds'] = {};
      for (const kind of [
        'services',
        'organizations',
        'service_at_locations',
        'taxonomies',
        'taxonomy_terms',
      ]) {
        const page = (await (await get(`/hsds/${kind}`)).json()) as { contents: { id: string }[] };
        hsds[kind] = page.contents.slice(0, 2).map((item) => item.id);
      }
      known = {
        offer,
        agency: await first('/v1/admin/agencies'),
        ruleSet: (await (await get('/v1/admin/rule-sets/1')).json()) as Known['ruleSet'],
        xliff: await (
          await get(`/v1/admin/translations/xliff?lang=en&entityType=offer&entityId=${offer.id}`)
        ).text(),
        hsds,
        userId: ((await (await get('/v1/admin/me', victim)).json()) as { user: { id: string } })
          .user.id,
      };
      const { ruleSet, personas } = known.ruleSet;
      known.ruleSet = { ruleSet, personas };
    }, 60_000);

    /** The body with the record's current version in place of the stand-in. */
    const withCurrentVersion = async (sent: Sent) => {
      const record = sent.path.match(/^\/v1\/admin\/(offers|agencies)\/([^/]+)/);
      if (!sent.body?.includes(String(currentVersion)) || !record) return sent.body;
      const response = await api.request(`/v1/admin/${record[1]}/${record[2]}`, {
        headers: { cookie: cookies.admin },
      });
      if (response.status !== 200) return sent.body;
      const { version } = (await response.json()) as { version: number };
      return sent.body.replaceAll(String(currentVersion), String(version));
    };

    afterAll(async () => {
      const total = [...counts.values()].reduce(
        (sum, byStatus) => sum + [...byStatus.values()].reduce((a, b) => a + b, 0),
        0,
      );
      const statuses = new Map<number, number>();
      for (const byStatus of counts.values())
        for (const [status, n] of byStatus) statuses.set(status, (statuses.get(status) ?? 0) + n);
      console.log(
        `fuzz [${backend}]: seed ${seed}, ${counts.size} endpoints, ${runsPerEndpoint} runs each ` +
          `(${Math.ceil(runsPerEndpoint / 3)} for slow ones), ${total} requests; statuses ` +
          JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b))),
      );
      await api?.close();
      await target?.dispose();
    });

    it('fuzzes every route of the app, each with a generator', () => {
      const all = operations();
      const keys = new Set(all.map((op) => op.key));
      const served = api.app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
      expect(served.filter((key) => !keys.has(key))).toEqual([]);
      expect(all.filter((op) => !requests(op, known)).map((op) => op.key)).toEqual([]);
      // The staff routes the access table lists are all among them.
      expect([...permissions.keys()].filter((key) => !keys.has(key))).toEqual([]);
    });

    it.each(operations().map((op) => [op.key, op] as const))(
      '%s: never a 5xx; every 4xx is a problem naming the field',
      async (_key, op) => {
        const arbitrary = requests(op, known);
        expect(arbitrary, `no generator for ${op.key}`).toBeDefined();
        const byStatus = new Map<number, number>();
        counts.set(op.key, byStatus);
        await fc.assert(
          fc.asyncProperty(arbitrary!, async (sent) => {
            const cookie = op.key === 'POST /v1/admin/logout' ? cookies.logout : cookies.admin;
            const headers: Record<string, string> = sent.anonymous ? {} : { cookie };
            if (sent.contentType) headers['content-type'] = sent.contentType;
            const url = `${sent.path}${sent.query ? `?${sent.query}` : ''}`;
            const body = await withCurrentVersion(sent);
            const response = await api.request(url, {
              method: op.method,
              headers,
              ...(body === undefined ? {} : { body }),
            });
            const text = await response.text();
            byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
            const fault = faultOf(
              op,
              sent,
              response.status,
              response.headers.get('content-type') ?? '',
              text,
            );
            if (fault) throw new Error(`${op.method} ${url}: ${fault}`);
          }),
          { seed, numRuns: slow.has(op.key) ? Math.ceil(runsPerEndpoint / 3) : runsPerEndpoint },
        );
      },
      60_000,
    );
  });
}
