import { EntityId, IsoDate, WebUrl } from '@ankommen/taxonomy';
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
    sources: z.array(WebUrl).default([]),
    notes: z.string().optional(),
  })
  .strict();
export type Persona = z.infer<typeof Persona>;
/** A persona as written before parsing: `expected`'s lists and `sources` may be left out. */
export type PersonaInput = z.input<typeof Persona>;

/** Schema of a list of personas (a data package's `personas.json`); refuses duplicate ids. */
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

/** The outcome of one persona in {@link runPersonas}. */
export interface PersonaResult {
  /** The persona's id. */
  id: string;
  description: string;
  /** The date the persona was routed on, `YYYY-MM-DD`: its own, else the runner's. */
  date: string;
  /** True when every expectation holds (`failures` is empty). */
  passed: boolean;
  /** One line per failed expectation, saying why. */
  failures: string[];
  /** The route the persona got, to show or inspect. */
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

/**
 * Routes every persona with `router`, on the persona's own date or else `options.date`
 * (`YYYY-MM-DD`), with explanations in `options.lang` (default `de`), and checks each route
 * against the persona's expectations ({@link checkExpectations}). Never throws for a failing
 * persona: the results say which passed.
 *
 * @example
 * const results = runPersonas(data.personas, createRouter(data), { date: '2026-11-25' });
 * for (const r of results.filter((r) => !r.passed)) console.log(r.id, r.failures);
 */
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
