/**
 * Optimistic concurrency under contention, through real HTTP: many editors change one offer
 * with the same expected version. Exactly one wins each version; the others get 409
 * problem+json with the current version; the audit log holds exactly the accepted changes,
 * each with the state before and after.
 */
import { rawData } from '@ankommen/data-karlsruhe';
import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../src/testing/harness.js';
import { call, type Answer } from './processes.js';

const clients = 50;

const template = rawData.offers.find((o) => o.id === 'awo-migrationsberatung-mbe') as Record<
  string,
  unknown
>;
const offerValue = (id: string, text: string) => ({
  ...template,
  id,
  summary: {
    de: { text, status: 'source' },
    en: { text: `${text} (en)`, status: 'source' },
  },
});

interface AuditEntry {
  action: string;
  version: number;
  before: { value: { summary: { de: { text: string } } } } | null;
  after: { value: { summary: { de: { text: string } } } };
}

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`${clients} concurrent updates of one offer [${backend}]`, () => {
    let target: TestTarget | undefined;
    let api: TestApi | undefined;
    let cookie = '';
    beforeAll(async () => {
      target = await createTarget(backend);
      api = await startTestApi(target.options);
      cookie = await api.signIn('editor');
    });
    afterAll(async () => {
      await api?.close();
      await target?.dispose();
    });

    /** A staff call through real HTTP. */
    const staff = (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> => call(api!.origin, method, path, { cookie, body, headers });

    const put = (id: string, version: number, text: string): Promise<Answer> =>
      staff(
        'PUT',
        `/v1/admin/offers/${id}`,
        { value: offerValue(id, text) },
        {
          'if-match': `"v${version}"`,
        },
      );

    const create = async (id: string): Promise<number> => {
      const created = await staff('POST', '/v1/admin/offers', { value: offerValue(id, 'Anfang') });
      expect(created.status).toBe(201);
      return created.body.version as number;
    };

    const auditOf = async (id: string): Promise<AuditEntry[]> => {
      const audit = await staff('GET', `/v1/admin/audit?entityType=offer&entityId=${id}`);
      expect(audit.status).toBe(200);
      return (audit.body.items as AuditEntry[]).sort((a, b) => a.version - b.version);
    };

    /** Every loser got a problem+json 409 that names the version that won. */
    const expectConflicts = (losers: Answer[], currentVersion: number) => {
      for (const loser of losers) {
        expect(loser.status).toBe(409);
        expect(loser.contentType).toMatch(/^application\/problem\+json/);
        expect(loser.body.currentVersion).toBe(currentVersion);
      }
    };

    it('lets exactly one of them win; the rest get 409; the audit log has the one change', async () => {
      const id = `race-once-${backend}`;
      const start = await create(id);
      const answers = await Promise.all(
        Array.from({ length: clients }, (_, i) => put(id, start, `Fassung ${i}`)),
      );
      const winners = answers.filter((a) => a.status === 200);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      expect(winner.body.version).toBe(start + 1);
      expectConflicts(
        answers.filter((a) => a !== winner),
        start + 1,
      );

      const stored = await staff('GET', `/v1/admin/offers/${id}`);
      expect(stored.body.version).toBe(start + 1);
      expect(stored.body.value.summary).toEqual(winner.body.value.summary);

      const entries = await auditOf(id);
      expect(entries.map((e) => [e.action, e.version])).toEqual([
        ['create', 1],
        ['update', 2],
      ]);
      expect(entries[1]!.before!.value.summary.de.text).toBe('Anfang');
      expect(entries[1]!.after.value.summary.de.text).toBe(winner.body.value.summary.de.text);
      console.log(
        `[concurrency ${backend}] one step: ${winners.length} winner, ${answers.length - winners.length} × 409`,
      );
    });

    it('lets clients that retry with the new version win one step each, each step once', async () => {
      const id = `race-steps-${backend}`;
      let version = await create(id);
      const rounds = 10;
      let waiting = Array.from({ length: clients }, (_, i) => i);
      const won: { client: number; version: number; text: string }[] = [];
      let conflicts = 0;
      for (let round = 0; round < rounds; round++) {
        const answers = await Promise.all(
          waiting.map((client) => put(id, version, `Client ${client}, Runde ${round}`)),
        );
        const winners = answers.flatMap((a, i) =>
          a.status === 200 ? [{ a, client: waiting[i]! }] : [],
        );
        expect(winners, `round ${round}`).toHaveLength(1);
        const { a: winner, client } = winners[0]!;
        expect(winner.body.version).toBe(version + 1);
        const losers = answers.filter((a) => a !== winner);
        expectConflicts(losers, version + 1);
        conflicts += losers.length;
        won.push({ client, version: version + 1, text: winner.body.value.summary.de.text });
        // The losers read the current version from the 409 and try again.
        version = losers[0]?.body.currentVersion ?? version + 1;
        waiting = waiting.filter((c) => c !== client);
      }
      expect(new Set(won.map((w) => w.client)).size).toBe(rounds);

      // One audit entry per accepted change, chained: each one's before is the last one's after.
      const entries = (await auditOf(id)).filter((e) => e.action === 'update');
      expect(entries.map((e) => e.version)).toEqual(won.map((w) => w.version));
      let previous = 'Anfang';
      for (const [i, entry] of entries.entries()) {
        expect(entry.before!.value.summary.de.text).toBe(previous);
        expect(entry.after.value.summary.de.text).toBe(won[i]!.text);
        previous = won[i]!.text;
      }
      const stored = await staff('GET', `/v1/admin/offers/${id}`);
      expect(stored.body.version).toBe(version);
      expect(stored.body.value.summary.de.text).toBe(previous);
      console.log(
        `[concurrency ${backend}] ${rounds} steps: ${won.length} winners (one each), ${conflicts} × 409 over ${won.length + conflicts} requests`,
      );
    });
  });
}
