import { germanLevels } from '@ankommen/taxonomy';
import type { Condition, FactCondition } from './conditions.js';
import { foldName } from '@ankommen/registry';
import { compileCondition, type EvaluationContext, type Facts } from './evaluate.js';
import { facts } from './facts.js';

/** Writes each rule's truth (0 false, 1 true, 2 unknown; 0 outside its validity) into `out`. */
export type RuleSetEvaluator = (facts: Facts, context: EvaluationContext, out: Uint8Array) => void;

export interface RuleCondition {
  when: Condition;
  /** First and last valid day, `YYYY-MM-DD`. */
  from: string;
  until: string;
}

/**
 * Compiles all rule conditions into one JavaScript function, so that routing evaluates them
 * as straight-line code without a call per condition node. Every literal is emitted with
 * JSON.stringify and every fact name comes from the fixed fact list, so the generated code
 * only ever reads `f` and `c`. Where code generation is not allowed (a Content-Security-Policy
 * without 'unsafe-eval'), it falls back to closures with the same semantics.
 */
export function compileRuleSet(rules: readonly RuleCondition[]): RuleSetEvaluator {
  try {
    return generated(rules);
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return closures(rules);
  }
}

/** The closure-based evaluator: the reference semantics, and the fallback. */
export function closures(rules: readonly RuleCondition[]): RuleSetEvaluator {
  const tests = rules.map((rule) => ({
    test: compileCondition(rule.when),
    from: rule.from,
    until: rule.until,
  }));
  return (f, c, out) => {
    for (let i = 0; i < tests.length; i++) {
      const rule = tests[i]!;
      out[i] = c.date < rule.from || c.date > rule.until ? 0 : rule.test(f, c);
    }
  };
}

export function generated(rules: readonly RuleCondition[]): RuleSetEvaluator {
  const lines: string[] = [];
  let counter = 0;
  const fresh = () => `v${counter++}`;

  /** Emits statements that leave the condition's truth in a fresh variable, and returns its name. */
  const emit = (condition: Condition): string => {
    const v = fresh();
    if ('all' in condition || 'any' in condition) {
      const all = 'all' in condition;
      const parts = all ? condition.all : condition.any;
      const settled = all ? 0 : 1;
      lines.push(`let ${v} = ${all ? 1 : 0};`);
      for (const part of parts) {
        lines.push(`if (${v} !== ${settled}) {`);
        const p = emit(part);
        lines.push(`if (${p} === ${settled}) ${v} = ${settled}; else if (${p} === 2) ${v} = 2;`);
        lines.push('}');
      }
      return v;
    }
    if ('not' in condition) {
      const p = emit(condition.not);
      lines.push(`const ${v} = ${p} === 2 ? 2 : 1 - ${p};`);
      return v;
    }
    if ('evaluation_date' in condition) {
      const { op, value } = condition.evaluation_date;
      lines.push(
        `const ${v} = c.date ${op === 'before' ? '<' : '>='} ${JSON.stringify(value)} ? 1 : 0;`,
      );
      return v;
    }
    if ('competent' in condition) {
      const { service, agency } = condition.competent;
      lines.push(
        `const ${v} = c.competent(${JSON.stringify(service)}, ${JSON.stringify(agency)}, f);`,
      );
      return v;
    }
    lines.push(`const ${v} = ${leaf(condition)};`);
    return v;
  };

  lines.push('"use strict";');
  rules.forEach((rule, index) => {
    lines.push(
      `if (c.date < ${JSON.stringify(rule.from)} || c.date > ${JSON.stringify(rule.until)}) out[${index}] = 0; else {`,
    );
    const v = emit(rule.when);
    lines.push(`out[${index}] = ${v};`, '}');
  });
  return new Function('f', 'c', 'out', lines.join('\n')) as RuleSetEvaluator;
}

const known = (expression: string, test: string) =>
  `(${expression} === undefined ? 2 : ${test} ? 1 : 0)`;
const oneOf = (expression: string, values: readonly unknown[]) =>
  `(${values.map((value) => `${expression} === ${JSON.stringify(value)}`).join(' || ')})`;

function leaf({ fact, op, value }: FactCondition): string {
  const definition = facts[fact];
  const x = `f.${fact}`;
  if (op === 'answered') return `(${x} !== undefined ? 1 : 0)`;
  switch (definition.kind) {
    case 'number': {
      if (op === 'between') {
        const [min, max] = value as [number, number];
        return known(x, `(${x} >= ${min} && ${x} <= ${max})`);
      }
      const symbol = { eq: '===', ne: '!==', lt: '<', lte: '<=', gt: '>', gte: '>=' }[op as 'eq'];
      return known(x, `(${x} ${symbol} ${JSON.stringify(value)})`);
    }
    case 'boolean':
      return known(x, `(${x} === ${JSON.stringify(value)})`);
    case 'enum': {
      const values = 'values' in definition ? definition.values : [];
      if (op === 'eq' || op === 'ne' || op === 'in' || op === 'not_in') {
        const list = Array.isArray(value) ? value : [value];
        const test = oneOf(x, list);
        return known(x, op === 'eq' || op === 'in' ? test : `!${test}`);
      }
      // An ordinal comparison becomes the list of values that satisfy it.
      const order = fact === 'german_level' ? germanLevels : values;
      const target = (order as readonly string[]).indexOf(value as string);
      const satisfying = order.filter((_, i) =>
        op === 'lt'
          ? i < target
          : op === 'lte'
            ? i <= target
            : op === 'gt'
              ? i > target
              : i >= target,
      );
      return known(x, satisfying.length > 0 ? oneOf(x, satisfying) : 'false');
    }
    case 'text': {
      const folded = `f.${fact}_folded`;
      const list = (Array.isArray(value) ? value : [value]).map((v) => foldName(String(v)));
      const test = oneOf(folded, list);
      return known(folded, op === 'eq' || op === 'in' ? test : `!${test}`);
    }
    case 'enum_list': {
      if (op === 'is_empty') return known(x, `(${x}.length === 0)`);
      const list = Array.isArray(value) ? value : [value];
      return known(x, `(${list.map((v) => `${x}.includes(${JSON.stringify(v)})`).join(' || ')})`);
    }
    case 'number_list': {
      if (op === 'is_empty') return known(x, `(${x}.length === 0)`);
      const [min, max] = value as [number, number];
      return known(x, `${x}.some((n) => n >= ${min} && n <= ${max})`);
    }
    case 'month_or_date': {
      const boundary = JSON.stringify(value);
      const before = `(f.arrival_first === undefined ? 2 : f.arrival_last < ${boundary} ? 1 : f.arrival_first >= ${boundary} ? 0 : 2)`;
      if (op === 'before') return before;
      return `(f.arrival_first === undefined ? 2 : f.arrival_first >= ${boundary} ? 1 : f.arrival_last < ${boundary} ? 0 : 2)`;
    }
  }
}
