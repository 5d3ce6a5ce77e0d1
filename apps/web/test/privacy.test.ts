import { rawData } from '@ankommen/data-karlsruhe';
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@ankommen/sveltekit-config/process';
import { testClock } from '../scripts/system.js';

// The site's Wegweiser posts a newcomer's answers to its own server, which asks the API. After
// many such pages with answers no one else gives, neither server's output nor the API's
// database files hold any of them (the API's own test, apps/api/src/privacy.test.ts, also
// dumps every table). A control value written by staff is found in the files, so the search
// is known to find what is there.

const require = createRequire(import.meta.url);
const apiPackage = dirname(require.resolve('@ankommen/api/package.json'));
const webServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'server.js');
const pages = 200;

const runTag = `Zq${Math.random().toString(36).slice(2, 8)}`;
const place = (i: number) => `${runTag}W${String(i).padStart(4, '0')}x`;
const arrival = (i: number) => new Date(Date.UTC(1931, 0, 1 + i)).toISOString().slice(0, 10);
const children = (i: number) => [27, i % 30, Math.floor(i / 30) % 30, 28, 29];
const control = place(9999);

/** How many of the pages' answers a text holds, by field: one scan of the text per field. */
function findDistinctive(text: string) {
  const sent = {
    arrival_date: new Set(Array.from({ length: pages }, (_, i) => arrival(i))),
    children: new Set(Array.from({ length: pages }, (_, i) => children(i).join(','))),
  };
  const found = {
    municipality: new Set<string>(),
    arrival_date: new Set<string>(),
    children: new Set<string>(),
  };
  for (const [, index] of text.matchAll(new RegExp(`${runTag}W(\\d{4})x`, 'g')))
    if (Number(index) < pages) found.municipality.add(index!);
  for (const [date] of text.matchAll(/193[1-3]-\d\d-\d\d/g))
    if (sent.arrival_date.has(date)) found.arrival_date.add(date);
  for (const [, a, b] of text.matchAll(/27,\s*(\d+),\s*(\d+),\s*28,\s*29/g))
    if (sent.children.has(`27,${a},${b},28,29`)) found.children.add(`${a},${b}`);
  return Object.fromEntries(Object.entries(found).map(([field, values]) => [field, values.size]));
}
const none = { municipality: 0, arrival_date: 0, children: 0 };

const p01 = rawData.personas.find((persona) => persona.id === 'p01')!;
/** The answers page i carries: p01, complete, with answers no one else gives. */
const answersOf = (i: number) => ({
  ...p01.profile,
  wohnsitzauflage: false,
  wants_to_move_to: 'karlsruhe_district',
  prior_work_in_germany: false,
  arrival_date: arrival(i),
  children: children(i),
  nationality: 'QZ',
  age: 100 + (i % 20),
});

/** A built server of ours with its output kept; resolves once it says `ready`. */
function startServer(script: string, env: Record<string, string>) {
  let output = '';
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', (message) => (message === 'ready' ? resolve() : reject(message)));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
  return {
    ready,
    output: () => output,
    stop: () => (child.kill('SIGTERM'), stopped),
  };
}

it('finds every answer given, in JSON and as a log line would show it', () => {
  const given = Array.from({ length: pages }, (_, i) => ({
    ...answersOf(i),
    municipality: place(i),
  }));
  const all = { municipality: pages, arrival_date: pages, children: pages };
  expect(findDistinctive(JSON.stringify(given))).toEqual(all);
  expect(findDistinctive(inspect(given, { depth: null, maxArrayLength: null }))).toEqual(all);
});

describe("the site's Wegweiser keeps no answer", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-site-privacy-'));
  let apiOutput = '';
  let webOutput = '';
  const statuses: number[] = [];
  const plans: boolean[] = [];
  let databaseFiles = '';
  let bytes = 0;

  beforeAll(async () => {
    const password = 'a long passphrase for the privacy test';
    const created = spawnSync(
      process.execPath,
      [join(apiPackage, 'bin', 'ankommen-api.js'), 'create-admin', '--email', 'admin@example.org'],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          ANKOMMEN_ADMIN_PASSWORD: password,
        },
        encoding: 'utf8',
      },
    );
    if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);
    const apiPort = await freePort();
    const webPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const siteUrl = `http://127.0.0.1:${webPort}`;
    const api = startServer(join(apiPackage, 'dist', 'server.js'), {
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      CLOCK: testClock,
      USAGE_COUNTS: 'on',
      ROUTE_RATE_LIMIT: '100000',
    });
    await api.ready;
    const web = startServer(webServer, {
      WEB_PORT: String(webPort),
      WEB_HOST: '127.0.0.1',
      API_URL: apiUrl,
    });
    try {
      await web.ready;
      // The control: an offer title staff write through the API.
      const login = await fetch(`${apiUrl}/v1/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.org', password }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const offer = rawData.offers.find((o) => o.id === 'awo-migrationsberatung-mbe')!;
      const write = await fetch(`${apiUrl}/v1/admin/offers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          value: {
            ...offer,
            id: 'privacy-control',
            title: { de: { text: control, status: 'source' } },
          },
        }),
      });
      expect(write.status).toBe(201);

      // Page i: the newcomer answers the municipality, with every other answer given before.
      const answer = async (i: number) => {
        const answers = answersOf(i);
        const form = new URLSearchParams({
          intent: 'answer',
          field: 'municipality',
          value: place(i),
          answers: JSON.stringify(answers),
          skipped: '[]',
          history: JSON.stringify(Object.keys(answers)),
        });
        const response = await fetch(`${siteUrl}/${['de', 'ar', 'uk', 'fa'][i % 4]}/guide`, {
          method: 'POST',
          // As a browser without JavaScript posts the form: the answer is the rendered page.
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'text/html',
            origin: siteUrl,
          },
          body: form,
        });
        statuses.push(response.status);
        plans.push(/<ol class="steps[\s"]/.test(await response.text()));
      };
      for (let start = 0; start < pages; start += 10)
        await Promise.all(Array.from({ length: 10 }, (_, k) => answer(start + k)));
    } finally {
      await web.stop();
      await api.stop();
      apiOutput = api.output();
      webOutput = web.output();
    }
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((entry) => entry.isFile())) {
      const content = await readFile(join(file.parentPath, file.name));
      bytes += content.length;
      databaseFiles += content.toString('latin1');
    }
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('showed a plan on every page', () => {
    expect(statuses).toEqual(Array.from({ length: pages }, () => 200));
    expect(plans.filter(Boolean)).toHaveLength(pages);
  });

  it("left nothing in the site's or the API's output", () => {
    expect(webOutput).toContain('Ankommen site on');
    expect(apiOutput).toContain('Ankommen API on');
    expect(findDistinctive(webOutput)).toEqual(none);
    expect(findDistinctive(apiOutput)).toEqual(none);
    expect(webOutput + apiOutput).not.toMatch(/\bQZ\b/);
  });

  it("left nothing in the API's database files, where the control is found", () => {
    expect(databaseFiles).toContain(control);
    expect(findDistinctive(databaseFiles.replaceAll(control, ''))).toEqual(none);
    console.info(`site privacy: ${pages} pages, ${bytes} bytes of database files scanned`);
  });
});
