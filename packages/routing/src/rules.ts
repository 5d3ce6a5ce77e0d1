import { EntityId, LocalizedText, Validity, WebUrl } from '@ankommen/taxonomy';
import { z } from 'zod';
import { Condition } from './conditions.js';

/** Schema of a rule id: starts with a capital letter, then letters, digits, `-` or `_` (`R01`, `R09a`). */
export const RuleId = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9_-]*$/, 'must start with a capital letter, e.g. R01 or R09a');
export const SourceRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the key of a source in the rule set');

/** Schema of a step's deadline: `{ days?, text }`; `text` is shown, `days` compares deadlines. */
export const Deadline = z
  .object({
    /** The deadline in days, where the source gives one; merged steps keep the shortest. */
    days: z.number().int().positive().optional(),
    text: LocalizedText,
  })
  .strict();
/** A step's deadline: `{ days?, text }`; when steps merge, the shortest `days` wins. */
export type Deadline = z.infer<typeof Deadline>;

/** Go to `step` (an agency or offer id), after the listed steps where they are on the route. */
export const StepOutcome = z
  .object({
    step: EntityId,
    after: z.array(EntityId).default([]),
    deadline: Deadline.optional(),
    documents: z.array(EntityId).default([]),
    /** A step the person may take, not one they must take (discretion, or facts we cannot know). */
    optional: z.boolean().default(false),
  })
  .strict();
export type StepOutcome = z.infer<typeof StepOutcome>;

/** This target is not for the person, whatever other rules say. */
export const ExcludeOutcome = z.object({ exclude: EntityId }).strict();
export type ExcludeOutcome = z.infer<typeof ExcludeOutcome>;

/** Schema of what a fired rule does: a step (`{ step, … }`) or an exclusion (`{ exclude }`). */
export const Outcome = z.union([StepOutcome, ExcludeOutcome]);
/** What a fired rule does: a {@link StepOutcome} or an {@link ExcludeOutcome}. */
export type Outcome = z.infer<typeof Outcome>;

/**
 * Schema of a rule: when its condition is true, its outcomes apply, explained by `because`
 * and backed by `sources` (keys of the rule set's `sources`; the first is shown). Outside its
 * `validity` (`YYYY-MM-DD`, inclusive) the rule is false. A rule whose condition is unknown
 * does not fire; its unanswered facts are asked when firing it would change the route.
 */
export const Rule = z
  .object({
    /** Unique in the rule set, e.g. `R01`. */
    id: RuleId,
    /** For staff; the person sees `because`. */
    title: z.string().min(1),
    when: Condition,
    /** One or more outcomes, applied when the condition is true. */
    then: z.array(Outcome).min(1),
    /** Why, in the person's words: "because you …". Shown with the rule's sources. */
    because: LocalizedText,
    sources: z.array(SourceRef).min(1),
    validity: Validity.optional(),
    /** For staff: caveats, open questions, what to re-check. Not shown to newcomers. */
    note: z.string().optional(),
  })
  .strict();
/** A parsed rule (defaults filled in). */
export type Rule = z.infer<typeof Rule>;
/** A rule as written before parsing: outcome fields with defaults may be left out. */
export type RuleInput = z.input<typeof Rule>;

/** Schema of a legal or official source rules cite: `{ url, title?, checkedAt }`. */
export const RuleSource = z
  .object({
    url: WebUrl,
    title: z.string().optional(),
    /** When a person last checked the source still says this, `YYYY-MM-DD`; `null` (default): not yet. */
    checkedAt: z.iso.date().nullable().default(null),
  })
  .strict();
/** A source rules cite: `{ url, title?, checkedAt }`. */
export type RuleSource = z.infer<typeof RuleSource>;

/** Schema of a document a person brings to a step, `{ label }`; steps name it by its key in `documents`. */
export const DocumentType = z.object({ label: LocalizedText }).strict();

/**
 * Schema of a rule set, `{ id, version, title, sources, documents, rules }`. Besides each
 * part, it checks that rule ids are unique and that every source and document a rule names
 * is defined, reporting every problem at once. Check targets and logic with `checkRuleSet`.
 *
 * @example
 * const rules = RuleSet.parse(JSON.parse(readFileSync('rules.json', 'utf8')));
 * const router = createRouter({ rules, registry, catalog });
 */
export const RuleSet = z
  .object({
    id: EntityId,
    version: z.string().min(1),
    title: z.string().min(1),
    sources: z.record(SourceRef, RuleSource),
    documents: z.record(EntityId, DocumentType),
    rules: z.array(Rule).min(1),
  })
  .strict()
  // Runs even when other parts are invalid, so that every problem is reported at once.
  .superRefine((ruleSet, ctx) => checkReferences(ruleSet as unknown, ctx), { when: () => true });
/** A parsed rule set, as `createRouter` and `route` take it. */
export type RuleSet = z.infer<typeof RuleSet>;
/** A rule set as written before parsing (JSON): fields with defaults may be left out. */
export type RuleSetInput = z.input<typeof RuleSet>;

/** Every rule id is unique; every source and document a rule names is defined in the set. */
function checkReferences(input: unknown, ctx: z.RefinementCtx): void {
  if (typeof input !== 'object' || input === null) return;
  const { rules, sources, documents } = input as {
    rules?: unknown;
    sources?: unknown;
    documents?: unknown;
  };
  if (!Array.isArray(rules)) return;
  const has = (record: unknown, key: unknown) =>
    typeof record === 'object' &&
    record !== null &&
    typeof key === 'string' &&
    Object.hasOwn(record, key);
  const seen = new Set<unknown>();
  rules.forEach((rule: { id?: unknown; sources?: unknown; then?: unknown }, index) => {
    if (typeof rule !== 'object' || rule === null) return;
    if (seen.has(rule.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'id'],
        message: `duplicate rule id ${String(rule.id)}`,
      });
    }
    seen.add(rule.id);
    if (Array.isArray(rule.sources)) {
      rule.sources.forEach((ref: unknown, i) => {
        if (!has(sources, ref)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', index, 'sources', i],
            message: `unknown source ${String(ref)}`,
          });
        }
      });
    }
    if (!Array.isArray(rule.then)) return;
    rule.then.forEach((outcome: { documents?: unknown }, i) => {
      if (typeof outcome !== 'object' || outcome === null || !Array.isArray(outcome.documents))
        return;
      outcome.documents.forEach((doc: unknown, j) => {
        if (!has(documents, doc)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', index, 'then', i, 'documents', j],
            message: `unknown document ${String(doc)}`,
          });
        }
      });
    });
  });
}
