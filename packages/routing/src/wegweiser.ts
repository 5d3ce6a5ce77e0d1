import { z } from 'zod';
import { ProfileFieldName } from './profile.js';

// The Wegweiser's types come from these schemas, so that the API can document its answers
// with them and its tests can check real answers against them. Objects are strict: a field
// the schema does not name is an error, never an undocumented extra.

/** One reason for a step or an exclusion: the rule, its explanation, and where it comes from. */
export const Reason = z
  .object({
    rule: z.string(),
    text: z.string(),
    lang: z
      .string()
      .describe('The language `text` is in; differs from the one asked for when it fell back'),
    source: z.string().describe('The rule’s first source; `sources` lists all of them'),
    sources: z.array(z.string()).readonly(),
  })
  .strict();
/** One reason for a step or an exclusion: the rule, its explanation, and its sources. */
export type Reason = z.infer<typeof Reason>;

/** The fields a step has in both forms, full and compact (whose `because` are rule ids). */
export const stepFields = {
  target: z.string().describe('An agency or offer id of the routing vocabulary'),
  order: z
    .number()
    .int()
    .describe('The position to take the step in; steps whose order does not matter share a number'),
  optional: z.boolean().describe('A step the person may take; not required'),
  deadline: z
    .string()
    .optional()
    .describe(
      'The deadline in words, in the route’s language (with fallback), e.g. "within 2 weeks of moving in"',
    ),
  deadline_days: z
    .number()
    .int()
    .optional()
    .describe('The deadline in days, where the rules give one; of several, the shortest'),
  documents: z
    .array(z.string())
    .describe('Ids of documents to bring; their labels are in the rule set’s `documents`'),
  after: z
    .array(z.string())
    .describe('Targets this step must come after (those that are on the route)'),
  offers: z
    .array(z.string())
    .describe('Offers of the catalogue that are, or belong to, this step’s target'),
};

/** One step of a Wegweiser: where to go, in which order, what to bring, by when, and why. */
export const Step = z.object({ ...stepFields, because: z.array(Reason) }).strict();
/** One step of a Wegweiser: where to go, in which order, what to bring, by when, and why. */
export type Step = z.infer<typeof Step>;

/** A target ruled out for the person, whatever other rules say, with the rules that rule it out. */
export const Exclusion = z.object({ target: z.string(), because: z.array(Reason) }).strict();
/** A target ruled out for the person, with the rules that rule it out. */
export type Exclusion = z.infer<typeof Exclusion>;

/** The fields a Wegweiser has in both forms, full and compact. */
export const wegweiserFields = {
  date: z.string().describe('The evaluation date, `YYYY-MM-DD`'),
  lang: z.string(),
  missing: z
    .array(ProfileFieldName)
    .describe('Unanswered profile fields that could change the result; ask only these'),
  offers: z
    .array(z.string())
    .describe(
      'Offer ids from the catalogue matching the person’s needs, target groups, languages and age',
    ),
  warnings: z
    .array(z.string())
    .describe(
      'Problems the engine worked around (e.g. a dependency cycle); empty for a sound rule set',
    ),
};

/** The personal guide: which office first, what to bring, and why. */
export const Wegweiser = z
  .object({
    ...wegweiserFields,
    steps: z.array(Step),
    excluded: z
      .array(Exclusion)
      .describe(
        'Targets ruled out for this person, with the reason (e.g. EU citizens need no residence title)',
      ),
  })
  .strict();
/** The personal guide: which office first, what to bring, and why. */
export type Wegweiser = z.infer<typeof Wegweiser>;
