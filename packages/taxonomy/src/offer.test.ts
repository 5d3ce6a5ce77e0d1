import { describe, expect, it } from 'vitest';
import { localized, maxTextLength, pickText } from './localized.js';
import { Offer, type OfferInput } from './offer.js';

const valid: OfferInput = {
  id: 'sprachcafe',
  title: localized({ de: 'Sprachcafé', en: 'Language café' }),
  summary: localized({ de: 'Deutsch üben.', en: 'Practise German.' }),
  providerName: 'Verein',
  topic: 'education',
  category: 'german_course',
  targetGroups: ['all_newcomers'],
  source: { url: 'https://example.org/cafe', asOf: '2025-05', confidence: 'high' },
  verifiedAt: null,
};

describe('Offer', () => {
  it('accepts a sourced offer and fills defaults', () => {
    const offer = Offer.parse(valid);
    expect(offer).toMatchObject({
      cost: 'unknown',
      languages: [],
      formats: [],
      needsRecheck: false,
      exampleData: false,
    });
  });

  it('refuses a category from another topic field, naming the field', () => {
    const result = Offer.safeParse({ ...valid, topic: 'housing' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['category']);
  });

  it('requires a source unless the offer is flagged as example data', () => {
    const { source: _source, ...unsourced } = valid;
    expect(Offer.safeParse(unsourced).error?.issues[0]?.path).toEqual(['source']);
    expect(Offer.safeParse({ ...unsourced, exampleData: true }).success).toBe(true);
  });

  it('takes a text up to its longest, and names a longer one', () => {
    const titled = (text: string) => ({ ...valid, title: { de: { text, status: 'source' } } });
    expect(Offer.safeParse(titled('a'.repeat(maxTextLength))).success).toBe(true);
    const issues = Offer.safeParse(titled('a'.repeat(maxTextLength + 1))).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['title.de.text', 'must be at most 10,000 characters'],
    ]);
  });

  it('refuses unknown fields, bad ids, empty texts and inverted age ranges', () => {
    const result = Offer.safeParse({
      ...valid,
      id: 'Not An Id',
      title: { de: { text: ' ', status: 'source' } },
      eligibility: { minAge: 30, maxAge: 20 },
      colour: 'blue',
    });
    const paths = result.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['id', 'title.de.text', 'eligibility.maxAge', '']),
    );
  });

  it('refuses a translation status outside the four', () => {
    expect(
      Offer.safeParse({ ...valid, title: { de: { text: 'x', status: 'auto' } } }).success,
    ).toBe(false);
  });
});

describe('pickText', () => {
  const text = {
    de: { text: 'Hallo', status: 'source' as const },
    ar: { text: 'مرحبا', status: 'machine' as const },
  };

  it('returns the language asked for', () => {
    expect(pickText(text, 'ar')).toEqual({
      text: 'مرحبا',
      lang: 'ar',
      status: 'machine',
      fallback: false,
    });
  });

  it('falls back visibly: English, then German, then any language', () => {
    expect(pickText(text, 'uk')).toEqual({
      text: 'Hallo',
      lang: 'de',
      status: 'source',
      fallback: true,
    });
    expect(pickText({ fr: { text: 'Salut', status: 'reviewed' } }, 'uk')).toMatchObject({
      lang: 'fr',
      fallback: true,
    });
    expect(pickText(undefined, 'de')).toBeUndefined();
  });
});
