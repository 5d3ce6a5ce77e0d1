/**
 * A crash in the middle of staff writes: the built API runs as a child process, a burst of
 * concurrent writes goes to it through HTTP, and SIGKILL ends it while writes are in flight.
 * After a restart on the same data, every acknowledged write must be there whole, and every
 * write that was in flight must be there whole or not at all.
 */
import { rawData } from '@ankommen/data-karlsruhe';
import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { afterAll, expect, it } from 'vitest';
import {
  assertBuilt,
  call,
  createAdmin,
  signIn,
  startApi,
  type ApiProcess,
  type Storage,
} from './processes.js';

assertBuilt();

const offerWorkers = 8;
/** Acknowledged writes after which the process is killed (the burst is still going). */
const killAfter = 40;

/** The texts one write sets; German and English together, so a half-done write shows. */
interface Texts {
  title: string;
  summary: string;
}

const template = rawData.offers.find((o) => o.id === 'awo-migrationsberatung-mbe') as Record<
  string,
  unknown
>;

function offerValue(id: string, texts: Texts) {
  return {
    ...template,
    id,
    title: {
      de: { text: texts.title, status: 'source' },
      en: { text: `${texts.title} (en)`, status: 'source' },
    },
    summary: {
      de: { text: texts.summary, status: 'source' },
      en: { text: `${texts.summary} (en)`, status: 'source' },
    },
  };
}

/** What the stored working copy says, in the shape of `Texts`, or why it is not whole. */
function textsOf(value: {
  title?: Record<string, { text: string }>;
  summary?: Record<string, { text: string }>;
}): Texts {
  const title = value.title?.['de']?.text ?? '(no German title)';
  const summary = value.summary?.['de']?.text ?? '(no German summary)';
  // Translations live in rows of their own: a write that lost them would show here.
  expect(value.title?.['en']?.text).toBe(`${title} (en)`);
  expect(value.summary?.['en']?.text).toBe(`${summary} (en)`);
  return { title, summary };
}

interface OfferLog {
  id: string;
  /** Acknowledged writes: the version each produced and the texts it set. */
  acknowledged: { version: number; texts: Texts; published: boolean }[];
  /** A write sent but not answered when the process died. */
  inFlight?: { version: number; texts: Texts; published: boolean };
}

interface RuleSetLog {
  drafts: number[];
  published: number[];
  inFlight?: { action: 'draft' } | { action: 'publish'; version: number };
}

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`a SIGKILL during a burst of staff writes [${backend}]`, () => {
    let target: TestTarget | undefined;
    let api: ApiProcess | undefined;
    afterAll(async () => {
      await api?.stop();
      await target?.dispose();
    });

    it('keeps every acknowledged write whole after a restart, and nothing half done', async () => {
      target = await createTarget(backend, { persistent: true });
      const storage: Storage = target.options.databaseUrl
        ? { databaseUrl: target.options.databaseUrl }
        : { dataDir: target.options.dataDir! };
      const email = `crash-${backend}@example.org`;
      await createAdmin(storage, email);
      api = await startApi(storage);
      const first = api;
      const cookie = await signIn(first.origin, email);

      let acknowledged = 0;
      let killed = false;
      const acknowledge = () => {
        acknowledged += 1;
        if (acknowledged >= killAfter && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      };

      /** One editor: creates an offer, publishes it, then keeps changing it. */
      const offerWorker = async (w: number): Promise<OfferLog> => {
        const log: OfferLog = { id: `crash-${backend}-${w}`, acknowledged: [] };
        let version = 0;
        for (let step = 0; !killed; step++) {
          const texts = {
            title: `Angebot ${w}, Stand ${step}`,
            summary: `Zusammenfassung ${w}.${step}`,
          };
          const publishing = step === 1;
          const write =
            step === 0
              ? () =>
                  call(first.origin, 'POST', '/v1/admin/offers', {
                    cookie,
                    body: { value: offerValue(log.id, texts) },
                  })
              : publishing
                ? () =>
                    call(first.origin, 'POST', `/v1/admin/offers/${log.id}/publish`, {
                      cookie,
                      body: { version },
                    })
                : () =>
                    call(first.origin, 'PUT', `/v1/admin/offers/${log.id}`, {
                      cookie,
                      body: { value: offerValue(log.id, texts) },
                      headers: { 'if-match': `"v${version}"` },
                    });
          // Publishing keeps the texts of the step before.
          const written = publishing ? log.acknowledged[0]!.texts : texts;
          log.inFlight = { version: version + 1, texts: written, published: publishing };
          let answer;
          try {
            answer = await write();
          } catch {
            return log; // the process died with this write in flight
          }
          if (answer.status >= 300) throw new Error(`write failed: ${JSON.stringify(answer.body)}`);
          log.inFlight = undefined;
          version = answer.body.version as number;
          expect(version).toBe(log.acknowledged.length + 1);
          log.acknowledged.push({ version, texts: written, published: publishing });
          acknowledge();
        }
        return log;
      };

      /** One reviewer: saves rule-set drafts and publishes them. */
      const ruleSetWorker = async (): Promise<RuleSetLog> => {
        const log: RuleSetLog = { drafts: [], published: [] };
        while (!killed) {
          try {
            log.inFlight = { action: 'draft' };
            const draft = await call(first.origin, 'POST', '/v1/admin/rule-sets', {
              cookie,
              body: { ruleSet: rawData.rules, personas: rawData.personas, note: 'crash test' },
            });
            if (draft.status !== 201) throw new Error(JSON.stringify(draft.body));
            log.drafts.push(draft.body.version as number);
            acknowledge();
            log.inFlight = { action: 'publish', version: draft.body.version as number };
            const published = await call(
              first.origin,
              'POST',
              `/v1/admin/rule-sets/${draft.body.version}/publish`,
              { cookie },
            );
            if (published.status !== 200) throw new Error(JSON.stringify(published.body));
            log.published.push(draft.body.version as number);
            log.inFlight = undefined;
            acknowledge();
          } catch (error) {
            if (killed) return log;
            throw error;
          }
        }
        return log;
      };

      const [ruleSetLog, ...offerLogs] = await Promise.all([
        ruleSetWorker(),
        ...Array.from({ length: offerWorkers }, (_, w) => offerWorker(w)),
      ]);
      const { signal } = await first.exited;
      expect(signal).toBe('SIGKILL');
      const inFlight =
        offerLogs.filter((log) => log.inFlight).length + (ruleSetLog!.inFlight ? 1 : 0);

      // The same data, a new process.
      api = await startApi(storage);
      const second = api;
      // The session was acknowledged too: it outlives the crash.
      const admin = (method: string, path: string) => call(second.origin, method, path, { cookie });

      let committedInFlight = 0;
      for (const log of offerLogs) {
        const last = log.acknowledged.at(-1);
        const record = await admin('GET', `/v1/admin/offers/${log.id}`);
        if (!last) {
          // Only the create was sent: it is there whole, or not at all.
          if (record.status === 404) continue;
        }
        expect(record.status, `${log.id} must survive`).toBe(200);
        const version = record.body.version as number;
        // The acknowledged version, or the one in flight, which then committed whole.
        const expected = version === (last?.version ?? 0) + 1 && log.inFlight ? log.inFlight : last;
        expect(
          expected,
          `${log.id} is at v${version}, acknowledged v${last?.version}`,
        ).toBeDefined();
        expect(version).toBe(expected!.version);
        if (expected === log.inFlight) committedInFlight += 1;
        expect(textsOf(record.body.value)).toEqual(expected!.texts);

        // The public copy is the one published at step 1, if that happened.
        const writes = [...log.acknowledged, ...(expected === log.inFlight ? [log.inFlight!] : [])];
        const publish = writes.find((write) => write.published);
        if (publish) {
          expect(textsOf(record.body.published)).toEqual(publish.texts);
          const shown = await call(second.origin, 'GET', `/v1/offers/${log.id}?lang=en`);
          expect(shown.status).toBe(200);
          expect(shown.body.title.text).toBe(`${publish.texts.title} (en)`);
        } else {
          expect(record.body.published).toBeNull();
        }

        // The audit log has exactly one entry per version, each with the state it made.
        const audit = await admin('GET', `/v1/admin/audit?entityType=offer&entityId=${log.id}`);
        const entries = [
          ...(audit.body.items as { version: number; after: { value: never } }[]),
        ].sort((a, b) => a.version - b.version);
        expect(entries.map((e) => e.version)).toEqual(
          Array.from({ length: version }, (_, i) => i + 1),
        );
        for (const [i, entry] of entries.entries()) {
          expect(textsOf(entry.after.value)).toEqual(writes[i]!.texts);
        }
      }

      // Rule sets: every acknowledged draft and publish is there; one version is published;
      // the publish audit entries chain from one published version to the next.
      const listed = await admin('GET', '/v1/admin/rule-sets');
      const versions = listed.body.items as {
        version: number;
        status: string;
        publishedAt: string | null;
      }[];
      for (const draft of ruleSetLog!.drafts) {
        expect(versions.some((v) => v.version === draft)).toBe(true);
      }
      for (const published of ruleSetLog!.published) {
        expect(versions.find((v) => v.version === published)?.publishedAt).not.toBeNull();
      }
      expect(versions.filter((v) => v.status === 'published')).toHaveLength(1);
      const publishAudit = await admin(
        'GET',
        '/v1/admin/audit?entityType=rule_set&action=publish&limit=1000',
      );
      const publishes = (
        publishAudit.body.items as { version: number; after: { superseded: number | null } }[]
      ).sort((a, b) => a.version - b.version);
      const everPublished = versions
        .filter((v) => v.publishedAt !== null && v.version !== 1)
        .map((v) => v.version)
        .sort((a, b) => a - b);
      expect(publishes.map((p) => p.version)).toEqual(everPublished);
      let current = 1; // the seeded rule set
      for (const publish of publishes) {
        expect(publish.after.superseded).toBe(current);
        current = publish.version;
      }
      expect(versions.find((v) => v.status === 'published')?.version).toBe(current);
      const drafts = await admin(
        'GET',
        '/v1/admin/audit?entityType=rule_set&action=create&limit=1000',
      );
      expect(drafts.body.items).toHaveLength(versions.length - 1);

      const writesAcknowledged =
        offerLogs.reduce((sum, log) => sum + log.acknowledged.length, 0) +
        ruleSetLog!.drafts.length +
        ruleSetLog!.published.length;
      console.log(
        `[crash ${backend}] acknowledged before SIGKILL: ${writesAcknowledged} ` +
          `(offers ${writesAcknowledged - ruleSetLog!.drafts.length - ruleSetLog!.published.length}, ` +
          `rule-set drafts ${ruleSetLog!.drafts.length}, publishes ${ruleSetLog!.published.length}); ` +
          `in flight ${inFlight}, of which committed whole ${committedInFlight} (offers); all verified after restart`,
      );
      expect(writesAcknowledged).toBeGreaterThanOrEqual(killAfter);
    }, 180_000);
  });
}
