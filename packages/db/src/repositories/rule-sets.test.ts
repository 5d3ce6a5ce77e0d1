import { karlsruhe, rawData } from '@ankommen/data-karlsruhe';
import { beforeAll, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { ConflictError, NotFoundError } from '../errors.js';
import { seed } from '../seed.js';
import { describeEachBackend } from '../testing/backends.js';

const city = karlsruhe();

describeEachBackend('rule sets', ({ database }) => {
  beforeAll(async () => {
    await seed(database(), rawData);
  });

  it('drafts, publishes and restores versions, superseding the one in force', async () => {
    const db = database();
    const seeded = await db.ruleSets.published();
    expect(seeded).toMatchObject({ version: 1, status: 'published', ruleSetId: city.rules.id });
    expect(seeded?.ruleSet).toEqual(city.rules);
    expect(seeded?.personas).toEqual(city.personas);

    const changed = { ...city.rules, version: 'next', rules: city.rules.rules.slice(0, -1) };
    const draft = await db.ruleSets.createDraft(changed, city.personas, {
      actor: 'editor-1',
      note: 'R47 entfällt',
    });
    expect(draft).toMatchObject({
      version: 2,
      status: 'draft',
      label: 'next',
      ruleCount: city.rules.rules.length - 1,
      createdBy: 'editor-1',
      note: 'R47 entfällt',
      publishedAt: null,
    });
    // A draft changes nothing for the public.
    expect((await db.snapshot()).ruleSetVersion).toBe(1);

    const published = await db.ruleSets.publish(draft.version, { actor: 'admin-1' });
    expect(published).toMatchObject({ version: 2, status: 'published', publishedBy: 'admin-1' });
    expect((await db.ruleSets.get(1))?.status).toBe('superseded');
    const snapshot = await db.snapshot();
    expect(snapshot.ruleSetVersion).toBe(2);
    expect(snapshot.ruleSet.rules).toHaveLength(city.rules.rules.length - 1);

    const restored = await db.ruleSets.restore(1, { actor: 'admin-1' });
    expect(restored).toMatchObject({
      version: 3,
      status: 'published',
      restoredFrom: 1,
      note: 'restored from version 1',
    });
    expect(restored.ruleSet).toEqual(city.rules);
    expect((await db.ruleSets.get(2))?.status).toBe('superseded');
    expect((await db.snapshot()).ruleSetVersion).toBe(3);

    const list = await db.ruleSets.list();
    expect(list.map((summary) => [summary.version, summary.status])).toEqual([
      [3, 'published'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
    expect(list[0]).not.toHaveProperty('ruleSet');
    expect(list[0]).toMatchObject({ title: city.rules.title, label: city.rules.version });

    const actions = (await db.audit.list({ entityType: 'rule_set' })).map((e) => [
      e.action,
      e.entityId,
    ]);
    expect(actions).toEqual([
      ['restore', '3'],
      ['publish', '2'],
      ['create', '2'],
    ]);
  });

  it('refuses what would break the version history', async () => {
    const db = database();
    const current = await db.ruleSets.published();
    await expect(db.ruleSets.publish(current?.version ?? 0, { actor: null })).rejects.toMatchObject(
      {
        code: 'invalid_transition',
      },
    );
    await expect(
      db.ruleSets.restore(current?.version ?? 0, { actor: null }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(db.ruleSets.publish(999, { actor: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      db.ruleSets.createDraft({ ...city.rules, rules: [] }, city.personas, { actor: null }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await db.ruleSets.get(999)).toBeUndefined();
  });

  it('keeps one published version when two publishers race', async () => {
    const db = database();
    const a = await db.ruleSets.createDraft(city.rules, city.personas, { actor: 'a' });
    const b = await db.ruleSets.createDraft(city.rules, city.personas, { actor: 'b' });
    const results = await Promise.allSettled([
      db.ruleSets.publish(a.version, { actor: 'a' }),
      db.ruleSets.publish(b.version, { actor: 'b' }),
    ]);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    const published = (await db.ruleSets.list()).filter((s) => s.status === 'published');
    expect(published).toHaveLength(1);
  });
});
