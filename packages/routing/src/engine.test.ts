import { Offer } from '@ankommen/taxonomy';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.js';
import { createRouter, route, type RouteOptions } from './engine.js';
import { profileFields, type Profile } from './profile.js';
import { fixture, offersInput, rule } from './testing/fixture.js';

const date = '2026-11-25';
const city = { fact: 'residence', op: 'eq', value: 'karlsruhe_city' } as const;
const thirdCountry = {
  fact: 'citizenship',
  op: 'in',
  value: ['third_country', 'stateless'],
} as const;

describe('route', () => {
  const data = fixture([
    rule({
      id: 'R1',
      when: city,
      then: [
        {
          step: 'registration',
          deadline: { days: 14, text: { en: { text: 'within 2 weeks', status: 'source' } } },
          documents: ['passport'],
        },
      ],
    }),
    rule({
      id: 'R2',
      when: { all: [city, thirdCountry] },
      then: [{ step: 'immigration_city', after: ['registration'] }],
    }),
    rule({
      id: 'R3',
      when: { all: [city, { fact: 'nationality', op: 'eq', value: 'UA' }] },
      then: [
        {
          step: 'registration',
          deadline: { days: 7, text: { en: { text: 'within 1 week', status: 'source' } } },
        },
      ],
    }),
    rule({
      id: 'R4',
      when: { fact: 'benefits', op: 'eq', value: 'buergergeld' },
      then: [{ step: 'jobcenter' }],
    }),
    rule({
      id: 'R5',
      when: { fact: 'benefits', op: 'eq', value: 'asylblg' },
      then: [{ exclude: 'jobcenter' }],
    }),
    rule({
      id: 'R6',
      when: { fact: 'age', op: 'gte', value: 27 },
      then: [{ step: 'counselling', optional: true }],
    }),
  ]);

  it('orders steps by their dependencies, and independent steps share a number', () => {
    const result = route(
      {
        residence: 'karlsruhe_city',
        citizenship: 'third_country',
        benefits: 'buergergeld',
        age: 30,
      },
      { ...data, date },
    );
    const order = Object.fromEntries(result.steps.map((s) => [s.target, s.order]));
    expect(order).toEqual({ registration: 1, jobcenter: 1, counselling: 1, immigration_city: 2 });
    expect(result.steps.find((s) => s.target === 'counselling')?.optional).toBe(true);
  });

  it('explains every step with its rule, text and source', () => {
    const result = route(
      { residence: 'karlsruhe_city', citizenship: 'EU' },
      { ...data, date, lang: 'en' },
    );
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]?.because).toEqual([
      {
        rule: 'R1',
        text: 'Because …',
        lang: 'en',
        source: 'https://example.org/law',
        sources: ['https://example.org/law'],
      },
    ]);
    expect(result.steps[0]?.documents).toEqual(['passport']);
  });

  it('merges a target reached by several rules and keeps the shortest deadline', () => {
    const result = route(
      { residence: 'karlsruhe_city', citizenship: 'third_country', nationality: 'UA' },
      { ...data, date, lang: 'en' },
    );
    const registration = result.steps.find((s) => s.target === 'registration');
    expect(registration?.deadline_days).toBe(7);
    expect(registration?.deadline).toBe('within 1 week');
    expect(registration?.because.map((r) => r.rule)).toEqual(['R1', 'R3']);
  });

  it('lets an exclusion win over a step, and reports it', () => {
    const result = route({ benefits: 'asylblg' }, { ...data, date });
    expect(result.steps.map((s) => s.target)).not.toContain('jobcenter');
    expect(result.excluded.map((e) => e.target)).toEqual(['jobcenter']);
  });

  it('never guesses: an unanswered fact leaves its rule unfired and is reported missing', () => {
    const result = route({ residence: 'karlsruhe_city' }, { ...data, date });
    expect(result.steps.map((s) => s.target)).toEqual(['registration']);
    expect(result.missing).toEqual(['age', 'citizenship', 'benefits', 'nationality']);
  });

  it('asks only questions whose answer could change the route', () => {
    // Living elsewhere settles R1 to R3 whatever the citizenship or nationality: neither is asked.
    const result = route({ residence: 'other', benefits: 'none', age: 40 }, { ...data, date });
    expect(result.missing).toEqual([]);
  });

  it('is deterministic and independent of the order of profile keys', () => {
    const a = route(
      { age: 30, residence: 'karlsruhe_city', citizenship: 'third_country' },
      { ...data, date },
    );
    const b = route(
      { citizenship: 'third_country', residence: 'karlsruhe_city', age: 30 },
      { ...data, date },
    );
    expect(b).toEqual(a);
  });

  it('records the evaluation date and does not depend on today', () => {
    const router = createRouter(data);
    expect(router.route({}, { date: '2031-01-01' }).date).toBe('2031-01-01');
  });
});

describe('validity and dates', () => {
  const data = fixture([
    rule({
      id: 'OLD',
      when: { fact: 'age', op: 'answered' },
      then: [{ step: 'jobcenter' }],
      validity: { until: '2026-06-30' },
    }),
    rule({
      id: 'NEW',
      when: { fact: 'age', op: 'answered' },
      then: [{ step: 'counselling' }],
      validity: { from: '2026-07-01' },
    }),
    rule({
      id: 'ARRIVAL',
      when: { fact: 'arrival_date', op: 'on_or_after', value: '2025-04-01' },
      then: [{ step: 'registration' }],
    }),
    rule({
      id: 'SWITCH',
      when: { evaluation_date: { op: 'on_or_after', value: '2027-01-01' } },
      then: [{ step: 'immigration_city' }],
    }),
  ]);
  const targets = (profile: object, on: string) =>
    route(profile, { ...data, date: on })
      .steps.map((s) => s.target)
      .sort();

  it('applies a rule only within its validity period, boundaries included', () => {
    expect(targets({ age: 30 }, '2026-06-30')).toEqual(['jobcenter']);
    expect(targets({ age: 30 }, '2026-07-01')).toEqual(['counselling']);
  });

  it('compares evaluation dates', () => {
    expect(targets({}, '2026-12-31')).toEqual([]);
    expect(targets({}, '2027-01-01')).toEqual(['immigration_city']);
  });

  it('treats a month as a range: the boundary month itself is after, an unclear month is unknown', () => {
    expect(targets({ arrival_date: '2025-03' }, '2026-01-01')).toEqual([]);
    expect(targets({ arrival_date: '2025-04' }, '2026-01-01')).toEqual(['registration']);
    expect(targets({ arrival_date: '2025-03-31' }, '2026-01-01')).toEqual([]);
  });

  it('derives months since arrival from the arrival date and the evaluation date', () => {
    const withMonths = fixture([
      rule({
        id: 'NEWCOMER',
        when: { fact: 'months_since_arrival', op: 'lte', value: 6 },
        then: [{ step: 'registration' }],
      }),
    ]);
    const at = (profile: object, on: string) =>
      route(profile, { ...withMonths, date: on }).steps.length;
    expect(at({ arrival_date: '2026-05-25' }, '2026-11-25')).toBe(1);
    expect(at({ arrival_date: '2026-05-24' }, '2026-12-25')).toBe(0);
    expect(at({ months_in_germany: 3 }, '2030-01-01')).toBe(1);
    const missing = route({}, { ...withMonths, date: '2026-11-25' }).missing;
    expect(missing).toEqual(['arrival_date']);
  });
});

describe('competence through the registry', () => {
  const competence = [
    rule({
      id: 'TOWN',
      when: { competent: { service: 'residence_permit', agency: 'immigration_town' } },
      then: [{ step: 'immigration_town' }],
    }),
    rule({
      id: 'COUNTY',
      when: { competent: { service: 'residence_permit', agency: 'immigration_county' } },
      then: [{ step: 'immigration_county' }],
    }),
  ];
  const data = fixture(competence);
  const result = (profile: object) => route(profile, { ...data, date });

  it('sends a town with its own office there, and other towns to the county', () => {
    expect(
      result({ residence: 'karlsruhe_district', municipality: 'Bruchsal' }).steps.map(
        (s) => s.target,
      ),
    ).toEqual(['immigration_town']);
    expect(
      result({ residence: 'karlsruhe_district', municipality: 'Pfinztal' }).steps.map(
        (s) => s.target,
      ),
    ).toEqual(['immigration_county']);
  });

  it('asks for the municipality instead of guessing', () => {
    const wegweiser = result({ residence: 'karlsruhe_district' });
    expect(wegweiser.steps).toEqual([]);
    expect(wegweiser.missing).toEqual(['municipality']);
  });

  it('reads a typed name alike in the rules and in the registry, and an unanswered one apart', () => {
    const named = fixture([
      ...competence,
      rule({
        id: 'NAMED',
        when: { fact: 'municipality', op: 'eq', value: 'Bruchsal' },
        then: [{ step: 'immigration_town' }],
      }),
    ]);
    const router = createRouter(named);
    const fired = (municipality?: string) =>
      router.firedRules({ residence: 'karlsruhe_district', municipality }, date).sort();
    for (const typed of ['Bruchsal', ' bruchsal ', '(a)Bruchsal(b)', 'BRUCHSAL  (Baden)'])
      expect(fired(typed), typed).toEqual(['NAMED', 'TOWN']);
    expect(fired('Bruch  sal')).toEqual(['COUNTY']);
    expect(fired('undefined')).toEqual(['COUNTY']);
    expect(fired(undefined)).toEqual([]);
  });

  it('keeps what it learnt of a person only by keyOf, and routes alike', () => {
    const kept: string[] = [];
    const router = createRouter(data, {
      keyOf: (text) => {
        kept.push(text);
        return `#${kept.indexOf(text)}`;
      },
    });
    const profile = { residence: 'karlsruhe_district', municipality: 'Bruchsal' } as const;
    const decision = router.decide(profile, { date });
    expect(decision.key).toMatch(/^#\d+$/);
    expect(kept.some((text) => text.includes('bruchsal'))).toBe(true);
    expect(router.route(profile, { date })).toEqual(result(profile));
    expect(decision.wegweiser()).toEqual(result(profile));
  });
});

describe('offers', () => {
  const data = fixture([
    rule({ id: 'C', when: { fact: 'age', op: 'gte', value: 0 }, then: [{ step: 'counselling' }] }),
  ]);

  it('matches needs, age and the person’s languages, and leaves expired offers out', () => {
    const young = route(
      { age: 20, needs: ['language', 'leisure', 'counselling'] },
      { ...data, date, lang: 'fr' },
    );
    expect(young.offers).toContain('youth_club');
    expect(young.offers).toContain('french_counselling');
    expect(young.offers).not.toContain('old_project');
    expect(young.offers).not.toContain('arabic_counselling');
    const old = route({ age: 40, needs: ['leisure'] }, { ...data, date });
    expect(old.offers).not.toContain('youth_club');
  });

  it('lists the offers behind a step on the step itself', () => {
    const result = route({ age: 30 }, { ...data, date, lang: 'ar' });
    expect(result.steps[0]?.offers).toEqual(['arabic_counselling']);
    expect(result.offers).not.toContain('arabic_counselling');
  });
});

describe('decision key', () => {
  // An offer whose age limits fall inside a target group (youth is 12 to 26): only the key's
  // age band can tell a 14-year-old's offers from a 16-year-old's.
  const teenCourse = {
    ...offersInput[0]!,
    id: 'teen_course',
    eligibility: { minAge: 15, maxAge: 20 },
  };
  const router = createRouter({
    ...fixture([
      rule({ id: 'R1', when: city, then: [{ step: 'registration' }] }),
      rule({ id: 'R2', when: { all: [city, thirdCountry] }, then: [{ step: 'immigration_city' }] }),
    ]),
    catalog: createCatalog([...offersInput, teenCourse].map((offer) => Offer.parse(offer))),
  });
  const options = { date, lang: 'de' };
  const base: Profile = {
    residence: 'karlsruhe_city',
    citizenship: 'EU',
    age: 16,
    municipality: 'A',
  };

  it('is equal for answers that lead to the same Wegweiser', () => {
    const other: Profile = { ...base, citizenship: 'EEA_CH', age: 17, municipality: 'B' };
    expect(router.decide(other, options).key).toBe(router.decide(base, options).key);
    expect(router.route(other, options)).toEqual(router.route(base, options));
  });

  it('has a bit for every profile field in its unanswered mask', () => {
    // `1 << i` wraps at 32: a 33rd profile field needs a wider mask in `decide`.
    expect(profileFields.length).toBeLessThanOrEqual(32);
  });

  it('tells apart what only a caller that skips validation can send', () => {
    const adult = router.route({ ...base, age: 20.5 }, options);
    expect(adult).not.toEqual(router.route({ ...base, age: 20 }, options));
    expect(router.decide({ ...base, age: 20.5 }, options).key).not.toBe(
      router.decide({ ...base, age: 20 }, options).key,
    );
    const listed = (languages: string[]) => router.decide(base, { ...options, languages }).key;
    expect(listed(['ar,de'])).not.toBe(listed(['ar', 'de']));
  });

  const changes: [string, Profile, RouteOptions][] = [
    ['a rule', { ...base, citizenship: 'third_country' }, options],
    ['an offer’s age limit', { ...base, age: 14 }, options],
    ['a target group', { ...base, age: 30 }, options],
    [
      'an unanswered question',
      { residence: 'karlsruhe_city', age: 16, municipality: 'A' },
      options,
    ],
    ['the need', { ...base, needs: ['leisure'] }, options],
    ['the language', base, { date, lang: 'en' }],
    ['the date', base, { date: '2026-11-26', lang: 'de' }],
  ];
  it.each(changes)('differs where %s changes the Wegweiser', (_, profile, changed) => {
    expect(router.route(profile, changed)).not.toEqual(router.route(base, options));
    expect(router.decide(profile, changed).key).not.toBe(router.decide(base, options).key);
  });
});
