import { EntityId, IsoDate } from '@ankommen/taxonomy';
import { z } from 'zod';
import type { Router } from './engine.js';
import { Profile } from './profile.js';
import type { Wegweiser } from './wegweiser.js';

/** A worked case: a profile and what its route must and must not contain. */
export const Persona = z
  .object({
    id: z.string().min(1),
    description: z.string().min(1),
    profile: Profile,
    /** Evaluation date for this case (date-dependent rules); otherwise the runner's date. */
    date: IsoDate.optional(),
    expected: z
      .object({
        must_include: z.array(EntityId).default([]),
        must_not_include: z.array(EntityId).default([]),
        may_include: z.array(EntityId).default([]),
        order_constraints: z.array(z.tuple([EntityId, EntityId])).default([]),
      })
      .strict(),
    sources: z.array(z.url()).default([]),
    notes: z.string().optional(),
  })
  .strict();
export type Persona = z.infer<typeof Persona>;
export type PersonaInput = z.input<typeof Persona>;

export const Personas = z.array(Persona).superRefine((personas, ctx) => {
  const seen = new Set<string>();
  personas.forEach((persona, index) => {
    if (seen.has(persona.id))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `duplicate persona id ${persona.id}`,
      });
    seen.add(persona.id);
  });
});

export interface PersonaResult {
  id: string;
  description: string;
  date: string;
  passed: boolean;
  /** One line per failed expectation, saying why. */
  failures: string[];
  wegweiser: Wegweiser;
}

/**
 * Checks a route against a persona's expectations: every `must_include` id is a step, no
 * `must_not_include` id is, and for each order constraint [a, b] whose ids are both steps,
 * a comes strictly before b.
 */
export function checkExpectations(persona: Persona, wegweiser: Wegweiser): string[] {
  const failures: string[] = [];
  const steps = new Map(wegweiser.steps.map((step) => [step.target, step]));
  const excludedBy = (target: string) =>
    wegweiser.excluded
      .find((e) => e.target === target)
      ?.because.map((r) => r.rule)
      .join(', ');
  for (const target of persona.expected.must_include) {
    if (!steps.has(target)) {
      const why = excludedBy(target);
      failures.push(
        `missing step ${target}${why ? ` (excluded by ${why})` : ' (no rule fired for it)'}`,
      );
    }
  }
  for (const target of persona.expected.must_not_include) {
    const step = steps.get(target);
    if (step)
      failures.push(
        `unexpected step ${target} (from ${step.because.map((r) => r.rule).join(', ')})`,
      );
  }
  for (const [first, second] of persona.expected.order_constraints) {
    const a = steps.get(first);
    const b = steps.get(second);
    if (a && b && a.order >= b.order) {
      failures.push(
        `order: ${first} (step ${a.order}) must come before ${second} (step ${b.order})`,
      );
    }
  }
  return failures;
}

export function runPersonas(
  personas: readonly Persona[],
  router: Router,
  options: { date: string; lang?: string },
): PersonaResult[] {
  return personas.map((persona) => {
    const date = persona.date ?? options.date;
    const wegweiser = router.route(persona.profile, { date, lang: options.lang ?? 'de' });
    const failures = checkExpectations(persona, wegweiser);
    return {
      id: persona.id,
      description: persona.description,
      date,
      passed: failures.length === 0,
      failures,
      wegweiser,
    };
  });
}
