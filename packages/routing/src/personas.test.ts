import { describe, expect, it } from 'vitest';
import { createRouter } from './engine.js';
import { checkExpectations, Persona, runPersonas } from './personas.js';
import { fixture, rule } from './testing/fixture.js';

const data = fixture([
  rule({
    id: 'R1',
    when: { fact: 'residence', op: 'eq', value: 'karlsruhe_city' },
    then: [{ step: 'registration' }],
  }),
  rule({
    id: 'R2',
    when: { fact: 'age', op: 'gte', value: 18 },
    then: [{ step: 'jobcenter', after: ['registration'] }],
  }),
  rule({
    id: 'R3',
    when: { fact: 'benefits', op: 'eq', value: 'asylblg' },
    then: [{ exclude: 'jobcenter' }],
  }),
]);
const router = createRouter(data);
const persona = (expected: object, profile: object = { residence: 'karlsruhe_city', age: 30 }) =>
  Persona.parse({ id: 'x', description: 'x', profile, expected });
const failures = (p: Persona) =>
  checkExpectations(p, router.route(p.profile, { date: '2026-11-25' }));

describe('persona checks', () => {
  it('pass when must, must-not and order hold', () => {
    expect(
      failures(
        persona({
          must_include: ['registration', 'jobcenter'],
          must_not_include: ['counselling'],
          order_constraints: [['registration', 'jobcenter']],
        }),
      ),
    ).toEqual([]);
  });

  it('say which step is missing and why', () => {
    expect(
      failures(
        persona(
          { must_include: ['jobcenter'] },
          { residence: 'karlsruhe_city', age: 30, benefits: 'asylblg' },
        ),
      ),
    ).toEqual(['missing step jobcenter (excluded by R3)']);
    expect(failures(persona({ must_include: ['counselling'] }))).toEqual([
      'missing step counselling (no rule fired for it)',
    ]);
  });

  it('name the rule behind an unexpected step', () => {
    expect(failures(persona({ must_not_include: ['jobcenter'] }))).toEqual([
      'unexpected step jobcenter (from R2)',
    ]);
  });

  it('check order strictly, and only between steps that are both on the route', () => {
    expect(failures(persona({ order_constraints: [['jobcenter', 'registration']] }))).toEqual([
      'order: jobcenter (step 2) must come before registration (step 1)',
    ]);
    expect(failures(persona({ order_constraints: [['counselling', 'registration']] }))).toEqual([]);
  });

  it('use the persona’s own date over the runner’s', () => {
    const dated = Persona.parse({
      id: 'd',
      description: 'd',
      profile: {},
      date: '2030-01-01',
      expected: {},
    });
    expect(runPersonas([dated], router, { date: '2026-11-25' })[0]?.date).toBe('2030-01-01');
  });
});
