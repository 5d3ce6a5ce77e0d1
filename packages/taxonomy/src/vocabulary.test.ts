import { describe, expect, it } from 'vitest';
import { uiLanguages } from './languages.js';
import { labelSets } from './labels/index.js';
import { TermCodeSchema } from './terms.js';
import { categoriesByTopic, categoryCodes, topicOf } from './topics.js';
import { findTerms, foldForSearch, label, terms } from './vocabulary.js';

describe('vocabulary', () => {
  it('labels every term in all eight UI languages, none empty or left in English by mistake', () => {
    expect(terms).toHaveLength(TermCodeSchema.options.length);
    for (const term of terms) {
      for (const lang of uiLanguages) {
        expect(term.label[lang]?.text.trim(), `${term.code} in ${lang}`).toBeTruthy();
      }
    }
    for (const lang of ['ar', 'fa', 'uk', 'ru'] as const) {
      const same = terms.filter(
        (t) =>
          t.kind === 'category' &&
          t.label[lang]?.text === t.label.en?.text &&
          t.label.en?.text !== 'LGBTIQ*',
      );
      expect(
        same.map((t) => t.code),
        lang,
      ).toEqual([]);
    }
  });

  it('marks machine-made labels as such', () => {
    expect(label('topic.housing', 'de')).toMatchObject({
      text: 'Wohnen',
      status: 'source',
      fallback: false,
    });
    expect(label('topic.housing', 'ar').status).toBe('machine');
    expect(labelSets.fa.status).toBe('machine');
  });

  it('gives every category exactly one topic field, with unique stable codes', () => {
    expect(new Set(categoryCodes).size).toBe(categoryCodes.length);
    for (const [topic, categories] of Object.entries(categoriesByTopic)) {
      for (const category of categories) expect(topicOf(category)).toBe(topic);
    }
    expect(new Set(terms.map((t) => t.code)).size).toBe(terms.length);
  });

  it('reaches a category from a query in any UI language', () => {
    const codes = (query: string) => findTerms(query, ['category']).map((t) => t.code);
    const arabic = labelSets.ar.labels['category.german_course'];
    const ukrainian = labelSets.uk.labels['category.german_course'];
    expect(codes(arabic)).toContain('category.german_course');
    expect(codes(ukrainian)).toContain('category.german_course');
    expect(codes('Deutschkurs')).toContain('category.german_course');
    expect(codes('wohnungs')).toContain('category.housing_search');
    expect(codes('')).toEqual([]);
  });

  it('folds text for search: case, accents, Arabic and Persian letter forms', () => {
    expect(foldForSearch('Straße Été')).toBe('strasse ete');
    expect(foldForSearch('كتاب')).toBe(foldForSearch('کتاب'));
    expect(foldForSearch('عَرَبِيّ')).toBe('عربي');
    expect(foldForSearch('اللغة الألمانية')).toBe(foldForSearch('لغة ألمانية'));
  });
});
