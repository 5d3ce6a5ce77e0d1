import { rawData } from '@ankommen/data-karlsruhe';
import { BackupError, createDatabase } from '@ankommen/db';
import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { validateDocument } from '@ankommen/hsds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHsds, type HsdsExport } from './hsds-export.js';
import { importHsds, prepareHsdsImport } from './hsds-import.js';
import { answerOf, differences, publicRequests } from './testing/compare.js';
import { startTestApi, testNow, type TestApi } from './testing/harness.js';

// Every persona's Wegweiser is asked for several times; the limit is not under test here.
const config = { ROUTE_RATE_LIMIT: '100000' };

type Json = Record<string, any>;

async function call(api: TestApi, cookie: string, method: string, path: string, body?: unknown) {
  const response = await api.request(path, { method, body, headers: { cookie } });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as Json;
}

const editedOffer = 'zebefi-beratung-integrationskurse';
const draftOffer = 'partner-draft-for-hsds';

/**
 * Staff work on offers (the rule set stays the seed's, as an HSDS import restores it): an
 * edited and republished offer with a machine translation (its English text now outdated),
 * an archived offer, and a partner's draft. Returns the archived offer's id.
 */
async function changeOffersLikeStaff(api: TestApi): Promise<string> {
  const editor = await api.signIn('editor', { email: 'editor@example.org' });
  const partner = await api.signIn('partner', {
    email: 'partner@example.org',
    partnerAgencyId: 'awo-karlsruhe-migrationszentrum',
  });
  const path = `/v1/admin/offers/${editedOffer}`;
  const current = await call(api, editor, 'GET', path);
  const value = current['value'];
  value.title = {
    ...value.title,
    de: { text: 'Beratung zu Integrationskursen (geändert)', status: 'source' },
    fr: { text: 'Conseil sur les cours d’intégration', status: 'machine' },
  };
  const saved = await call(api, editor, 'PUT', path, { value, version: current['version'] });
  await call(api, editor, 'POST', `${path}/publish`, { version: saved['version'] });

  const offers = await call(api, editor, 'GET', '/v1/admin/offers?status=published');
  const archived = String(offers['items'].find((item: Json) => item['id'] !== editedOffer)['id']);
  const toArchive = await call(api, editor, 'GET', `/v1/admin/offers/${archived}`);
  await call(api, editor, 'POST', `/v1/admin/offers/${archived}/archive`, {
    version: toArchive['version'],
    comment: 'no longer offered',
  });
  const draft = structuredClone(rawData.offers as Json[]).find(
    (offer) => offer['providerId'] === 'awo-karlsruhe-migrationszentrum',
  )!;
  draft['id'] = draftOffer;
  // A language only this draft is in: not published, so no HSDS dataset of its own.
  draft['title'] = { ...draft['title'], ti: { text: 'ምኽሪ ንኮርስ ምውህሃድ', status: 'machine' } };
  await call(api, partner, 'POST', '/v1/admin/offers', { value: draft });
  return archived;
}

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`HSDS export and import [${backend}]`, () => {
    const targets: TestTarget[] = [];
    let source: TestApi;
    let restored: TestApi;
    let file: HsdsExport;
    let archived: string;

    beforeAll(async () => {
      // PGlite on disk: the imported database is opened again by the second API.
      for (let i = 0; i < 2; i++) targets.push(await createTarget(backend, { persistent: true }));
      source = await startTestApi(targets[0]!.options, config);
      archived = await changeOffersLikeStaff(source);
      // Through text, as the file on disk would be.
      file = JSON.parse(JSON.stringify(await exportHsds(source.system.database, testNow)));
      const empty = await createDatabase(targets[1]!.options);
      try {
        await importHsds(empty, prepareHsdsImport(file, rawData), { now: testNow });
      } finally {
        await empty.close();
      }
      restored = await startTestApi(targets[1]!.options, config);
    }, 120_000);

    afterAll(async () => {
      await source?.close();
      await restored?.close();
      for (const target of targets) await target.dispose();
    });

    it('is valid HSDS 3.0 in every language and carries our ids and records in standard fields', () => {
      const langs = Object.keys(file.languages);
      expect(langs).toEqual(
        expect.arrayContaining(['ar', 'de', 'en', 'fa', 'fr', 'ru', 'tr', 'uk']),
      );
      expect(langs).not.toContain('ti');
      for (const lang of langs)
        expect(validateDocument(file.languages[lang], 'dataset')).toEqual([]);
      const de = file.languages['de']!;
      const service = de.services.find((s) => s.name.includes('(geändert)'))!;
      const record = service.attributes.find((a) => a.link_type === 'ankommen_record')!;
      const offer = JSON.parse(record.value!);
      expect(offer.id).toBe(editedOffer);
      // The review state of every text travels with the record.
      expect(offer.title.fr).toEqual({
        text: 'Conseil sur les cours d’intégration',
        status: 'machine',
      });
      const agencyIds = de.organizations.flatMap((o) =>
        o.organization_identifiers
          .filter((i) => i.identifier_scheme === 'ankommen')
          .map((i) => i.identifier),
      );
      expect(agencyIds).toHaveLength(46);
      expect(de.services.map((s) => JSON.parse(s.attributes.at(-1)!.value!).id)).not.toContain(
        archived,
      );
      expect(JSON.stringify(file)).not.toContain(draftOffer);
    });

    it('answers every /hsds request in every language of the file, and every /v1 request on carried data, byte for byte', async () => {
      const requests = await publicRequests(
        source,
        { offers: [archived, draftOffer] },
        { hsdsLangs: Object.keys(file.languages), allTerms: true },
      );
      expect(requests.length).toBeGreaterThan(3000);
      const some = await Promise.all(requests.slice(0, 3).map((r) => answerOf(restored, r)));
      expect(some.map((answer) => answer.status)).toEqual([200, 200, 200]);
      const found = await differences(source, restored, requests);
      expect(found.map((difference) => difference.request)).toEqual([]);
      const edited = await answerOf(restored, { path: `/v1/offers/${editedOffer}?lang=de` });
      expect(edited.body).toContain('Beratung zu Integrationskursen (geändert)');
      expect((await answerOf(restored, { path: `/v1/offers/${archived}` })).status).toBe(404);
    }, 600_000);

    it('restores the published state only: the seed rule set, no draft, no archive', async () => {
      const database = restored.system.database;
      const snapshot = await database.snapshot();
      expect(snapshot.ruleSet).toEqual((await source.system.database.snapshot()).ruleSet);
      expect(snapshot.ruleSetVersion).toBe(1);
      expect(await database.offers.get(draftOffer)).toBeUndefined();
      expect(await database.offers.get(archived)).toBeUndefined();
      const edited = await database.offers.get(editedOffer);
      expect(edited).toMatchObject({ status: 'published', version: 1 });
      // Exporting the imported database gives the same file.
      const again = await exportHsds(database, testNow);
      expect(JSON.parse(JSON.stringify(again))).toEqual(file);
    });

    it('refuses a database that is not empty', async () => {
      const plan = prepareHsdsImport(file, rawData);
      await expect(importHsds(restored.system.database, plan)).rejects.toMatchObject({
        code: 'not_empty',
      });
    });
  });
}

describe('prepareHsdsImport', () => {
  let file: HsdsExport;
  beforeAll(async () => {
    const api = await startTestApi();
    try {
      file = JSON.parse(JSON.stringify(await exportHsds(api.system.database, testNow)));
    } finally {
      await api.close();
    }
  }, 60_000);

  const refusal = (value: unknown) => {
    try {
      prepareHsdsImport(value, rawData);
    } catch (error) {
      expect(error).toBeInstanceOf(BackupError);
      return error as BackupError;
    }
    throw new Error('accepted');
  };

  it('refuses an HSDS field changed without its record, naming it', () => {
    const changed = structuredClone(file);
    changed.languages['fr']!.services[4]!.name = 'Autre nom';
    expect(refusal(changed).issues).toEqual([
      { path: 'languages.fr.services.4.name', message: expect.stringMatching(/carried/) },
    ]);
  });

  it('refuses a record changed in one language only', () => {
    const changed = structuredClone(file);
    const attribute = changed.languages['en']!.services[0]!.attributes.at(-1)!;
    attribute.value = JSON.stringify({ ...JSON.parse(attribute.value!), cost: 'free' });
    expect(refusal(changed).issues.map((issue) => issue.path)).toContain('languages.en');
  });

  it('refuses a service without its record, invalid HSDS, another city, and the old version', () => {
    const bare = structuredClone(file);
    bare.languages['de']!.services[2]!.attributes.pop();
    expect(refusal(bare).issues).toContainEqual({
      path: 'languages.de.services.2.attributes',
      message: 'the service carries no Ankommen record',
    });
    const bad = structuredClone(file) as Json;
    bad['languages']['de']['services'][0]['status'] = 'open';
    expect(refusal(bad).issues.map((issue) => issue.path)).toEqual([
      'languages.de.services.0.status',
    ]);
    expect(refusal({ ...file, city: 'mannheim' }).issues).toEqual([
      { path: 'city', message: expect.stringMatching(/karlsruhe/) },
    ]);
    expect(refusal({ ...file, version: 1 }).issues.map((issue) => issue.path)).toEqual(['version']);
  });
});
