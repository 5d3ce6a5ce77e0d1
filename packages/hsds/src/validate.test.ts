import { karlsruhe } from '@ankommen/data-karlsruhe';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { toHsds, type HsdsFeed } from './map.js';
import { apiRoot, paginate, toServiceListItem } from './query.js';
import { guessKind, kindOfPath, validateDocument } from './validate.js';

const data = karlsruhe();
const feed: HsdsFeed = toHsds({
  city: data.city,
  agencies: data.registry.agencies,
  offers: data.catalog.offers,
  lang: 'de',
  modified: '2026-11-25',
});

describe('kindOfPath', () => {
  it.each([
    ['/hsds', 'root'],
    ['/', 'root'],
    ['/hsds/services', 'services'],
    ['/hsds/services/0f0c2a3e-8e56-5d1a-9a44-9a0a6a2b7c11', 'service'],
    ['/hsds/taxonomies/x', 'taxonomy'],
    ['/hsds/taxonomy_terms', 'taxonomy_terms'],
    ['/v3/service_at_locations/x', 'service_at_location'],
  ])('%s is %s', (path, kind) => expect(kindOfPath(path)).toBe(kind));
});

describe('validateDocument', () => {
  it('accepts every object of the Karlsruhe feed, whole and as pages', () => {
    expect(validateDocument(feed, 'dataset')).toEqual([]);
    const page = paginate(feed.services.map(toServiceListItem), { page: 1, perPage: 10 });
    expect(validateDocument(page, 'services')).toEqual([]);
    expect(validateDocument(feed.services[0], 'service')).toEqual([]);
    expect(validateDocument(feed.organizations[0], 'organization')).toEqual([]);
  });

  it('names the path of each problem', () => {
    const broken = structuredClone(feed.services[0]!) as Record<string, unknown>;
    broken['status'] = 'open';
    delete broken['name'];
    const paths = validateDocument(broken, 'service').map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['status', 'name']));
  });

  it('reports a dataset that is not one', () => {
    expect(validateDocument([], 'dataset')).toEqual([
      { path: '', message: 'a dataset must be an object of arrays' },
    ]);
    expect(validateDocument({ services: 'none' }, 'dataset').map((i) => i.path)).toContain(
      'services',
    );
  });
});

describe('guessKind', () => {
  it('knows the root and datasets by their shape, and nothing else', () => {
    const root = apiRoot({ profile: feed.profile, openapiUrl: 'https://example.org/openapi.json' });
    expect(guessKind(root)).toBe('root');
    expect(guessKind({ services: [] })).toBe('dataset');
    expect(guessKind(feed.services[0])).toBeUndefined();
    expect(guessKind('text')).toBeUndefined();
  });
});

describe('ankommen-hsds validate', () => {
  let server: Server;
  let base: string;
  const lines: string[] = [];
  const out = {
    log: (line: string) => lines.push(line),
    error: (line: string) => lines.push(line),
  };
  const requests: string[] = [];

  beforeAll(async () => {
    // A small HSDS API: the root, and a list of services in pages of 50.
    server = createServer((request, response) => {
      const url = new URL(request.url!, 'http://localhost');
      requests.push(url.pathname + url.search);
      const page = Number(url.searchParams.get('page') ?? 1);
      const perPage = Number(url.searchParams.get('per_page') ?? 50);
      const bodies: Record<string, unknown> = {
        '/hsds': apiRoot({ profile: feed.profile, openapiUrl: 'https://example.org/openapi.json' }),
        '/hsds/services': paginate(feed.services.map(toServiceListItem), { page, perPage }),
        '/hsds/organizations': paginate(feed.organizations, { page, perPage }),
        '/hsds/service_at_locations': paginate(feed.serviceAtLocations, { page, perPage }),
        '/hsds/taxonomies': paginate(feed.taxonomies, { page, perPage }),
        // A broken list, to be found by the crawl.
        '/hsds/taxonomy_terms': { contents: [{ id: 'not-a-uuid' }] },
      };
      const body = bodies[url.pathname];
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body ?? { status: 404 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('validates files, with their kind guessed or given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hsds-cli-'));
    writeFileSync(join(dir, 'feed.json'), JSON.stringify(feed));
    writeFileSync(join(dir, 'service.json'), JSON.stringify({ ...feed.services[0], name: '' }));
    lines.length = 0;
    expect(await runCli(['validate', join(dir, 'feed.json')], out)).toBe(0);
    expect(lines[0]).toMatch(/^valid .*feed\.json \(dataset\)$/);

    lines.length = 0;
    expect(await runCli(['validate', join(dir, 'service.json')], out)).toBe(2);
    expect(lines[0]).toMatch(/give --kind/);

    lines.length = 0;
    expect(await runCli(['validate', '--kind', 'service', join(dir, 'service.json')], out)).toBe(1);
    expect(lines).toContain('  name: Too small: expected string to have >=1 characters');
  });

  it('crawls an API from its root, page by page, and reports the broken list', async () => {
    lines.length = 0;
    requests.length = 0;
    const code = await runCli(['validate', '--crawl', '--json', `${base}/hsds`], out);
    expect(code).toBe(1);
    const report = JSON.parse(lines.join('\n')) as {
      valid: boolean;
      documents: { source: string; kind: string; issues: unknown[] }[];
    };
    const invalid = report.documents.filter((document) => document.issues.length > 0);
    expect(invalid.map((document) => document.kind)).toEqual(['taxonomy_terms']);
    // 88 offers at 50 a page: two pages of services were fetched.
    const servicePages = requests.filter((path) => path.startsWith('/hsds/services'));
    expect(servicePages.length).toBe(Math.ceil(feed.services.length / 50));
  });

  it('says clearly what is wrong with its input', async () => {
    for (const [args, message] of [
      [['validate', '/no/such/file.json'], /cannot be read \(ENOENT\)/],
      [['validate', `${base}/nothing`], /answered 404/],
      [['validate', '--kind', 'things', 'x.json'], /--kind must be one of/],
      [['check'], /unknown command check/],
    ] as const) {
      lines.length = 0;
      expect(await runCli([...args], out)).toBe(2);
      expect(lines.join('\n')).toMatch(message);
    }
  });
});
