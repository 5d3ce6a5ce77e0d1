import { createRouter, Profile, profileFields, type ProfileField } from '@ankommen/routing';
import { uiLanguages } from '@ankommen/taxonomy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { karlsruhe } from './index.js';

// The API keeps Wegweisers by the router's decision key (ADR 0020), so an equal key for two
// profiles with different Wegweisers would hand one person another's plan. These properties
// hold the key to that on the Karlsruhe rules: a persona, then the same persona with one
// answer changed or left out, must get the same Wegweiser whenever the keys are equal.

const data = karlsruhe();
const router = createRouter(data);
const personas = data.personas.map((persona) => Profile.parse(persona.profile));
const dates = ['2026-11-25', '2025-01-31', '2027-06-30'];

/** The values a field takes in the personas, plus what its schema allows, plus a stranger. */
function valuesOf(field: ProfileField): fc.Arbitrary<unknown> {
  const seen = personas.map((profile) => profile[field]).filter((value) => value !== undefined);
  const schema = Profile.shape[field].unwrap();
  const options: unknown[] = 'options' in schema ? [...schema.options] : [];
  const extra: Partial<Record<ProfileField, fc.Arbitrary<unknown>>> = {
    age: fc.integer({ min: 0, max: 120 }),
    months_in_germany: fc.integer({ min: 0, max: 240 }),
    children: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
    municipality: fc.constantFrom('Karlsruhe', 'Ettlingen', 'Bretten', 'Stutensee', 'Freiburg'),
    nationality: fc.constantFrom('DE', 'FR', 'SY', 'UA', 'VN'),
    arrival_date: fc.constantFrom('2024-02', '2026-10-30', '2026-11', '2027-01-15'),
  };
  const known = [...seen, ...options];
  const choices = [
    ...(known.length > 0 ? [fc.constantFrom(...known)] : []),
    ...(extra[field] ? [extra[field]] : []),
  ];
  return fc.oneof(...choices, fc.constant(undefined));
}

const variant = fc
  .record({
    persona: fc.integer({ min: 0, max: personas.length - 1 }),
    field: fc.constantFrom(...profileFields),
    date: fc.constantFrom(...dates),
    lang: fc.constantFrom(...uiLanguages),
  })
  .chain((base) => valuesOf(base.field).map((value) => ({ ...base, value })));

function withAnswer(profile: Profile, field: ProfileField, value: unknown): Profile {
  const changed: Record<string, unknown> = { ...profile, [field]: value };
  if (value === undefined) delete changed[field];
  return Profile.parse(changed);
}

describe('decision key (Karlsruhe rules)', () => {
  it('gives equal Wegweisers to profiles with equal keys, as routing would', () => {
    let equalKeys = 0;
    let changedAnswers = 0;
    fc.assert(
      fc.property(variant, ({ persona, field, value, date, lang }) => {
        const one = personas[persona]!;
        const other = withAnswer(one, field, value);
        const options = { date, lang };
        const decision = router.decide(other, options);
        // Routing in between must not change what the decision builds.
        expect(router.route(one, options)).toEqual(router.decide(one, options).wegweiser());
        expect(decision.wegweiser()).toEqual(router.route(other, options));
        if (router.decide(one, options).key !== decision.key) return;
        equalKeys++;
        if (JSON.stringify(one[field]) !== JSON.stringify(other[field])) changedAnswers++;
        expect(router.route(other, options)).toEqual(router.route(one, options));
      }),
      { seed: 20261126, numRuns: 6000 },
    );
    // The property says something only if changed answers often keep their key.
    expect(changedAnswers).toBeGreaterThan(200);
    expect(equalKeys).toBeGreaterThan(changedAnswers);
  });

  it('tells apart every persona, date and language whose Wegweisers differ', () => {
    const byKey = new Map<string, string>();
    for (const profile of personas)
      for (const date of dates)
        for (const lang of uiLanguages) {
          const options = { date, lang };
          const key = router.decide(profile, options).key;
          const wegweiser = JSON.stringify(router.route(profile, options));
          expect(byKey.get(key) ?? wegweiser).toBe(wegweiser);
          byKey.set(key, wegweiser);
        }
    expect(byKey.size).toBeGreaterThan(personas.length * dates.length);
  });

  it('holds no age, place, nationality, arrival date or children’s ages', () => {
    const profile = Profile.parse({
      age: 47,
      municipality: 'Walzbachtal',
      nationality: 'ER',
      arrival_date: '2025-03-14',
      children: [4, 9],
    });
    const key = router.decide(profile, { date: '2026-11-25', lang: 'de' }).key;
    expect(key.split(/[|:,]/)).not.toContain('47');
    for (const given of ['Walzbachtal', 'walzbachtal', 'ER', '2025-03', '4,9'])
      expect(key).not.toContain(given);
  });
});
