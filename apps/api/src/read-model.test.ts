import { rawData } from '@ankommen/data-karlsruhe';
import { describe, expect, it } from 'vitest';
import { createReadModel } from './read-model.js';

const published = (offers: unknown[]) =>
  createReadModel({
    city: rawData.city,
    agencies: [...rawData.agencies],
    offers,
    ruleSet: rawData.rules,
    personas: [...rawData.personas],
    revision: '1',
    changedAt: new Date('2026-11-25T00:00:00Z'),
  });

describe('read model: the router', () => {
  it('keys what it keeps of people by a hash with a secret of each read model', () => {
    const profile = { age: 16, residence: 'karlsruhe_city', status: 'asylum_seeker' } as const;
    const options = { date: '2026-11-25', lang: 'de' };
    const one = published([...rawData.offers]);
    const key = one.router.decide(profile, options).key;
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(one.router.decide(profile, options).key).toBe(key);
    expect(one.router.decide({ ...profile, age: 30 }, options).key).not.toBe(key);
    const other = published([...rawData.offers]);
    expect(other.router.decide(profile, options).key).not.toBe(key);

    // Requests answered unread (ADR 0021) are keyed the same way: by this model's secret.
    const body = JSON.stringify({ profile, ...options });
    const request = one.wegweisers.requestKey(body, '2026-11-25');
    expect(request).toMatch(/^[\w-]{43}$/);
    expect(one.wegweisers.requestKey(body, '2026-11-25')).toBe(request);
    expect(other.wegweisers.requestKey(body, '2026-11-25')).not.toBe(request);
  });
});

describe('read model: HSDS feeds', () => {
  it('gives a language its own feed as soon as one text is in it, and no other code one', () => {
    const [first, ...rest] = rawData.offers;
    if (!first) throw new Error('Karlsruhe has offers');
    const summary = { ...first.summary, ti: { text: 'ምኽሪ ንኮርስ ምውህሃድ', status: 'machine' } };
    const model = published([{ ...first, summary }, ...rest]);
    const tigrinya = model.hsds('ti');
    expect(tigrinya).not.toBe(model.hsds('en'));
    expect(tigrinya.language).toBe('ti');
    expect(model.hsds('am')).toBe(model.hsds('en'));
    expect(model.contentLanguages).toEqual(['ar', 'de', 'en', 'fa', 'fr', 'ru', 'ti', 'tr', 'uk']);

    const without = published([...rawData.offers]);
    expect(without.hsds('ti')).toBe(without.hsds('en'));
    expect(without.contentLanguages).not.toContain('ti');
  });
});
