import { karlsruhe, rawData } from '@ankommen/data-karlsruhe';
import { CityDataError, parseCityData } from '@ankommen/routing';
import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { agencies, offers, ruleSets, translations } from './schema.js';
import { seed } from './seed.js';
import { describeEachBackend } from './testing/backends.js';

const byId = <T extends { id: string }>(values: readonly T[]): T[] =>
  values.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describeEachBackend('seeding from the Karlsruhe data package', ({ database }) => {
  const city = karlsruhe();

  it('refuses invalid data and writes nothing', async () => {
    const broken = { ...rawData, offers: [{ ...rawData.offers[0], category: 'no-such-category' }] };
    await expect(seed(database(), broken)).rejects.toBeInstanceOf(CityDataError);
    const [row] = await database().db.select({ n: count() }).from(offers);
    expect(row?.n).toBe(0);
  });

  it('inserts everything as published on the first run, with one audit entry', async () => {
    const result = await seed(database(), rawData);
    expect(result.city).toBe(true);
    expect(result.agencies).toHaveLength(city.registry.agencies.length);
    expect(result.offers).toHaveLength(city.catalog.offers.length);
    expect(result.ruleSetVersion).toBe(1);
    const seeded = await database().audit.list({ action: 'seed' });
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ entityType: 'city', entityId: 'karlsruhe', userId: null });
    const published = await database().offers.list({ status: 'published' });
    expect(published).toHaveLength(city.catalog.offers.length);
    expect(published.every((record) => record.version === 1)).toBe(true);
  });

  it('assembles every record back to the domain object it was seeded from', async () => {
    const storedOffers = await database().offers.list();
    expect(storedOffers.map((record) => record.value)).toEqual(byId(city.catalog.offers));
    expect(storedOffers.map((record) => record.published)).toEqual(byId(city.catalog.offers));
    const storedAgencies = await database().agencies.list();
    expect(storedAgencies.map((record) => record.value)).toEqual(byId(city.registry.agencies));
  });

  it('gives a snapshot that parseCityData accepts and that equals the package', async () => {
    const snapshot = await database().snapshot();
    const parsed = parseCityData(snapshot);
    expect(parsed.city).toEqual(city.city);
    expect(snapshot.offers).toEqual(byId(city.catalog.offers));
    expect(snapshot.agencies).toEqual(byId(city.registry.agencies));
    expect(snapshot.ruleSet).toEqual(city.rules);
    expect(snapshot.personas).toEqual(city.personas);
    expect(snapshot.ruleSetVersion).toBe(1);
    expect(snapshot.revision).toBeGreaterThanOrEqual(1);
    expect(snapshot.changedAt).toBeInstanceOf(Date);
  });

  it('is idempotent and never overwrites staff edits', async () => {
    const db = database();
    const original = city.catalog.offers[0];
    if (!original) throw new Error('no offers');
    const before = await db.offers.get(original.id);
    const edited = {
      ...original,
      title: {
        ...original.title,
        de: { text: 'Von der Redaktion geändert', status: 'source' as const },
      },
    };
    await db.offers.update(original.id, edited, {
      expectedVersion: before?.version ?? 1,
      actor: null,
    });
    const translationCount = async () =>
      (await db.db.select({ n: count() }).from(translations))[0]?.n;
    const translationsBefore = await translationCount();

    const again = await seed(db, rawData);
    expect(again).toEqual({ agencies: [], offers: [], ruleSetVersion: null, city: false });
    const after = await db.offers.get(original.id);
    expect(after?.value.title['de']?.text).toBe('Von der Redaktion geändert');
    expect(after?.version).toBe(2);
    // The public still sees the published text until the edit is published.
    expect(after?.published?.title['de']?.text).toBe(original.title['de']?.text);

    const counts = await Promise.all(
      [offers, agencies, ruleSets].map(
        async (table) => (await db.db.select({ n: count() }).from(table))[0]?.n,
      ),
    );
    expect(counts).toEqual([city.catalog.offers.length, city.registry.agencies.length, 1]);
    expect(await translationCount()).toBe(translationsBefore);
    expect(await db.audit.list({ action: 'seed' })).toHaveLength(1);
  });

  it('does not reseed a rule set when the staff replaced it', async () => {
    const db = database();
    const draft = await db.ruleSets.createDraft(city.rules, city.personas, { actor: null });
    await db.ruleSets.publish(draft.version, { actor: null });
    await seed(db, rawData);
    expect((await db.ruleSets.published())?.version).toBe(draft.version);
    expect(await db.ruleSets.list()).toHaveLength(2);
  });
});
