import { describe, expect, it } from 'vitest';
import {
  compactWegweiser,
  compactWegweiserJson,
  expandWegweiser,
  wegweiserTexts,
} from './compact.js';
import { createRouter } from './engine.js';
import { fixture, rule } from './testing/fixture.js';

const data = fixture([
  rule({
    id: 'R1',
    when: { fact: 'residence', op: 'eq', value: 'karlsruhe_city' },
    then: [{ step: 'registration', documents: ['passport'] }, { exclude: 'jobcenter' }],
  }),
  rule({
    id: 'R2',
    when: { fact: 'age', op: 'gte', value: 27 },
    then: [{ step: 'counselling', optional: true }, { step: 'language_course' }],
  }),
]);
const router = createRouter(data);
const profile = { residence: 'karlsruhe_city', age: 30 } as const;

describe('compact Wegweiser', () => {
  it('keeps the personal part and names reasons by rule id', () => {
    const full = router.route(profile, { date: '2026-11-25', lang: 'en' });
    const compact = compactWegweiser(full);
    expect(compact.steps.map((s) => [s.target, s.because])).toEqual([
      ['registration', ['R1']],
      ['counselling', ['R2']],
      ['language_course', ['R2']],
    ]);
    expect(compact.excluded).toEqual([{ target: 'jobcenter', because: ['R1'] }]);
    expect(compact.steps[0]?.documents).toEqual(['passport']);
    expect(JSON.stringify(compact)).not.toContain('Because');
  });

  it('expands back to the full Wegweiser with the texts of its language', () => {
    for (const lang of ['de', 'en', 'ar']) {
      const full = router.route(profile, { date: '2026-11-25', lang });
      const texts = wegweiserTexts(data, lang);
      expect(expandWegweiser(compactWegweiser(full), texts)).toEqual(full);
    }
  });

  it('names every target with its kind, and flags text that fell back', () => {
    const texts = wegweiserTexts(data, 'ar');
    expect(texts.targets.registration).toMatchObject({ kind: 'agency', text: 'registration' });
    expect(texts.targets.language_course).toMatchObject({ kind: 'offer', fallback: true });
    expect(texts.targets.jobcenter?.kind).toBe('agency');
    expect(texts.documents.passport).toMatchObject({
      text: 'Passport',
      lang: 'en',
      fallback: true,
    });
    expect(texts.reasons.R1).toMatchObject({
      rule: 'R1',
      lang: 'en',
      source: 'https://example.org/law',
    });
  });

  it('keeps a rule id the texts lack as its own text instead of failing', () => {
    const compact = compactWegweiser(router.route(profile, { date: '2026-11-25' }));
    const texts = { lang: 'de', reasons: {}, documents: {}, targets: {} };
    expect(expandWegweiser(compact, texts).steps[0]?.because[0]).toMatchObject({
      rule: 'R1',
      text: 'R1',
    });
  });

  it('serialises to the same JSON as JSON.stringify, free text escaped', () => {
    const full = router.route(profile, { date: '2026-11-25', lang: 'en' });
    const tricky = {
      ...full,
      steps: full.steps.map((step) => ({
        ...step,
        deadline: 'in "2" Wochen\n\u2028 ‏عربى',
        deadline_days: 3,
      })),
      warnings: ['a "cycle"\\'],
    };
    for (const wegweiser of [full, tricky]) {
      const json = compactWegweiserJson(wegweiser, { revision: '7@"now"' });
      expect(JSON.parse(json)).toEqual({ ...compactWegweiser(wegweiser), revision: '7@"now"' });
      expect(json).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});
