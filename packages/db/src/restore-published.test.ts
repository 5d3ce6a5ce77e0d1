import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RESTORED_KEY } from './backup.js';
import { createDatabase, type Database } from './database.js';
import { restorePublished, type PublishedState } from './restore-published.js';
import { seed } from './seed.js';
import type { Snapshot } from './snapshot.js';
import { createTarget, describeEachBackend, type TestTarget } from './testing/backends.js';

type Json = Record<string, any>;

describeEachBackend('restorePublished', ({ database, backend }) => {
  let target: TestTarget;
  let restored: Database;
  let source: Snapshot;
  let state: PublishedState;

  beforeAll(async () => {
    const db = database();
    await seed(db, rawData);
    // A staff edit with a machine translation, and an archived offer: the public view differs
    // from the package's.
    const edited = (await db.offers.get('zebefi-beratung-integrationskurse'))!;
    const value = edited.value as Json;
    await db.offers.update(
      edited.id,
      {
        ...value,
        title: { ...value['title'], fr: { text: 'Conseil', status: 'machine' } },
      } as never,
      { expectedVersion: edited.version, actor: null, status: 'published' },
    );
    const archived = (await db.offers.get(String((rawData.offers as Json[])[3]!['id'])))!;
    await db.offers.archive(archived.id, { expectedVersion: archived.version, actor: null });
    source = await db.snapshot();
    state = {
      agencies: source.agencies,
      offers: source.offers,
      revision: source.revision,
      changedAt: source.changedAt,
      offersPublishedAt: source.offersPublishedAt,
      restoredFrom: { format: 'test' },
    };
    target = await createTarget(backend);
    restored = await createDatabase(target.options);
  }, 60_000);

  afterAll(async () => {
    await restored?.close();
    await target?.dispose();
  });

  it('writes nothing when a record is invalid', async () => {
    const broken = { ...(source.offers[0] as unknown as Json), category: 'no_such_category' };
    await expect(
      restorePublished(restored, rawData, { ...state, offers: [broken, ...state.offers] }),
    ).rejects.toThrow(/category/);
    expect(await restored.offers.list()).toEqual([]);
  });

  it('gives the same public snapshot, revision and time included, and is not seeded over', async () => {
    const at = new Date('2026-11-25T09:00:00Z');
    expect(await restorePublished(restored, rawData, state, { now: at })).toEqual({
      agencies: 46,
      offers: 98,
    });
    expect(await restored.snapshot()).toEqual(source);
    expect((await seed(restored, rawData)).offers).toEqual([]);
    const marks = await restored.db.query.meta.findFirst({
      where: (meta, { eq }) => eq(meta.key, RESTORED_KEY),
    });
    expect(marks).toMatchObject({ value: { format: 'test' }, updatedAt: at });
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    await expect(restorePublished(database(), rawData, state)).rejects.toMatchObject({
      code: 'not_empty',
    });
    expect(await database().snapshot()).toEqual(source);
  });
});
