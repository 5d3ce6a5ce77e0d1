/**
 * Two API processes on one PostgreSQL: a publish on one is served by the other within a
 * second; a PostgreSQL restart is reported by /health while it lasts, public reads go on from
 * the read model meanwhile, and both processes recover by themselves, LISTEN included.
 *
 * The restart needs a server of its own: a private cluster in a temporary directory (the
 * machine's shared PostgreSQL serves other suites at the same time).
 */
import { rawData } from '@ankommen/data-karlsruhe';
import { inCi } from '@ankommen/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../../src/testing/harness.js';
import { postgresBinaries, startCluster, type Cluster } from './cluster.js';
import {
  assertBuilt,
  call,
  createAdmin,
  freePort,
  signIn,
  startApi,
  waitFor,
  type ApiProcess,
} from './processes.js';

assertBuilt();
const bin = postgresBinaries();

/** Liveness bound for a publish to reach the other process. */
const propagationBoundMs = 1_000;

const template = rawData.offers.find((o) => o.id === 'awo-migrationsberatung-mbe') as Record<
  string,
  unknown
>;
const offerValue = (id: string, title: string) => ({
  ...template,
  id,
  title: { de: { text: title, status: 'source' } },
});

const suite = bin || inCi ? describe : describe.skip;
if (!bin && !inCi) {
  console.warn(
    'skipping the PostgreSQL restart tests: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql; CI fails here)',
  );
}

suite('two API processes on one PostgreSQL, and a PostgreSQL restart', () => {
  let cluster: Cluster | undefined;
  let a: ApiProcess;
  let b: ApiProcess;
  let cookie = '';
  const id = 'zwei-prozesse';
  let version = 0;

  beforeAll(async () => {
    if (!bin) throw new Error('PostgreSQL binaries are missing (/usr/lib/postgresql/*/bin)');
    cluster = await startCluster(bin, await freePort());
    const client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    await client.query('create database ankommen');
    await client.end();
    const storage = { databaseUrl: cluster.url('ankommen') };
    await createAdmin(storage, 'zwei@example.org');
    // One after the other: the first migrates and seeds (the second would wait on the lock).
    a = await startApi(storage);
    b = await startApi(storage);
    cookie = await signIn(a.origin, 'zwei@example.org');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await cluster?.dispose();
  });

  /** Publishes a new title of the offer on process A (creating it the first time). */
  const publishOnA = async (title: string) => {
    if (version === 0) {
      const created = await call(a.origin, 'POST', '/v1/admin/offers', {
        cookie,
        body: { value: offerValue(id, title) },
      });
      expect(created.status).toBe(201);
      version = created.body.version as number;
    } else {
      const updated = await call(a.origin, 'PUT', `/v1/admin/offers/${id}`, {
        cookie,
        body: { value: offerValue(id, title) },
        headers: { 'if-match': `"v${version}"` },
      });
      expect(updated.status).toBe(200);
      version = updated.body.version as number;
    }
    const published = await call(a.origin, 'POST', `/v1/admin/offers/${id}/publish`, {
      cookie,
      body: { version },
    });
    expect(published.status).toBe(200);
    version = published.body.version as number;
    // A rebuilt its read model before it answered.
    expect((await call(a.origin, 'GET', `/v1/offers/${id}?lang=de`)).body.title.text).toBe(title);
  };

  /** Polls B's public API until it shows the title; returns how long that took. */
  const seenOnB = async (title: string, timeoutMs: number) =>
    (
      await waitFor(
        `process B serves "${title}"`,
        async () => {
          const shown = await call(b.origin, 'GET', `/v1/offers/${id}?lang=de`);
          return shown.status === 200 && shown.body.title.text === title ? true : undefined;
        },
        { timeoutMs, intervalMs: 10 },
      )
    ).ms;

  const health = async (api: ApiProcess) => {
    const answer = await call(api.origin, 'GET', '/health');
    return answer as { status: number; body: { database: { ok: boolean; listening?: boolean } } };
  };

  it('serves a publish on one process from the other within a second', async () => {
    const delays: number[] = [];
    for (const title of ['Zwei Prozesse, erste Fassung', 'Zwei Prozesse, zweite Fassung']) {
      await publishOnA(title);
      delays.push(await seenOnB(title, propagationBoundMs));
    }
    console.log(
      `[processes] publish on A served by B after ${delays.map((d) => d.toFixed(0)).join(' ms, ')} ms`,
    );
  });

  it('reports a PostgreSQL restart on /health, serves public reads meanwhile, and recovers by itself', async () => {
    const shownBefore = await call(b.origin, 'GET', `/v1/offers/${id}?lang=de`);
    expect(shownBefore.status).toBe(200);

    const stoppedAt = performance.now();
    await cluster!.stop('fast');
    const detected = await Promise.all(
      [a, b].map((api) =>
        waitFor(
          'health reports the outage',
          async () => {
            const answer = await health(api);
            return answer.status === 503 && answer.body.database.ok === false ? answer : undefined;
          },
          { timeoutMs: 15_000 },
        ),
      ),
    );
    const detectedMs = performance.now() - stoppedAt;

    // Public reads are answered from the read model while the database is away: the cached
    // answer, a list, a search, and the Wegweiser.
    for (const api of [a, b]) {
      const offer = await call(api.origin, 'GET', `/v1/offers/${id}?lang=de`);
      expect(offer.status).toBe(200);
      expect(offer.body.title.text).toBe(shownBefore.body.title.text);
      expect((await call(api.origin, 'GET', '/v1/offers?lang=en&q=Sprache')).status).toBe(200);
      expect((await call(api.origin, 'GET', '/v1/agencies?lang=de')).status).toBe(200);
      const route = await call(api.origin, 'POST', '/v1/route', {
        body: { profile: rawData.personas[0]!.profile, date: '2026-11-25' },
      });
      expect(route.status).toBe(200);
    }
    // A staff write fails cleanly: a problem saying the service is unavailable, not a crash.
    const refused = await call(a.origin, 'PUT', `/v1/admin/offers/${id}`, {
      cookie,
      body: { value: offerValue(id, 'Während des Ausfalls') },
      headers: { 'if-match': `"v${version}"` },
    });
    expect(refused.status).toBe(503);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    // Signing in during the outage is an outage too, not a wrong password (and no lock).
    const signInDuringOutage = await call(a.origin, 'POST', '/v1/admin/login', {
      body: { email: 'zwei@example.org', password: testPassword },
    });
    expect(signInDuringOutage.status).toBe(503);

    // Keep the database away for 4 s, so that the LISTEN connection has failed several retries
    // (at most 1 s apart): a publish right after the restart may fall into the gap before B
    // listens again (logged below; the listener's own reconnect is tested in @ankommen/db).
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, 4_000 - (performance.now() - stoppedAt))),
    );
    const restartedAt = performance.now();
    await cluster!.start();
    const recovered = await Promise.all(
      [a, b].map((api) =>
        waitFor(
          'health is ok again',
          async () => ((await health(api)).status === 200 ? true : undefined),
          { timeoutMs: 30_000 },
        ),
      ),
    );
    const recoveredMs = performance.now() - restartedAt;
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();

    // A publish right after the database is back reaches B even if B's LISTEN is still
    // reconnecting (it rebuilds once it listens again), within the reconnect backoff.
    const listeningAtPublish = (await health(b)).body.database.listening;
    await publishOnA('Nach dem Neustart, sofort');
    const immediateMs = await seenOnB('Nach dem Neustart, sofort', 5_000);
    const relisten = await waitFor(
      'B listens again',
      async () => ((await health(b)).body.database.listening === true ? true : undefined),
      { timeoutMs: 15_000 },
    );
    await publishOnA('Nach dem Neustart');
    const afterMs = await seenOnB('Nach dem Neustart', propagationBoundMs);
    console.log(
      `[processes] PostgreSQL stopped: /health 503 on both after ${detectedMs.toFixed(0)} ms ` +
        `(A ${detected[0]!.ms.toFixed(0)} ms, B ${detected[1]!.ms.toFixed(0)} ms); ` +
        `started: /health 200 on both after ${recoveredMs.toFixed(0)} ms ` +
        `(A ${recovered[0]!.ms.toFixed(0)} ms, B ${recovered[1]!.ms.toFixed(0)} ms); ` +
        `publish right after recovery (B listening then: ${listeningAtPublish}) on B after ${immediateMs.toFixed(0)} ms; ` +
        `B listening again ${relisten.ms.toFixed(0)} ms later; next publish on B after ${afterMs.toFixed(0)} ms`,
    );
  });
});
