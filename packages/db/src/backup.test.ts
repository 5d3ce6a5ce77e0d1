import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportBackup, importBackup, type Backup } from './backup.js';
import { createDatabase, type Database } from './database.js';
import { seed } from './seed.js';
import { createTarget, describeEachBackend, type TestTarget } from './testing/backends.js';

const at = new Date('2026-11-25T09:00:00Z');

/** A backup of the restored database differs only in when it was made and the restore mark. */
const comparable = (backup: Backup) => ({
  ...backup,
  exportedAt: null,
  meta: backup.meta.filter((row) => row.key !== 'restored'),
});

describeEachBackend('backup and restore', ({ database, backend }) => {
  let target: TestTarget;
  let restored: Database;
  let backup: Backup;

  beforeAll(async () => {
    const source = database();
    await seed(source, rawData);
    const record = (await source.offers.get('zebefi-beratung-integrationskurse'))!;
    await source.offers.archive(record.id, { expectedVersion: record.version, actor: null });
    const draft = await source.ruleSets.createDraft(
      rawData.rules as never,
      rawData.personas as never,
      {
        actor: null,
      },
    );
    await source.ruleSets.publish(draft.version, { actor: null });
    backup = await exportBackup(source, { now: at });
    target = await createTarget(backend);
    restored = await createDatabase(target.options);
    await importBackup(restored, JSON.parse(JSON.stringify(backup)));
  }, 60_000);

  afterAll(async () => {
    await restored?.close();
    await target?.dispose();
  });

  it('gives back every row, and the same public snapshot with its revision and time', async () => {
    expect(comparable(await exportBackup(restored, { now: at }))).toEqual(comparable(backup));
    expect(await restored.snapshot()).toEqual(await database().snapshot());
  });

  it('continues the rule-set versions and the audit log after the restored ones', async () => {
    const next = await restored.ruleSets.createDraft(
      rawData.rules as never,
      rawData.personas as never,
      {
        actor: null,
      },
    );
    expect(next.version).toBe(3);
    const [newest] = await restored.audit.list({ limit: 1 });
    expect(newest!.id).toBe(backup.auditLog.at(-1)!.id + 1);
  });

  it('is not seeded again, not even with what a newer data package adds', async () => {
    const added = { ...(rawData.offers as { id: string }[])[0]!, id: 'new-in-package' };
    const newer = { ...rawData, offers: [...(rawData.offers as unknown[]), added] };
    expect(await seed(restored, newer)).toEqual({
      agencies: [],
      offers: [],
      ruleSetVersion: null,
      city: false,
    });
    expect(await restored.offers.get('new-in-package')).toBeUndefined();
    const archived = await restored.offers.get('zebefi-beratung-integrationskurse');
    expect(archived?.status).toBe('archived');
  });
});
