import { karlsruhe } from '@ankommen/data-karlsruhe';
import type { Offer } from '@ankommen/taxonomy';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backends.js';
import { hashText } from '../texts.js';
import type { EntityRepository } from './entities.js';
import { createTranslationRepository } from './translations.js';

/** An offer with a caveat and no other text fields, so that it has three. */
const sample = karlsruhe().catalog.offers.find(
  (offer) => offer.caveat && !offer.eligibility?.description && !offer.accessibility?.note,
) as Offer;

function offer(id: string): Offer {
  return {
    ...structuredClone(sample),
    id,
    title: { de: { text: 'Sprachcafé', status: 'source' } },
    summary: { de: { text: 'Jeden Mittwoch', status: 'source' } },
  };
}

describeEachBackend('translation work', ({ database }) => {
  it('counts the fields of working copies by status, leaving out the archive', async () => {
    const db = database();
    const before = (await db.translations.coverage(['ar']))[0]!;
    const created = await db.offers.create(
      {
        ...offer('coverage-cafe'),
        summary: {
          de: { text: 'Jeden Mittwoch', status: 'source' },
          ar: { text: 'كل أربعاء', status: 'machine' },
        },
      },
      { actor: null },
    );
    const fields = 3; // title, summary and the sample's caveat
    const added = (await db.translations.coverage(['ar']))[0]!;
    expect(added.total).toBe(before.total + fields);
    expect(added.counts.machine).toBe(before.counts.machine + 1);
    expect(added.counts.missing).toBe(before.counts.missing + fields - 1);
    await db.offers.archive('coverage-cafe', { expectedVersion: created.version, actor: null });
    expect((await db.translations.coverage(['ar']))[0]).toEqual(before);
  });

  it('checks every change again when another write came in between', async () => {
    const db = database();
    await db.offers.create(offer('racing-cafe'), { actor: null });
    let raced = false;
    // An editor changes the German title after the import read the record, before it writes.
    const racing: EntityRepository<unknown, unknown> = {
      ...(db.offers as EntityRepository<unknown, unknown>),
      async update(id, value, options) {
        if (!raced) {
          raced = true;
          const current = (await db.offers.get(id))!;
          await db.offers.update(
            id,
            {
              ...current.value,
              title: { de: { text: 'Sprachcafé am Mittwoch', status: 'source' } },
            },
            { expectedVersion: current.version, actor: 'editor' },
          );
        }
        return db.offers.update(id, value as Offer, options);
      },
    };
    const translations = createTranslationRepository(db, {
      offer: racing,
      agency: db.agencies as EntityRepository<unknown, unknown>,
    });
    const result = await translations.apply(
      'offer',
      'racing-cafe',
      'ar',
      [
        {
          field: 'title',
          text: 'مقهى اللغة',
          status: 'reviewed',
          sourceHash: hashText('Sprachcafé'),
        },
        {
          field: 'summary',
          text: 'كل أربعاء',
          status: 'machine',
          sourceHash: hashText('Jeden Mittwoch'),
        },
      ],
      { actor: 'importer' },
    );
    expect(result.applied).toEqual([{ field: 'summary', status: 'machine' }]);
    expect(result.rejected).toMatchObject([{ field: 'title', reason: 'stale-source' }]);
    const stored = (await db.offers.get('racing-cafe'))!;
    expect(result.version).toBe(stored.version);
    expect(stored.value.title).toEqual({
      de: { text: 'Sprachcafé am Mittwoch', status: 'source' },
    });
    expect(stored.value.summary['ar']).toEqual({ text: 'كل أربعاء', status: 'machine' });
    const [entry] = await db.audit.list({ entityType: 'offer', entityId: 'racing-cafe' });
    expect(entry).toMatchObject({ userId: 'importer', action: 'update', version: stored.version });
  });

  it('refuses unknown records and fields, empty texts, and leaves the record alone', async () => {
    const db = database();
    const created = await db.offers.create(offer('quiet-cafe'), { actor: null });
    const hash = hashText('Sprachcafé');
    const unknown = await db.translations.apply(
      'offer',
      'no-such-cafe',
      'ar',
      [{ field: 'title', text: 'x', status: 'machine', sourceHash: hash }],
      { actor: null },
    );
    expect(unknown.rejected).toMatchObject([{ field: 'title', reason: 'unknown-entity' }]);
    const refused = await db.translations.apply(
      'offer',
      'quiet-cafe',
      'ar',
      [
        { field: 'providerId', text: 'x', status: 'machine', sourceHash: hash },
        { field: 'eligibility.description', text: 'x', status: 'machine', sourceHash: hash },
        { field: 'title', text: '  ', status: 'machine', sourceHash: hash },
      ],
      { actor: null },
    );
    expect(refused.rejected.map((r) => r.reason)).toEqual([
      'unknown-field',
      'unknown-field',
      'empty-target',
    ]);
    expect((await db.offers.get('quiet-cafe'))!.version).toBe(created.version);
  });
});
