import { EntityId, IsoDate } from '@ankommen/taxonomy';
import { z } from 'zod';
import { factNames, facts, operatorsByKind, type FactName } from './facts.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * Schema of a test on one fact of the profile: `{ fact, op, value? }`. The operator must fit
 * the fact's kind ({@link operatorsByKind}) and the value must fit the operator: a number, a
 * boolean, an enum value, a non-empty list for `in`/`not_in`/`contains_any`, a `[min, max]` pair
 * for `between`/`any_between`, a `YYYY-MM-DD` date for `before`/`on_or_after`, and no value
 * for `answered` and `is_empty`. Errors name `op` or `value`. A test on an unanswered fact is
 * unknown; only `answered` is never unknown.
 *
 * @example
 * FactCondition.parse({ fact: 'german_level', op: 'lt', value: 'B1' });
 * FactCondition.parse({ fact: 'children', op: 'any_between', value: [0, 5] });
 */
export const FactCondition = z
  .object({
    fact: z.enum(factNames as [FactName, ...FactName[]]),
    op: z.enum([
      'eq',
      'ne',
      'in',
      'not_in',
      'lt',
      'lte',
      'gt',
      'gte',
      'between',
      'contains',
      'contains_any',
      'is_empty',
      'any_between',
      'before',
      'on_or_after',
      'answered',
    ]),
    value: z.union([Scalar, z.array(Scalar)]).optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const definition = facts[condition.fact];
    const problem = valueProblem(
      condition,
      definition.kind,
      'values' in definition ? definition.values : undefined,
    );
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });
/** A test on one fact of the profile: `{ fact, op, value? }`. */
export type FactCondition = z.infer<typeof FactCondition>;

/** Compares the evaluation date, for rules that change on a date within their validity. */
export const DateCondition = z
  .object({
    evaluation_date: z.object({ op: z.enum(['before', 'on_or_after']), value: IsoDate }).strict(),
  })
  .strict();

/** True when the registry names `agency` as competent for `service` at the person's place. */
export const CompetenceCondition = z
  .object({ competent: z.object({ service: EntityId, agency: EntityId }).strict() })
  .strict();

export type Condition =
  | FactCondition
  | z.infer<typeof DateCondition>
  | z.infer<typeof CompetenceCondition>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const AllCondition: z.ZodType<{ all: Condition[] }> = z.lazy(() =>
  z.object({ all: z.array(Condition).min(1) }).strict(),
);
const AnyCondition: z.ZodType<{ any: Condition[] }> = z.lazy(() =>
  z.object({ any: z.array(Condition).min(1) }).strict(),
);
const NotCondition: z.ZodType<{ not: Condition }> = z.lazy(() =>
  z.object({ not: Condition }).strict(),
);

const conditionKinds = [
  ['fact', FactCondition],
  ['evaluation_date', DateCondition],
  ['competent', CompetenceCondition],
  ['all', AllCondition],
  ['any', AnyCondition],
  ['not', NotCondition],
] as const;

/**
 * A condition, recognised by its key (`fact`, `all`, `any`, `not`, `evaluation_date`,
 * `competent`), so that an error names the exact field at fault rather than "invalid input".
 */
export const Condition: z.ZodType<Condition> = z.custom<Condition>().superRefine((value, ctx) => {
  const kind =
    typeof value === 'object' && value !== null
      ? conditionKinds.find(([key]) => key in value)
      : undefined;
  if (!kind) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a condition with one of the keys ${conditionKinds.map(([k]) => k).join(', ')}`,
    });
    return;
  }
  const result = (kind[1] as z.ZodType).safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({ ...issue, code: 'custom', path: issue.path } as never);
  }
});

function valueProblem(
  condition: { op: string; value?: unknown },
  kind: keyof typeof operatorsByKind,
  values: readonly string[] | undefined,
): { path: 'op' | 'value'; message: string } | undefined {
  const { op, value } = condition;
  if (!operatorsByKind[kind].includes(op)) {
    return {
      path: 'op',
      message: `operator ${op} does not apply to a ${kind} fact (use ${operatorsByKind[kind].join(', ')})`,
    };
  }
  const isEnumValue = (v: unknown) => typeof v === 'string' && (!values || values.includes(v));
  const needs = (ok: boolean, what: string) =>
    ok ? undefined : { path: 'value' as const, message: `must be ${what}` };
  if (op === 'answered' || op === 'is_empty')
    return needs(value === undefined, 'absent for this operator');
  switch (kind) {
    case 'number':
      if (op === 'between') return needs(isRange(value), 'a [min, max] pair of numbers');
      return needs(typeof value === 'number', 'a number');
    case 'boolean':
      return needs(typeof value === 'boolean', 'true or false');
    case 'enum':
    case 'text': {
      const valid = kind === 'enum' ? isEnumValue : (v: unknown) => typeof v === 'string';
      const allowed = values ? `one of ${values.join(', ')}` : 'a text';
      if (op === 'in' || op === 'not_in') {
        return needs(
          Array.isArray(value) && value.length > 0 && value.every(valid),
          `a non-empty list, each ${allowed}`,
        );
      }
      return needs(valid(value), allowed);
    }
    case 'enum_list':
      if (op === 'contains_any') {
        return needs(
          Array.isArray(value) && value.length > 0 && value.every(isEnumValue),
          `a non-empty list of ${values?.join(', ')}`,
        );
      }
      return needs(isEnumValue(value), `one of ${values?.join(', ')}`);
    case 'number_list':
      return needs(isRange(value), 'a [min, max] pair of numbers');
    case 'month_or_date':
      return needs(
        typeof value === 'string' && IsoDate.safeParse(value).success,
        'a date YYYY-MM-DD',
      );
  }
}

function isRange(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    value[0] <= value[1]
  );
}

/** Every fact a condition reads, for `missing` and for coverage checks. */
export function factsOf(condition: Condition, into = new Set<FactName>()): Set<FactName> {
  if ('all' in condition) condition.all.forEach((c) => factsOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factsOf(c, into));
  else if ('not' in condition) factsOf(condition.not, into);
  else if ('fact' in condition) into.add(condition.fact);
  else if ('competent' in condition) {
    into.add('residence');
    into.add('municipality');
  }
  return into;
}
