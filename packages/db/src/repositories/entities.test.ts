import { karlsruhe, rawData } from '@ankommen/data-karlsruhe';
import type { Agency } from '@ankommen/registry';
import { parseCityData } from '@ankommen/routing';
import type { Offer } from '@ankommen/taxonomy';
import { beforeAll, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { ConflictError, NotFoundError, VersionConflictError } from '../errors.js';
import { PUBLIC_CHANGE_CHANNEL, type PublicChange } from '../public-change.js';
import { seed } from '../seed.js';
import { describeEachBackend } from '../testing/backends.js';
import type { EntityState } from './entities.js';

const city = karlsruhe();
const sampleOffer = city.catalog.offers.find((offer) => offer.providerId) as Offer;
const sampleAgency = city.registry.agencies.find((agency) => agency.services.length > 0) as Agency;

let counter = 0;
/** A new offer from the sample, with an id of its own. */
function newOffer(overrides: Partial<Offer> = {}): Offer {
  counter += 1;
  return {
    ...structuredClone(sampleOffer),
    id: `test-offer-${counter}`,
    title: {
      de: { text: `Deutschkurs ${counter}`, status: 'source' },
      en: { text: `German course ${counter}`, status: 'reviewed' },
      ar: { text: `دورة ألمانية ${counter}`, status: 'machine' },
    },
    ...overrides,
  };
}

function newAgency(overrides: Partial<Agency> = {}): Agency {
  counter += 1;
  const { parentId: _parentId, colocatedAt: _colocatedAt, ...rest } = structuredClone(sampleAgency);
  return { ...rest, id: `test-agency-${counter}`, ...overrides };
}

describeEachBackend('offers and agencies', ({ database }) => {
  beforeAll(async () => {
    await seed(database(), rawData);
  });

  it('creates a draft, reads it back assembled, and audits it', async () => {
    const db = database();
    const offer = newOffer();
    const created = await db.offers.create(offer, { actor: 'editor-1' });
    expect(created).toMatchObject({ id: offer.id, version: 1, status: 'draft', published: null });
    expect(created.value).toEqual(offer);
    expect(await db.offers.get(offer.id)).toEqual(created);
    const [entry] = await db.audit.list({ entityType: 'offer', entityId: offer.id });
    expect(entry).toMatchObject({ action: 'create', userId: 'editor-1', version: 1, before: null });
    expect((entry?.after as EntityState<Offer>).value).toEqual(offer);
    expect(await db.offers.get('no-such-offer')).toBeUndefined();
  });

  it('refuses a taken id, invalid values and a mismatched id', async () => {
    const db = database();
    const offer = newOffer();
    await db.offers.create(offer, { actor: null });
    await expect(db.offers.create(offer, { actor: null })).rejects.toMatchObject({
      code: 'already_exists',
    });
    const invalid = { ...newOffer(), category: 'nonsense' };
    await expect(
      db.offers.create(invalid as unknown as Offer, { actor: null }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      db.offers.update(offer.id, newOffer(), { expectedVersion: 1, actor: null }),
    ).rejects.toSatisfy((error) => error instanceof ZodError && error.issues[0]?.path[0] === 'id');
    await expect(
      db.offers.update(
        'no-such-offer',
        { ...offer, id: 'no-such-offer' },
        { expectedVersion: 1, actor: null },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('updates with the expected version and refuses a stale one', async () => {
    const db = database();
    const offer = newOffer();
    await db.offers.create(offer, { actor: 'editor-1' });
    const changed = { ...offer, scheduleText: 'Montags 9–12 Uhr' };
    const updated = await db.offers.update(offer.id, changed, {
      expectedVersion: 1,
      actor: 'editor-2',
    });
    expect(updated).toMatchObject({ version: 2, updatedBy: 'editor-2' });
    expect(updated.value.scheduleText).toBe('Montags 9–12 Uhr');
    const stale = db.offers.update(offer.id, offer, { expectedVersion: 1, actor: 'editor-1' });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ current: 2, expected: 1 });
    expect((await db.offers.get(offer.id))?.value.scheduleText).toBe('Montags 9–12 Uhr');
    const [entry] = await db.audit.list({ entityId: offer.id, action: 'update' });
    expect(entry).toMatchObject({ userId: 'editor-2', version: 2 });
    expect((entry?.before as EntityState<Offer>).value.scheduleText).toBe(offer.scheduleText);
    expect((entry?.after as EntityState<Offer>).value.scheduleText).toBe('Montags 9–12 Uhr');
  });

  it('lets exactly one of 20 concurrent updates with the same version win', async () => {
    const db = database();
    const offer = newOffer();
    await db.offers.create(offer, { actor: null });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.offers.update(
          offer.id,
          { ...offer, scheduleText: `writer ${i}` },
          { expectedVersion: 1, actor: `writer-${i}` },
        ),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const result of lost) {
      expect(result.reason).toBeInstanceOf(VersionConflictError);
      expect((result.reason as VersionConflictError).current).toBe(2);
    }
    const final = await db.offers.get(offer.id);
    expect(final?.version).toBe(2);
    const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
    expect(final?.value.scheduleText).toBe(winner?.value.scheduleText);
    const updates = await db.audit.list({ entityId: offer.id, action: 'update' });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.userId).toBe(winner?.updatedBy);
  });

  it('marks translations outdated when the German text changes', async () => {
    const db = database();
    const offer = newOffer();
    await db.offers.create(offer, { actor: null });
    const germanChanged = {
      ...offer,
      title: { ...offer.title, de: { text: 'Deutschkurs am Abend', status: 'source' as const } },
    };
    const v2 = await db.offers.update(offer.id, germanChanged, { expectedVersion: 1, actor: null });
    expect(v2.value.title).toEqual({
      de: { text: 'Deutschkurs am Abend', status: 'source' },
      en: { text: offer.title['en']?.text, status: 'outdated' },
      ar: { text: offer.title['ar']?.text, status: 'outdated' },
    });
    // Fields whose German text did not change keep their status.
    expect(v2.value.summary).toEqual(offer.summary);

    // A new English translation is written against the new German text; Arabic stays outdated.
    const englishRedone = {
      ...v2.value,
      title: {
        ...v2.value.title,
        en: { text: 'Evening German course', status: 'reviewed' as const },
      },
    };
    const v3 = await db.offers.update(offer.id, englishRedone, { expectedVersion: 2, actor: null });
    expect(v3.value.title['en']).toEqual({ text: 'Evening German course', status: 'reviewed' });
    expect(v3.value.title['ar']?.status).toBe('outdated');

    // A reviewer confirms the Arabic text as it is.
    const arabicConfirmed = {
      ...v3.value,
      title: {
        ...v3.value.title,
        ar: { text: offer.title['ar']?.text as string, status: 'reviewed' as const },
      },
    };
    const v4 = await db.offers.update(offer.id, arabicConfirmed, {
      expectedVersion: 3,
      actor: null,
    });
    expect(v4.value.title['ar']?.status).toBe('reviewed');

    // Saving unchanged texts changes nothing; changing German again outdates both.
    const v5 = await db.offers.update(offer.id, v4.value, { expectedVersion: 4, actor: null });
    expect(v5.value.title).toEqual(v4.value.title);
    const v6 = await db.offers.update(
      offer.id,
      {
        ...v5.value,
        title: { ...v5.value.title, de: { text: 'Abendkurs Deutsch', status: 'source' } },
      },
      { expectedVersion: 5, actor: null },
    );
    expect(v6.value.title['en']?.status).toBe('outdated');
    expect(v6.value.title['ar']?.status).toBe('outdated');
  });

  it('tracks service names of agencies by service code', async () => {
    const db = database();
    const agency = newAgency();
    await db.agencies.create(agency, { actor: null });
    const [first, ...others] = agency.services;
    if (!first) throw new Error('sample agency has no services');
    const renamed = {
      ...agency,
      services: [
        ...others,
        {
          ...first,
          name: { ...first.name, de: { text: 'Neuer Dienst', status: 'source' as const } },
        },
      ],
    };
    const updated = await db.agencies.update(agency.id, renamed, {
      expectedVersion: 1,
      actor: null,
    });
    const moved = updated.value.services.at(-1);
    expect(moved?.code).toBe(first.code);
    expect(moved?.name['de']?.text).toBe('Neuer Dienst');
    for (const lang of Object.keys(first.name)) {
      if (lang !== 'de') expect(moved?.name[lang]?.status).toBe('outdated');
    }
    const duplicate = { ...agency, services: [first, first] };
    await expect(
      db.agencies.update(agency.id, duplicate, { expectedVersion: 2, actor: null }),
    ).rejects.toBeInstanceOf(ZodError);
  });

  it('runs the workflow and publishes to the snapshot, announcing each public change', async () => {
    const db = database();
    const changes: PublicChange[] = [];
    const unlisten = await db.listen(PUBLIC_CHANGE_CHANNEL, (payload) =>
      changes.push(JSON.parse(payload) as PublicChange),
    );
    try {
      const offer = newOffer();
      await db.offers.create(offer, { actor: 'partner-1' });
      const submitted = await db.offers.setStatus(offer.id, 'in_review', {
        expectedVersion: 1,
        actor: 'partner-1',
      });
      expect(submitted).toMatchObject({ status: 'in_review', version: 2, published: null });
      expect((await db.snapshot()).offers.some((o) => o.id === offer.id)).toBe(false);

      const approved = await db.offers.setStatus(offer.id, 'published', {
        expectedVersion: 2,
        actor: 'reviewer-1',
        comment: 'geprüft',
      });
      expect(approved).toMatchObject({ status: 'published', version: 3 });
      expect(approved.published).toEqual(approved.value);
      expect(approved.publishedAt).toBeInstanceOf(Date);
      const snapshot = await db.snapshot();
      expect(snapshot.offers.find((o) => o.id === offer.id)).toEqual(offer);
      expect(() => parseCityData(snapshot)).not.toThrow();

      // Editing a published offer returns it to draft; the public keeps the published copy.
      const edited = await db.offers.update(
        offer.id,
        { ...offer, scheduleText: 'neu' },
        { expectedVersion: 3, actor: 'editor-1' },
      );
      expect(edited.status).toBe('draft');
      expect(edited.published?.scheduleText).toBe(offer.scheduleText);
      expect((await db.snapshot()).offers.find((o) => o.id === offer.id)?.scheduleText).toBe(
        offer.scheduleText,
      );
      const republished = await db.offers.update(
        offer.id,
        { ...offer, scheduleText: 'neu' },
        { expectedVersion: 4, actor: 'editor-1', status: 'published' },
      );
      expect(republished.published?.scheduleText).toBe('neu');

      const archived = await db.offers.archive(offer.id, { expectedVersion: 5, actor: 'editor-1' });
      expect(archived.status).toBe('archived');
      const afterArchive = await db.snapshot();
      expect(afterArchive.offers.some((o) => o.id === offer.id)).toBe(false);
      expect(afterArchive.revision).toBeGreaterThan(snapshot.revision);

      // An edit takes it out of the archive as a draft without its old public copy: it is
      // public again only when published.
      const revived = await db.offers.update(
        offer.id,
        { ...offer, scheduleText: 'wieder' },
        { expectedVersion: 6, actor: 'partner-1' },
      );
      expect(revived).toMatchObject({ status: 'draft', published: null, publishedAt: null });
      expect((await db.snapshot()).offers.some((o) => o.id === offer.id)).toBe(false);

      const actions = (await db.audit.list({ entityType: 'offer', entityId: offer.id }))
        .map((entry) => entry.action)
        .reverse();
      expect(actions).toEqual([
        'create',
        'submit',
        'approve',
        'update',
        'update',
        'archive',
        'update',
      ]);

      await expect.poll(() => changes.filter((c) => c.entityId === offer.id).length).toBe(3);
      const revisions = changes.map((change) => change.revision);
      expect(revisions).toEqual(revisions.toSorted((a, b) => a - b));
    } finally {
      await unlisten();
    }
  });

  it('keeps the public view consistent: references must be public', async () => {
    const db = database();
    const agency = newAgency();
    await db.agencies.create(agency, { actor: null });
    const offer = newOffer({ providerId: agency.id });
    await db.offers.create(offer, { actor: null });
    const refused = db.offers.setStatus(offer.id, 'published', { expectedVersion: 1, actor: null });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({
      code: 'dangling_reference',
      references: [agency.id],
    });

    await db.agencies.setStatus(agency.id, 'published', { expectedVersion: 1, actor: null });
    await db.offers.setStatus(offer.id, 'published', { expectedVersion: 1, actor: null });
    const archiving = db.agencies.archive(agency.id, { expectedVersion: 2, actor: null });
    await expect(archiving).rejects.toMatchObject({
      code: 'referenced',
      references: [`offer:${offer.id}`],
    });
    // Nothing of the refused writes was kept.
    expect((await db.agencies.get(agency.id))?.version).toBe(2);

    await db.offers.archive(offer.id, { expectedVersion: 2, actor: null });
    await db.agencies.archive(agency.id, { expectedVersion: 2, actor: null });
    const snapshot = await db.snapshot();
    expect(snapshot.agencies.some((a) => a.id === agency.id)).toBe(false);
    expect(() => parseCityData(snapshot)).not.toThrow();
  });

  it('never lets a publish and an archive of its provider both succeed', async () => {
    const db = database();
    for (let round = 0; round < 5; round++) {
      const agency = newAgency();
      await db.agencies.create(agency, { actor: null, status: 'published' });
      const offer = newOffer({ providerId: agency.id });
      await db.offers.create(offer, { actor: null });
      const [published, archived] = await Promise.allSettled([
        db.offers.setStatus(offer.id, 'published', { expectedVersion: 1, actor: null }),
        db.agencies.archive(agency.id, { expectedVersion: 1, actor: null }),
      ]);
      expect([published.status, archived.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const failed = published.status === 'rejected' ? published : archived;
      expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
    const snapshot = await db.snapshot();
    expect(() => parseCityData(snapshot)).not.toThrow();
  });

  it('filters by status and owner, and checks the owner agency exists', async () => {
    const db = database();
    const owner = city.registry.agencies[0]?.id as string;
    const offer = newOffer();
    await db.offers.create(offer, { actor: null, ownerAgencyId: owner });
    const owned = await db.offers.list({ ownerAgencyId: owner });
    expect(owned.map((record) => record.id)).toContain(offer.id);
    expect(owned.every((record) => record.ownerAgencyId === owner)).toBe(true);
    const drafts = await db.offers.list({ status: ['draft', 'in_review'] });
    expect(
      drafts.every((record) => record.status === 'draft' || record.status === 'in_review'),
    ).toBe(true);
    await expect(
      db.offers.create(newOffer(), { actor: null, ownerAgencyId: 'no-such-agency' }),
    ).rejects.toMatchObject({ code: 'dangling_reference', references: ['no-such-agency'] });
    const moved = await db.offers.update(offer.id, offer, {
      expectedVersion: 1,
      actor: null,
      ownerAgencyId: null,
    });
    expect(moved.ownerAgencyId).toBeNull();
  });

  it('lists the audit log by entity, user and time, newest first, in pages', async () => {
    const db = database();
    const offer = newOffer();
    const start = new Date(Date.now() - 60_000);
    await db.offers.create(offer, { actor: 'auditor-test' });
    await db.offers.update(offer.id, offer, { expectedVersion: 1, actor: 'auditor-test' });
    await db.offers.update(offer.id, offer, { expectedVersion: 2, actor: 'auditor-test' });
    const mine = await db.audit.list({ userId: 'auditor-test' });
    expect(mine.map((entry) => entry.version)).toEqual([3, 2, 1]);
    expect(await db.audit.list({ userId: 'auditor-test', limit: 1, offset: 1 })).toEqual([mine[1]]);
    expect(
      await db.audit.list({
        userId: 'auditor-test',
        from: start,
        to: new Date(Date.now() + 60_000),
      }),
    ).toHaveLength(3);
    expect(await db.audit.list({ userId: 'auditor-test', to: start })).toHaveLength(0);
    await expect(db.audit.list({ limit: 0 })).rejects.toBeInstanceOf(ZodError);
  });
});
