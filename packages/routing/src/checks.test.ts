import { createRegistry, RegistryData } from '@ankommen/registry';
import { Offer } from '@ankommen/taxonomy';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.js';
import { checkRuleSet } from './checks.js';
import { Persona } from './personas.js';
import { offersInput, registryInput, rule, ruleSetInput } from './testing/fixture.js';

const registry = createRegistry(RegistryData.parse(registryInput));
const catalog = createCatalog(offersInput.map((o) => Offer.parse(o)));
const options = { registry, catalog, date: '2026-11-25', samples: 2_000 };
const adult = { fact: 'age', op: 'gte', value: 18 } as const;

describe('checkRuleSet', () => {
  it('passes a sound rule set', () => {
    const result = checkRuleSet(
      ruleSetInput([rule({ id: 'R1', when: adult, then: [{ step: 'jobcenter' }] })]),
      options,
    );
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports every schema error at once, each with its path', () => {
    const input = ruleSetInput([
      rule({ id: 'r1', when: adult, then: [{ step: 'jobcenter' }] }),
      rule({ id: 'R2', when: { fact: 'age', op: 'contains', value: 'x' } as never, then: [] }),
      rule({
        id: 'R3',
        when: { fact: 'colour', op: 'eq', value: 'red' } as never,
        then: [{ step: 'jobcenter', documents: ['visa'] }],
      }),
    ]);
    const result = checkRuleSet(input, options);
    expect(result.ok).toBe(false);
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['rules.0.id', 'rules.1.then', 'rules.2.then.0.documents.0']),
    );
    expect(result.problems.every((p) => p.code === 'schema')).toBe(true);
    expect(result.problems.length).toBeGreaterThanOrEqual(4);
  });

  it('names an operator that does not fit its fact', () => {
    const result = checkRuleSet(
      ruleSetInput([
        rule({
          id: 'R1',
          when: { fact: 'age', op: 'contains', value: 3 },
          then: [{ step: 'jobcenter' }],
        }),
      ]),
      options,
    );
    expect(result.problems[0]?.message).toMatch(
      /operator contains does not apply to a number fact/,
    );
  });

  it('finds targets that are neither agency nor offer', () => {
    const result = checkRuleSet(
      ruleSetInput([
        rule({ id: 'R1', when: adult, then: [{ step: 'townhall', after: ['registration'] }] }),
      ]),
      options,
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'unknown_target', rule: 'R1', path: 'rules.0.then.0' }),
    ]);
  });

  it('finds a dependency cycle between rules that fire together', () => {
    const result = checkRuleSet(
      ruleSetInput([
        rule({ id: 'R1', when: adult, then: [{ step: 'jobcenter', after: ['counselling'] }] }),
        rule({ id: 'R2', when: adult, then: [{ step: 'counselling', after: ['jobcenter'] }] }),
      ]),
      options,
    );
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toContain(
      'cycle',
    );
  });

  it('only warns about a cycle whose rules never fire together', () => {
    const result = checkRuleSet(
      ruleSetInput([
        rule({
          id: 'R1',
          when: { fact: 'has_id_documents', op: 'eq', value: true },
          then: [{ step: 'jobcenter', after: ['counselling'] }, { step: 'counselling' }],
        }),
        rule({
          id: 'R2',
          when: { fact: 'has_id_documents', op: 'eq', value: false },
          then: [{ step: 'counselling', after: ['jobcenter'] }, { step: 'jobcenter' }],
        }),
      ]),
      options,
    );
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'cycle' }),
    ]);
  });

  it('finds a target required and excluded for one profile', () => {
    const result = checkRuleSet(
      ruleSetInput([
        rule({ id: 'R1', when: adult, then: [{ step: 'jobcenter' }] }),
        rule({
          id: 'R2',
          when: { fact: 'benefits', op: 'eq', value: 'buergergeld' },
          then: [{ exclude: 'jobcenter' }],
        }),
      ]),
      options,
    );
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ code: 'contradiction', rule: 'R1' });
    expect(result.problems[0]?.message).toMatch(/jobcenter is required by R1 and excluded by R2/);
  });

  it('finds rules that no persona fires', () => {
    const persona = Persona.parse({
      id: 'p1',
      description: 'adult',
      profile: { age: 30 },
      expected: {},
    });
    const result = checkRuleSet(
      ruleSetInput([
        rule({ id: 'R1', when: adult, then: [{ step: 'jobcenter' }] }),
        rule({
          id: 'R2',
          when: { fact: 'age', op: 'lt', value: 12 },
          then: [{ step: 'counselling' }],
        }),
      ]),
      { ...options, personas: [persona] },
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'unfired_rule', rule: 'R2' }),
    ]);
  });
});
