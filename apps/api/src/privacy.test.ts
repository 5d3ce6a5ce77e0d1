import { createDatabase, type Database } from '@ankommen/db';
import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { rawData } from '@ankommen/data-karlsruhe';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/faults/processes.js';

// Privacy under real use: a thousand Wegweiser requests, each with profile answers no one else
// gives, sent to the built API server in its own process (normal logging, planning counts on),
// must leave no trace of those answers in the database (every row of every table, and for the
// embedded database every byte of its files), in the process's output, or in the planning
// counts. A control value written through a legitimate staff write must be found, so that a
// search that finds nothing is known to be able to find something.

const server = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const cli = fileURLToPath(new URL('../bin/ankommen-api.js', import.meta.url));
const clock = '2026-11-25T09:00:00Z';
const requests = 1_000;

/** One run's own mark: every free-text answer carries it, so one scan finds any of them. */
const runTag = `Zq${Math.random().toString(36).slice(2, 8)}`;
const place = (i: number) => `${runTag}W${String(i).padStart(4, '0')}x`;
const placePattern = new RegExp(`${runTag}W(\\d{4})x`, 'g');
/** Arrival dates no one gives: one a day from 1 January 1931, unique per request. */
const arrival = (i: number) => new Date(Date.UTC(1931, 0, 1 + i)).toISOString().slice(0, 10);
const arrivalPattern = /193[1-3]-\d\d-\d\d/g;
/** Children's ages as a sequence unique per request, framed by 27 and 28, 29. */
const children = (i: number) => [27, i % 30, Math.floor(i / 30) % 30, Math.floor(i / 900), 28, 29];
const childrenPattern = /27,\s*(\d+),\s*(\d+),\s*(\d+),\s*28,\s*29/g;
/** ISO 3166 codes reserved for private use: no country has them. */
const nationalities = 'MNOPQRSTUVWXYZ'.split('').map((letter) => `Q${letter}`);
const nationalityPattern = /\bQ[M-Z]\b/g;
/** The control: an offer title staff write, in the form of a profile answer (index 9999). */
const control = place(9999);

const p01 = rawData.personas.find((persona) => persona.id === 'p01')!;

/** Request i's profile: p01, complete (so that it is counted), with the distinctive answers. */
function profileOf(i: number) {
  return {
    ...p01.profile,
    wohnsitzauflage: false,
    wants_to_move_to: 'karlsruhe_district',
    prior_work_in_germany: false,
    municipality: place(i),
    arrival_date: arrival(i),
    children: children(i),
    nationality: nationalities[i % nationalities.length],
    age: 100 + (i % 20),
    months_in_germany: 1_200 + (i % 300),
  };
}

/**
 * The thousand requests, in the ways the Wegweiser is asked: the HTTP server's fast path, the
 * app's full view, the next questions, and requests the API refuses (an age out of range,
 * broken JSON), whose answers go through the error handling.
 */
function wegweiserRequest(i: number): { path: string; body: string; status: number } {
  const profile = profileOf(i);
  const lang = ['de', 'ar', 'uk', 'tr', 'fa'][i % 5]!;
  switch (i % 10) {
    case 6:
      return { path: '/v1/route?view=full', body: JSON.stringify({ profile, lang }), status: 200 };
    case 7:
    case 8:
      return {
        path: '/v1/route/questions',
        body: JSON.stringify({ answers: profile, lang }),
        status: 200,
      };
    case 9:
      return i % 20 === 9
        ? {
            path: '/v1/route',
            body: JSON.stringify({ profile: { ...profile, age: 150 } }),
            status: 400,
          }
        : { path: '/v1/route', body: JSON.stringify({ profile, lang }).slice(0, -2), status: 400 };
    default:
      return { path: '/v1/route', body: JSON.stringify({ profile, lang }), status: 200 };
  }
}

/** The distinctive answers found in a text: request indexes, by the field that carried them. */
function findDistinctive(text: string) {
  const sent = (i: number) => Number.isInteger(i) && i >= 0 && i < requests;
  const found = {
    municipality: new Set<number>(),
    arrival_date: new Set<number>(),
    children: new Set<number>(),
    nationality: new Set<string>(),
  };
  for (const [, index] of text.matchAll(placePattern)) found.municipality.add(Number(index));
  const firstDay = Date.UTC(1931, 0, 1);
  for (const [date] of text.matchAll(arrivalPattern)) {
    const i = (Date.parse(`${date}T00:00:00Z`) - firstDay) / 86_400_000;
    if (sent(i) && arrival(i) === date) found.arrival_date.add(i);
  }
  for (const [, a, b, c] of text.matchAll(childrenPattern)) {
    const i = Number(a) + 30 * Number(b) + 900 * Number(c);
    if (sent(i) && Number(a) < 30 && Number(b) < 30) found.children.add(i);
  }
  for (const [code] of text.matchAll(nationalityPattern)) found.nationality.add(code);
  return found;
}

/** How many distinct answers of each field a text holds: all zero where nothing leaked. */
const leaks = (text: string) =>
  Object.fromEntries(
    Object.entries(findDistinctive(text)).map(([field, found]) => [field, found.size]),
  );
const none = { municipality: 0, arrival_date: 0, children: 0, nationality: 0 };

/** Every row of every table, as PostgreSQL writes a row as text. */
async function dumpTables(database: Database) {
  const rowsOf = async (query: string) =>
    ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const tables = await rowsOf(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const texts: string[] = [];
  const rowCounts: Record<string, number> = {};
  for (const { schema, name } of tables) {
    const rows = await rowsOf(`select t::text as row from "${String(schema)}"."${String(name)}" t`);
    rowCounts[`${String(schema)}.${String(name)}`] = rows.length;
    for (const { row } of rows) texts.push(String(row));
  }
  return { text: texts.join('\n'), rowCounts };
}

/** Every file under a directory, read as bytes (latin1 keeps each byte one character). */
async function rawFiles(directory: string) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const contents = await Promise.all(
    files.map((file) => readFile(join(file.parentPath, file.name))),
  );
  return {
    files: files.length,
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    text: contents.map((content) => content.toString('latin1')).join('\n'),
  };
}

/** Runs the built server as production does; resolves once it is ready, with its output. */
function startServer(env: Record<string, string>) {
  const output: string[] = [];
  const child = fork(server, [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const ready = new Promise<ChildProcess>((resolve, reject) => {
    child.once('message', (message) => (message === 'ready' ? resolve(child) : reject(message)));
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code}: ${output.join('')}`)),
    );
  });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ready,
    output: () => output.join(''),
    /** A graceful stop (SIGTERM), as a deployment does: planning counts are written first. */
    stop: () => (child.kill('SIGTERM'), stopped),
  };
}

describe('finding the distinctive answers', () => {
  it('finds each one in the forms a leak would take: JSON, a Node log line, a SQL array', () => {
    const profiles = Array.from({ length: requests }, (_, i) => profileOf(i));
    for (const text of [
      JSON.stringify(profiles),
      inspect(profiles, { depth: null, maxArrayLength: null, breakLength: 60 }),
      profiles
        .map((p) => `(${p.municipality},${p.arrival_date},"{${p.children}}",${p.nationality})`)
        .join('\n'),
    ]) {
      const found = findDistinctive(text);
      expect(found.municipality.size).toBe(requests);
      expect(found.arrival_date.size).toBe(requests);
      expect(found.children.size).toBe(requests);
      expect(found.nationality.size).toBe(nationalities.length);
    }
    expect(findDistinctive(`a title: ${control}`).municipality).toEqual(new Set([9999]));
  });
});

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`no profile answer is kept [${backend}]`, () => {
    let target: TestTarget;
    let output = '';
    let insights = '';
    const statuses: number[] = [];
    beforeAll(async () => {
      target = await createTarget(backend, { persistent: true });
      const databaseEnv = {
        DATA_DIR: target.options.dataDir ?? '',
        DATABASE_URL: target.options.databaseUrl ?? '',
      };
      const password = 'a long passphrase for the privacy test';
      const created = spawnSync(
        process.execPath,
        [cli, 'create-admin', '--email', 'admin@example.org'],
        {
          env: { ...process.env, ...databaseEnv, ANKOMMEN_ADMIN_PASSWORD: password },
          encoding: 'utf8',
        },
      );
      if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);

      const port = await freePort();
      const api = startServer({
        ...databaseEnv,
        API_PORT: String(port),
        API_HOST: '127.0.0.1',
        CLOCK: clock,
        USAGE_COUNTS: 'on',
        ROUTE_RATE_LIMIT: '100000',
      });
      try {
        await api.ready;
        const origin = `http://127.0.0.1:${port}`;
        const post = (path: string, body: string, headers: Record<string, string> = {}) =>
          fetch(`${origin}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body,
          });

        // The control: a staff write through the API, as an editor does it.
        const login = await post(
          '/v1/admin/login',
          JSON.stringify({ email: 'admin@example.org', password }),
        );
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
        const offer = rawData.offers.find((o) => o.id === 'awo-migrationsberatung-mbe')!;
        const write = await post(
          '/v1/admin/offers',
          JSON.stringify({
            value: {
              ...offer,
              id: 'privacy-control',
              title: { de: { text: `Kontrolle ${control}`, status: 'source' } },
            },
          }),
          { cookie },
        );
        expect(write.status, await write.clone().text()).toBe(201);

        // A thousand Wegweiser requests, 25 at a time.
        for (let start = 0; start < requests; start += 25) {
          const batch = Array.from({ length: 25 }, (_, k) => wegweiserRequest(start + k));
          const answers = await Promise.all(batch.map(({ path, body }) => post(path, body)));
          for (const answer of answers) await answer.arrayBuffer();
          statuses.push(...answers.map((answer) => answer.status));
        }
        const report = await fetch(`${origin}/v1/admin/insights`, { headers: { cookie } });
        insights = await report.text();
      } finally {
        await api.stop();
        output = api.output();
      }
    }, 180_000);
    afterAll(() => target?.dispose());

    it('answered every request as the API should', () => {
      expect(statuses).toEqual(
        Array.from({ length: requests }, (_, i) => wegweiserRequest(i).status),
      );
    });

    it('logged nothing of the answers; the output was captured', () => {
      // The start-up lines on standard output and standard error prove both were read.
      expect(output).toMatch(/Ankommen API on http:\/\/localhost:\d+/);
      expect(output).toContain('The clock is fixed at');
      expect(leaks(output)).toEqual(none);
    });

    it('counted plans for planning, and nothing of the answers', async () => {
      const counts = JSON.parse(insights) as { completions: { total: { count: number } } };
      expect(counts.completions.total.count).toBeGreaterThanOrEqual(5);
      expect(leaks(insights)).toEqual(none);
    });

    it('stored nothing of the answers in any table, and the control where it was written', async () => {
      const database = await createDatabase(target.options);
      let dump: Awaited<ReturnType<typeof dumpTables>>;
      try {
        dump = await dumpTables(database);
      } finally {
        await database.close();
      }
      // The control is there: a value stored is found. Nothing else is.
      const withoutControl = dump.text.replaceAll(control, '');
      expect(dump.text).toContain(control);
      expect(leaks(withoutControl)).toEqual(none);
      expect(dump.rowCounts['public.usage_counts']).toBeGreaterThan(0);
      console.info(
        `privacy [${backend}]: ${requests} requests, ${Object.keys(dump.rowCounts).length} tables, ` +
          `${Object.values(dump.rowCounts).reduce((a, b) => a + b, 0)} rows, ` +
          `${Buffer.byteLength(dump.text)} bytes of rows as text`,
      );
    });

    // PostgreSQL's files are the server's; the embedded database's are ours to read.
    if (backend === 'pglite')
      it('left nothing of the answers in the database files', async () => {
        const raw = await rawFiles(target.options.dataDir!);
        // The control is in the files: a value stored is found there. Two-letter codes are not
        // searched in bytes (any binary holds such pairs); the rows' text above covers them.
        const withoutControl = raw.text.replaceAll(control, '');
        expect(raw.text).toContain(control);
        expect({ ...leaks(withoutControl), nationality: 0 }).toEqual(none);
        console.info(`privacy [pglite]: ${raw.files} files, ${raw.bytes} bytes scanned`);
      });
  });
}
