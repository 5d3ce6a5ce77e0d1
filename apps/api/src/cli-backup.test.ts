import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawData } from '@ankommen/data-karlsruhe';
import { createDatabase, seed } from '@ankommen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf } from './testing/compare.js';
import { startTestApi } from './testing/harness.js';

const bin = fileURLToPath(new URL('../bin/ankommen-api.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ankommen-cli-backup-'));
const [source, restored] = [join(work, 'a'), join(work, 'b')];
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (dataDir: string, args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

const editedTitle = 'Integrationskurs (vom CLI-Test geändert)';

describe('ankommen-api export and import', () => {
  beforeAll(async () => {
    // A seeded database with one staff edit, on disk, as the server leaves it.
    const database = await createDatabase({ dataDir: source });
    try {
      await seed(database, rawData);
      const record = (await database.offers.get('zebefi-beratung-integrationskurse'))!;
      const value = record.value as { title: Record<string, { text: string; status: string }> };
      await database.offers.update(
        record.id,
        {
          ...value,
          title: { ...value.title, de: { text: editedTitle, status: 'source' } },
        } as never,
        { expectedVersion: record.version, actor: null, status: 'published' },
      );
    } finally {
      await database.close();
    }
  }, 60_000);

  it('exports a backup file readable only by its owner, and the same to standard output', () => {
    const result = run(source, ['export', '--out', file('backup.json')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^exported 46 agencies, 99 offers, \d+ translations/);
    expect(statSync(file('backup.json')).mode & 0o777).toBe(0o600);
    const stdout = run(source, ['export', '--format', 'ankommen']);
    expect(stdout.status).toBe(0);
    const [fromFile, fromStdout] = [
      JSON.parse(readFileSync(file('backup.json'), 'utf8')),
      JSON.parse(stdout.stdout),
    ];
    expect({ ...fromStdout, exportedAt: null }).toEqual({ ...fromFile, exportedAt: null });
    expect(fromFile.offers).toHaveLength(99);
  });

  it('exports HSDS, one dataset per language', () => {
    const result = run(source, ['export', '--format', 'hsds', '--out', file('hsds.json')]);
    expect(result.status).toBe(0);
    const hsds = JSON.parse(readFileSync(file('hsds.json'), 'utf8'));
    expect(hsds).toMatchObject({ format: 'ankommen-hsds', version: 2, hsds_version: '3.0' });
    expect(hsds.languages.de.services).toHaveLength(99);
    expect(hsds.languages.de.services.map((s: { name: string }) => s.name)).toContain(editedTitle);
  });

  it('imports into an empty database, which then serves the same state and is not seeded over', async () => {
    // Without one of the city's offers, as a backup from before the offer existed would be:
    // the server's start-up seed must not add it.
    const before = JSON.parse(readFileSync(file('backup.json'), 'utf8'));
    const missing = String((rawData.offers as { id: string }[])[1]!.id);
    for (const key of ['offers', 'translations', 'locations'] as const) {
      before[key] = before[key].filter(
        (row: { id?: string; entityId?: string }) => (row.id ?? row.entityId) !== missing,
      );
    }
    writeFileSync(file('partial.json'), JSON.stringify(before));
    const result = run(restored, ['import', file('partial.json')]);
    expect(result.stderr).toMatch(/^imported 46 agencies, 98 offers/);
    expect(result.status).toBe(0);
    const after = JSON.parse(run(restored, ['export']).stdout);
    const comparable = (backup: { meta: { key: string }[] }) => ({
      ...backup,
      exportedAt: null,
      meta: backup.meta.filter((row) => row.key !== 'restored'),
    });
    expect(comparable(after)).toEqual(comparable(before));

    // The server's start seeds; on a restored database it adds nothing.
    const api = await startTestApi({ dataDir: restored });
    try {
      expect((await answerOf(api, { path: `/v1/offers/${missing}` })).status).toBe(404);
      const list = JSON.parse((await answerOf(api, { path: '/v1/offers?perPage=1' })).body);
      expect(list.total).toBe(98);
      const edited = await answerOf(api, {
        path: '/v1/offers/zebefi-beratung-integrationskurse?lang=de',
      });
      expect(edited.body).toContain(editedTitle);
      expect(await api.system.database.audit.list({ action: 'seed' })).toHaveLength(1);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('imports an HSDS export into an empty database: the published offers and agencies, the city and rule set of the data package', async () => {
    const fromHsds = join(work, 'h');
    const result = run(fromHsds, ['import', file('hsds.json')]);
    expect(result.stderr).toMatch(
      /^imported 46 published agencies and 99 published offers from HSDS in \d+ languages; city and rule set from the karlsruhe data package/,
    );
    expect(result.status).toBe(0);
    // The same HSDS file comes out again.
    const again = run(fromHsds, ['export', '--format', 'hsds']);
    const [before, after] = [
      JSON.parse(readFileSync(file('hsds.json'), 'utf8')),
      JSON.parse(again.stdout),
    ];
    expect({ ...after, exported_at: null }).toEqual({ ...before, exported_at: null });
    const api = await startTestApi({ dataDir: fromHsds });
    try {
      const edited = await answerOf(api, {
        path: '/v1/offers/zebefi-beratung-integrationskurse?lang=de',
      });
      expect(edited.body).toContain(editedTitle);
      // Nothing seeded on top: the import is the only seed in the audit log.
      expect(await api.system.database.audit.list({ action: 'seed' })).toHaveLength(1);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('refuses a second import, a changed HSDS file, a file that is not JSON, and names a bad field', () => {
    const twice = run(restored, ['import', file('backup.json')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/database is not empty \(agencies, offers/);

    const hsds = JSON.parse(readFileSync(file('hsds.json'), 'utf8'));
    hsds.languages.en.services[0].name = 'Changed in HSDS only';
    writeFileSync(file('hsds-changed.json'), JSON.stringify(hsds));
    const changed = run(join(work, 'c'), ['import', file('hsds-changed.json')]);
    expect(changed.status).toBe(2);
    expect(changed.stderr).toMatch(
      /languages\.en\.services\.0\.name: differs from what the carried Ankommen records give/,
    );

    writeFileSync(file('broken.json'), '{"format": "ankommen-backup",');
    const broken = run(join(work, 'c'), ['import', file('broken.json')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/cannot read .*broken\.json as JSON/);

    const backup = JSON.parse(readFileSync(file('backup.json'), 'utf8'));
    backup.offers[3].status = 'deleted';
    writeFileSync(file('invalid.json'), JSON.stringify(backup));
    const invalid = run(join(work, 'c'), ['import', file('invalid.json')]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/offers\.3\.status/);

    const usage = run(join(work, 'c'), ['export', '--format', 'csv']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--format must be ankommen or hsds/);
    const typo = run(join(work, 'c'), ['export', '--outt', file('x.json')]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/Unknown option '--outt'/);
  });
});
