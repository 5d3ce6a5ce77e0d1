import { EntityId, LocalizedText, Validity } from '@ankommen/taxonomy';
import { z } from 'zod';
import { Condition } from './conditions.js';

export const RuleId = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9_-]*$/, 'must start with a capital letter, e.g. R01 or R09a');
export const SourceRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the key of a source in the rule set');

export const Deadline = z
  .object({
    /** The deadline in days, where the source gives one; merged steps keep the shortest. */
    days: z.number().int().positive().optional(),
    text: LocalizedText,
  })
  .strict();
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

export const Outcome = z.union([StepOutcome, ExcludeOutcome]);
export type Outcome = z.infer<typeof Outcome>;

export const Rule = z
  .object({
    id: RuleId,
    title: z.string().min(1),
    when: Condition,
    then: z.array(Outcome).min(1),
    /** Why, in the person's words: "because you …". Shown with the rule's sources. */
    because: LocalizedText,
    sources: z.array(SourceRef).min(1),
    validity: Validity.optional(),
    /** For staff: caveats, open questions, what to re-check. Not shown to newcomers. */
    note: z.string().optional(),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;
export type RuleInput = z.input<typeof Rule>;

export const RuleSource = z
  .object({
    url: z.url(),
    title: z.string().optional(),
    /** When a person last checked the source still says this; `null`: not yet. */
    checkedAt: z.iso.date().nullable().default(null),
  })
  .strict();
export type RuleSource = z.infer<typeof RuleSource>;

export const DocumentType = z.object({ label: LocalizedText }).strict();

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
export type RuleSet = z.infer<typeof RuleSet>;
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
