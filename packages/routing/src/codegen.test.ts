import { describe, expect, it } from 'vitest';
import { closures, generated, type RuleCondition } from './codegen.js';
import type { Condition } from './conditions.js';
import { toFacts, type EvaluationContext } from './evaluate.js';
import type { Profile } from './profile.js';

/** One condition per operator and fact kind, plus nesting, validity and unknowns. */
const conditions: Condition[] = [
  { fact: 'age', op: 'gte', value: 27 },
  { fact: 'age', op: 'between', value: [12, 26] },
  { fact: 'age', op: 'answered' },
  { fact: 'employed', op: 'eq', value: false },
  { fact: 'citizenship', op: 'in', value: ['third_country', 'stateless'] },
  { fact: 'status', op: 'not_in', value: ['visitor', 'student'] },
  { fact: 'residence', op: 'ne', value: 'other' },
  { fact: 'german_level', op: 'lt', value: 'B1' },
  { fact: 'german_level', op: 'gte', value: 'B1' },
  { fact: 'german_level', op: 'lte', value: 'none' },
  { fact: 'german_level', op: 'gt', value: 'C2' },
  { fact: 'municipality', op: 'in', value: ['Bruchsal', 'Weingarten (Baden)'] },
  { fact: 'nationality', op: 'ne', value: 'CH' },
  { fact: 'needs', op: 'contains', value: 'work' },
  { fact: 'needs', op: 'contains_any', value: ['money', 'housing'] },
  { fact: 'needs', op: 'is_empty' },
  { fact: 'children', op: 'any_between', value: [1, 6] },
  { fact: 'children', op: 'is_empty' },
  { fact: 'arrival_date', op: 'before', value: '2025-04-01' },
  { fact: 'arrival_date', op: 'on_or_after', value: '2025-04-15' },
  { fact: 'months_since_arrival', op: 'lte', value: 6 },
  { evaluation_date: { op: 'before', value: '2026-07-01' } },
  { competent: { service: 'residence_permit', agency: 'town' } },
  { not: { fact: 'in_lea', op: 'eq', value: true } },
  {
    all: [
      { fact: 'age', op: 'gte', value: 18 },
      {
        any: [
          { fact: 'employed', op: 'eq', value: true },
          { not: { fact: 'needs', op: 'is_empty' } },
        ],
      },
    ],
  },
  {
    any: [{ not: { fact: 'in_lea', op: 'answered' } }, { fact: 'in_lea', op: 'eq', value: false }],
  },
];
const rules: RuleCondition[] = conditions.map((when, i) => ({
  when,
  from: i % 5 === 0 ? '2026-01-01' : '0000-00-00',
  until: i % 7 === 0 ? '2026-12-31' : '9999-99-99',
}));

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('generated rule code', () => {
  it('agrees with the closure evaluator on every rule, for thousands of profiles and dates', () => {
    const next = random(7);
    const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
    const maybe = <T>(value: T) => (next() < 0.3 ? undefined : value);
    const fast = generated(rules);
    const reference = closures(rules);
    const a = new Uint8Array(rules.length);
    const b = new Uint8Array(rules.length);
    for (let i = 0; i < 5_000; i++) {
      const profile: Profile = {
        age: maybe(Math.floor(next() * 90)),
        employed: maybe(next() < 0.5),
        citizenship: maybe(pick(['EU', 'third_country', 'stateless', 'german'] as const)),
        status: maybe(pick(['visitor', 'student', 'tolerated', 'other'] as const)),
        residence: maybe(pick(['karlsruhe_city', 'karlsruhe_district', 'other'] as const)),
        german_level: maybe(pick(['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const)),
        municipality: maybe(pick(['Bruchsal', 'weingarten (baden)', 'Pfinztal'])),
        nationality: maybe(pick(['CH', 'NO', 'UA'])),
        needs: maybe(next() < 0.3 ? [] : [pick(['work', 'money', 'language'] as const)!]),
        children: maybe(next() < 0.3 ? [] : [Math.floor(next() * 18)]),
        arrival_date: maybe(pick(['2025-03', '2025-04', '2025-04-15', '2024-12-31', '2026-10'])),
        in_lea: maybe(next() < 0.5),
      };
      const date = pick(['2025-12-31', '2026-01-01', '2026-06-30', '2026-07-01', '2027-01-01'])!;
      const context: EvaluationContext = {
        date,
        competent: (_service, _agency, f) =>
          f.municipality_folded === undefined ? 2 : f.municipality_folded === 'bruchsal' ? 1 : 0,
      };
      const facts = toFacts(profile, date);
      fast(facts, context, a);
      reference(facts, context, b);
      expect([...a], JSON.stringify({ profile, date })).toEqual([...b]);
    }
  });

  it('falls back to closures where code generation is forbidden', async () => {
    const { compileRuleSet } = await import('./codegen.js');
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct() {
        throw new EvalError('Code generation from strings disallowed for this context');
      },
    });
    try {
      const evaluate = compileRuleSet(rules.slice(0, 1));
      const out = new Uint8Array(1);
      evaluate(toFacts({ age: 30 }, '2026-05-01'), { date: '2026-05-01', competent: () => 2 }, out);
      expect(out[0]).toBe(1);
    } finally {
      globalThis.Function = original;
    }
  });
});
