import { rawData } from '@ankommen/data-karlsruhe';
import {
  BackupError,
  createDatabase,
  exportBackup,
  importBackup,
  seed,
  type Backup,
  type Database,
} from '@ankommen/db';
import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHsds } from './hsds-export.js';
import { answerOf, differences, publicRequests } from './testing/compare.js';
import { startTestApi, testNow, testPassword, type TestApi } from './testing/harness.js';

// Every persona's Wegweiser is asked for several times; the limit is not under test here.
const config = { ROUTE_RATE_LIMIT: '100000' };

type Json = Record<string, any>;

async function call(
  api: TestApi,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json; etag: string | null }> {
  const response = await api.request(path, { method, body, headers: { cookie } });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return { status: response.status, body: JSON.parse(text), etag: response.headers.get('etag') };
}

/** Signs in an existing account with the test password; the session cookie. */
async function login(api: TestApi, email: string): Promise<string> {
  const response = await api.request('/v1/admin/login', {
    method: 'POST',
    body: { email, password: testPassword },
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const editedOffer = 'zebefi-beratung-integrationskurse';

/**
 * Staff work that leaves the database unlike the seed: an edited and republished offer with
 * an added machine translation (its English text now outdated), an archived offer, a draft
 * offer of a partner, a new published rule-set version, and accounts of every role.
 */
async function changeLikeStaff(api: TestApi): Promise<{ archived: string }> {
  const admin = await api.signIn('admin', { email: 'admin@example.org' });
  const editor = await api.signIn('editor', { email: 'editor@example.org' });
  const reviewer = await api.signIn('reviewer', { email: 'reviewer@example.org' });
  const partner = await api.signIn('partner', {
    email: 'partner@example.org',
    partnerAgencyId: 'awo-karlsruhe-migrationszentrum',
  });

  const path = `/v1/admin/offers/${editedOffer}`;
  const current = await call(api, editor, 'GET', path);
  const value = current.body['value'];
  value.title = {
    ...value.title,
    de: { text: 'Beratung zu Integrationskursen (geändert)', status: 'source' },
    fr: { text: 'Conseil sur les cours d’intégration', status: 'machine' },
  };
  const saved = await call(api, editor, 'PUT', path, { value, version: current.body['version'] });
  await call(api, editor, 'POST', `${path}/publish`, { version: saved.body['version'] });

  const offers = await call(api, editor, 'GET', '/v1/admin/offers?status=published');
  const archived = String(
    offers.body['items'].find((item: Json) => item['id'] !== editedOffer)['id'],
  );
  const toArchive = await call(api, editor, 'GET', `/v1/admin/offers/${archived}`);
  await call(api, editor, 'POST', `/v1/admin/offers/${archived}/archive`, {
    version: toArchive.body['version'],
    comment: 'no longer offered',
  });

  const draft = structuredClone(rawData.offers as Json[]).find(
    (offer) => offer['providerId'] === 'awo-karlsruhe-migrationszentrum',
  )!;
  draft['id'] = 'partner-draft-for-backup';
  await call(api, partner, 'POST', '/v1/admin/offers', { value: draft });

  const ruleSet = { ...(rawData.rules as Json), version: '2026-11-25-staff' };
  const created = await call(api, editor, 'POST', '/v1/admin/rule-sets', {
    ruleSet,
    personas: rawData.personas,
    note: 'relabelled by staff',
  });
  await call(api, reviewer, 'POST', `/v1/admin/rule-sets/${created.body['version']}/publish`);
  await call(api, admin, 'GET', '/v1/admin/users');
  return { archived };
}

/** The staff views that must agree after a restore; the audit log up to the backup. */
async function staffViews(api: TestApi, cookie: string, lastAuditId: number) {
  const get = async (path: string) => (await call(api, cookie, 'GET', path)).body;
  const audit = (await get('/v1/admin/audit?limit=1000'))['items'] as Json[];
  return {
    offers: await get('/v1/admin/offers'),
    agencies: await get('/v1/admin/agencies'),
    edited: await get(`/v1/admin/offers/${editedOffer}`),
    draft: await get('/v1/admin/offers/partner-draft-for-backup'),
    ruleSets: await get('/v1/admin/rule-sets'),
    users: await get('/v1/admin/users'),
    translations: await get('/v1/admin/translations?lang=fr'),
    coverage: await get('/v1/admin/translations/coverage'),
    audit: audit.filter((entry) => entry['id'] <= lastAuditId),
  };
}

const withoutRestoreMarks = (backup: Backup) => ({
  ...backup,
  exportedAt: null,
  meta: backup.meta.filter((row) => row.key !== 'restored'),
});

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`backup and restore [${backend}]`, () => {
    const targets: TestTarget[] = [];
    let source: TestApi;
    let restored: TestApi;
    let backup: Backup;
    let archived: string;

    beforeAll(async () => {
      // PGlite on disk: the restored database is opened again by the second API.
      for (let i = 0; i < 2; i++) targets.push(await createTarget(backend, { persistent: true }));
      source = await startTestApi(targets[0]!.options, config);
      ({ archived } = await changeLikeStaff(source));
      backup = await exportBackup(source.system.database, { now: testNow });
      // Through text, as the file on disk would be.
      const empty = await createDatabase(targets[1]!.options);
      try {
        await importBackup(empty, JSON.parse(JSON.stringify(backup)));
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

    it('holds every kind of staff data, and no sessions', () => {
      expect(backup.format).toBe('ankommen-backup');
      expect(backup.version).toBe(1);
      expect(backup.offers.map((row) => row.status)).toEqual(
        expect.arrayContaining(['published', 'archived', 'draft']),
      );
      expect(backup.ruleSets.map((row) => row.status)).toEqual(['superseded', 'published']);
      expect(backup.users.map((row) => row.role).sort()).toEqual([
        'admin',
        'editor',
        'partner',
        'reviewer',
      ]);
      expect(backup.users.every((row) => row.passwordHash.startsWith('$argon2id$'))).toBe(true);
      expect(backup.translations).toContainEqual(
        expect.objectContaining({
          entityId: editedOffer,
          field: 'title',
          lang: 'fr',
          status: 'machine',
        }),
      );
      expect(backup.translations).toContainEqual(
        expect.objectContaining({
          entityId: editedOffer,
          field: 'title',
          lang: 'en',
          status: 'outdated',
        }),
      );
      expect(backup.auditLog.length).toBeGreaterThan(5);
      expect(Object.keys(backup)).not.toContain('sessions');
      expect(JSON.stringify(backup)).not.toMatch(/idHash|id_hash/);
    });

    it('restores the same rows: exporting the restored database gives the same file', async () => {
      const again = await exportBackup(restored.system.database, { now: testNow });
      expect(withoutRestoreMarks(again)).toEqual(withoutRestoreMarks(backup));
      expect(again.meta.find((row) => row.key === 'restored')?.value).toEqual({
        format: 'ankommen-backup',
        exportedAt: testNow.toISOString(),
      });
    });

    it('answers every public request byte for byte alike, ETags included', async () => {
      const requests = await publicRequests(source, {
        offers: [archived, 'partner-draft-for-backup'],
      });
      const answers = await Promise.all(requests.slice(0, 3).map((r) => answerOf(restored, r)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(requests.length).toBeGreaterThan(1000);
      const found = await differences(source, restored, requests);
      // The requests first, readable; then the answers of the first one.
      expect(found.map((difference) => difference.request)).toEqual([]);
      // The staff's changes are what both answer, not the seed.
      const edited = await answerOf(restored, { path: `/v1/offers/${editedOffer}?lang=de` });
      expect(edited.body).toContain('Beratung zu Integrationskursen (geändert)');
      expect((await answerOf(restored, { path: `/v1/offers/${archived}` })).status).toBe(404);
    });

    it('keeps the staff view: versions, review states, rule sets, users, translations, audit log', async () => {
      const lastAuditId = backup.auditLog.at(-1)!.id;
      // Signing in proves the password hashes came along; each side records one sign-in.
      const left = await staffViews(source, await login(source, 'admin@example.org'), lastAuditId);
      const right = await staffViews(
        restored,
        await login(restored, 'admin@example.org'),
        lastAuditId,
      );
      expect(right).toEqual(left);
      expect(right.audit).toHaveLength(backup.auditLog.length);
      expect(right.ruleSets['items'].length).toBe(2);
      // New writes continue the restored sequences instead of colliding with them.
      const editor = await login(restored, 'editor@example.org');
      const ruleSet = await call(restored, editor, 'POST', '/v1/admin/rule-sets', {
        ruleSet: rawData.rules,
        personas: rawData.personas,
      });
      expect(ruleSet.body['version']).toBe(3);
    });

    it('is not seeded on the next start, even from a data package with more in it', async () => {
      const extra = { ...structuredClone((rawData.offers as Json[])[0]!), id: 'new-in-package' };
      const result = await seed(restored.system.database, {
        ...rawData,
        offers: [...(rawData.offers as Json[]), extra],
      });
      expect(result).toEqual({ agencies: [], offers: [], ruleSetVersion: null, city: false });
      expect(await restored.system.database.offers.get('new-in-package')).toBeUndefined();
      expect((await restored.system.database.offers.get(archived))?.status).toBe('archived');
    });

    it('refuses a database that is not empty, and changes nothing', async () => {
      const before = await exportBackup(restored.system.database, { now: testNow });
      await expect(importBackup(restored.system.database, backup)).rejects.toMatchObject({
        code: 'not_empty',
        message: expect.stringMatching(/not empty \(agencies, offers,/),
      });
      expect(await exportBackup(restored.system.database, { now: testNow })).toEqual(before);
    });

    it('the HSDS export is what /hsds serves, and the same from the restored database', async () => {
      const [left, right] = [
        await exportHsds(source.system.database, testNow),
        await exportHsds(restored.system.database, testNow),
      ];
      expect(right).toEqual(left);
      expect(Object.keys(left.languages)).toEqual(
        expect.arrayContaining(['ar', 'de', 'en', 'fa', 'fr', 'ru', 'tr', 'uk']),
      );
      for (const lang of ['de', 'fr']) {
        const dataset = left.languages[lang]!;
        // The export adds our records and agency ids to what /hsds serves (ADR 0017).
        const ours = (attribute: { link_type?: string | undefined }) =>
          attribute.link_type === 'ankommen_record';
        for (const service of dataset.services) {
          const served = await answerOf(restored, {
            path: `/hsds/services/${service.id}?lang=${lang}`,
          });
          const attributes = service.attributes.filter((attribute) => !ours(attribute));
          expect(served.body).toBe(JSON.stringify({ ...service, attributes }));
        }
        const organizations = await answerOf(restored, {
          path: `/hsds/organizations?lang=${lang}&per_page=100`,
        });
        expect(JSON.parse(organizations.body).contents).toEqual(
          dataset.organizations.slice(0, 100).map(({ attributes, ...organization }) => ({
            ...organization,
            organization_identifiers: organization.organization_identifiers.filter(
              (identifier) => identifier.identifier_scheme !== 'ankommen',
            ),
            ...(attributes?.some((a) => !ours(a))
              ? { attributes: attributes.filter((a) => !ours(a)) }
              : {}),
          })),
        );
      }
      expect(left.languages['fr']!.services.map((s) => s.name)).toContain(
        'Conseil sur les cours d’intégration',
      );
    });
  });
}

describe('importBackup validation', () => {
  // One database for all: each test's import is refused, which leaves it empty; only the last
  // step of the rollback test fills it, and nothing here depends on it being empty before.
  let shared: Database;
  beforeAll(async () => {
    shared = await createDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => shared.close());

  const valid = (): Backup => ({
    format: 'ankommen-backup',
    version: 1,
    exportedAt: testNow.toISOString(),
    migration: '0001_usage_counts',
    agencies: [],
    offers: [],
    translations: [],
    locations: [],
    ruleSets: [],
    users: [],
    auditLog: [],
    usageCounts: [],
    meta: [],
  });

  it('names every bad field, and writes nothing', async () => {
    const database = shared;
    const file = valid() as Json;
    file['version'] = 2;
    file['users'] = [
      {
        id: 'not-a-uuid',
        email: 'a@example.org',
        passwordHash: 'x',
        role: 'owner',
        partnerAgencyId: null,
        active: true,
        createdAt: 'yesterday',
        updatedAt: testNow.toISOString(),
      },
    ];
    const error = await importBackup(database, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).code).toBe('invalid_file');
    expect((error as BackupError).issues.map((issue) => issue.path).sort()).toEqual([
      'users.0.createdAt',
      'users.0.id',
      'users.0.role',
      'version',
    ]);
    expect((error as Error).message).toMatch(/users\.0\.role/);
    expect(await database.users.list()).toEqual([]);
  });

  it('checks published offers against the domain schema', async () => {
    const database = shared;
    const file = valid();
    const offer = structuredClone((rawData.offers as Json[])[0]!);
    offer['category'] = 'no_such_category';
    file.offers.push({
      id: String(offer['id']),
      version: 1,
      status: 'published',
      data: {},
      published: offer as never,
      publishedAt: testNow.toISOString(),
      ownerAgencyId: null,
      createdAt: testNow.toISOString(),
      updatedAt: testNow.toISOString(),
      updatedBy: null,
    });
    await expect(importBackup(database, file)).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'offers.0.published.category' }),
      ]),
    });
  });

  it('rolls everything back when a row breaks a constraint of the database', async () => {
    const database = shared;
    const file = valid();
    file.translations.push({
      entityType: 'offer',
      entityId: 'some-offer',
      field: 'title',
      lang: 'de',
      text: 'Titel',
      status: 'source',
      sourceHash: null,
      updatedAt: testNow.toISOString(),
    });
    // users_email_lower_check refuses the upper-case address, after the translation went in.
    file.users.push({
      id: '00000000-0000-4000-8000-000000000001',
      email: 'Upper@Example.org',
      passwordHash: 'x',
      role: 'admin',
      partnerAgencyId: null,
      active: true,
      createdAt: testNow.toISOString(),
      updatedAt: testNow.toISOString(),
    });
    const error = (await importBackup(database, file).catch((e: unknown) => e)) as Error;
    expect(String(error.cause)).toMatch(/users_email_lower_check/);
    // Still empty: a second import is allowed.
    await expect(importBackup(database, valid())).resolves.toMatchObject({ translations: 0 });
  });
});
