import { foldName } from '@ankommen/registry';
import { germanLevels } from '@ankommen/taxonomy';
import type { Condition, FactCondition } from './conditions.js';
import { facts, type FactName } from './facts.js';
import type { Profile } from './profile.js';

/** Three-valued truth: a condition on an unanswered fact is neither true nor false. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

/** The facts of one evaluation: the profile plus derived values, computed once per route. */
export interface Facts extends Profile {
  months_since_arrival?: number;
  /** First and last day the arrival date can mean (a month covers a range). */
  arrival_first?: string;
  arrival_last?: string;
  municipality_folded?: string;
  nationality_folded?: string;
}

export interface EvaluationContext {
  /** Evaluation date, `YYYY-MM-DD`. */
  date: string;
  /** Whether the registry names `agency` competent for `service` at the person's place. */
  competent(service: string, agency: string, facts: Facts): Truth;
}

export type CompiledCondition = (facts: Facts, context: EvaluationContext) => Truth;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Derives the facts of a profile at an evaluation date. Every Facts object has the same
 * fields in the same order, so that the compiled conditions read them from one object shape.
 */
export function toFacts(profile: Profile, date: string): Facts {
  const arrival = profile.arrival_date;
  let first: string | undefined;
  let last: string | undefined;
  if (arrival) {
    const year = Number(arrival.slice(0, 4));
    const month = Number(arrival.slice(5, 7));
    first = arrival.length === 7 ? `${arrival}-01` : arrival;
    last =
      arrival.length === 7
        ? `${arrival}-${String(daysInMonth(year, month)).padStart(2, '0')}`
        : arrival;
  }
  return {
    age: profile.age,
    citizenship: profile.citizenship,
    residence: profile.residence,
    status: profile.status,
    benefits: profile.benefits,
    german_level: profile.german_level,
    children: profile.children,
    has_foreign_degree: profile.has_foreign_degree,
    employed: profile.employed,
    needs: profile.needs,
    municipality: profile.municipality,
    arrival_date: arrival,
    months_in_germany: profile.months_in_germany,
    nationality: profile.nationality,
    protection: profile.protection,
    has_id_documents: profile.has_id_documents,
    in_lea: profile.in_lea,
    unaccompanied: profile.unaccompanied,
    literate: profile.literate,
    wohnsitzauflage: profile.wohnsitzauflage,
    wants_to_move_to: profile.wants_to_move_to,
    prior_work_in_germany: profile.prior_work_in_germany,
    months_since_arrival:
      profile.months_in_germany ?? (first ? monthsBetween(first, date) : undefined),
    arrival_first: first,
    arrival_last: last,
    municipality_folded:
      profile.municipality === undefined ? undefined : foldName(profile.municipality),
    nationality_folded:
      profile.nationality === undefined ? undefined : foldName(profile.nationality),
  };
}

/** Whole months from one date to a later one (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  return Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months;
}

const truth = (value: boolean): Truth => (value ? TRUE : FALSE);

/** Compiles a condition to a closure, so that routing allocates nothing to evaluate it. */
export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (f, c) => {
      let result: Truth = TRUE;
      for (const part of parts) {
        const value = part(f, c);
        if (value === FALSE) return FALSE;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (f, c) => {
      let result: Truth = FALSE;
      for (const part of parts) {
        const value = part(f, c);
        if (value === TRUE) return TRUE;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (f, c) => {
      const value = inner(f, c);
      return value === UNKNOWN ? UNKNOWN : value === TRUE ? FALSE : TRUE;
    };
  }
  if ('evaluation_date' in condition) {
    const { op, value } = condition.evaluation_date;
    return op === 'before' ? (_f, c) => truth(c.date < value) : (_f, c) => truth(c.date >= value);
  }
  if ('competent' in condition) {
    const { service, agency } = condition.competent;
    return (f, c) => c.competent(service, agency, f);
  }
  return compileFactCondition(condition);
}

function compileFactCondition(condition: FactCondition): CompiledCondition {
  const { fact, op, value } = condition;
  const definition = facts[fact];
  if (op === 'answered') return (f) => truth(f[fact] !== undefined);

  switch (definition.kind) {
    case 'number':
      return compileNumber(fact, op, value);
    case 'boolean':
      return (f) => (f[fact] === undefined ? UNKNOWN : truth(f[fact] === value));
    case 'enum':
      return compileEnum(fact, op, value, 'values' in definition ? definition.values : []);
    case 'text': {
      const key = `${fact}_folded` as 'municipality_folded' | 'nationality_folded';
      const wanted = (Array.isArray(value) ? value : [value]).map((v) => foldName(String(v)));
      const hit = (f: Facts) => wanted.includes(f[key] as string);
      if (op === 'eq' || op === 'in')
        return (f) => (f[key] === undefined ? UNKNOWN : truth(hit(f)));
      return (f) => (f[key] === undefined ? UNKNOWN : truth(!hit(f)));
    }
    case 'enum_list': {
      const list = (f: Facts) => f[fact] as readonly string[] | undefined;
      if (op === 'is_empty')
        return (f) => (list(f) === undefined ? UNKNOWN : truth(list(f)!.length === 0));
      const wanted = Array.isArray(value) ? (value as string[]) : [value as string];
      return (f) => {
        const items = list(f);
        if (items === undefined) return UNKNOWN;
        for (const item of items) if (wanted.includes(item)) return TRUE;
        return FALSE;
      };
    }
    case 'number_list': {
      const list = (f: Facts) => f[fact] as readonly number[] | undefined;
      if (op === 'is_empty')
        return (f) => (list(f) === undefined ? UNKNOWN : truth(list(f)!.length === 0));
      const [min, max] = value as [number, number];
      return (f) => {
        const items = list(f);
        if (items === undefined) return UNKNOWN;
        for (const item of items) if (item >= min && item <= max) return TRUE;
        return FALSE;
      };
    }
    case 'month_or_date': {
      const boundary = value as string;
      const before = (f: Facts): Truth => {
        if (f.arrival_first === undefined || f.arrival_last === undefined) return UNKNOWN;
        if (f.arrival_last < boundary) return TRUE;
        if (f.arrival_first >= boundary) return FALSE;
        return UNKNOWN;
      };
      if (op === 'before') return before;
      return (f) => {
        const value = before(f);
        return value === UNKNOWN ? UNKNOWN : value === TRUE ? FALSE : TRUE;
      };
    }
  }
}

function compileNumber(fact: FactName, op: string, value: unknown): CompiledCondition {
  const get = (f: Facts) => f[fact] as number | undefined;
  if (op === 'between') {
    const [min, max] = value as [number, number];
    return (f) => {
      const v = get(f);
      return v === undefined ? UNKNOWN : truth(v >= min && v <= max);
    };
  }
  const n = value as number;
  const compare = comparator(op);
  return (f) => {
    const v = get(f);
    return v === undefined ? UNKNOWN : truth(compare(v, n));
  };
}

function compileEnum(
  fact: FactName,
  op: string,
  value: unknown,
  values: readonly string[],
): CompiledCondition {
  const get = (f: Facts) => f[fact] as string | undefined;
  if (op === 'in' || op === 'not_in') {
    const set = value as string[];
    const wanted = op === 'in';
    return (f) => {
      const v = get(f);
      return v === undefined ? UNKNOWN : truth(set.includes(v) === wanted);
    };
  }
  if (op === 'eq' || op === 'ne') {
    const wanted = op === 'eq';
    return (f) => {
      const v = get(f);
      return v === undefined ? UNKNOWN : truth((v === value) === wanted);
    };
  }
  // Ordinal comparison, e.g. german_level below B1: by the order of the enum's values.
  const order = fact === 'german_level' ? germanLevels : values;
  const rank = new Map(order.map((v, i) => [v, i]));
  const target = rank.get(value as string) ?? 0;
  const compare = comparator(op);
  return (f) => {
    const v = get(f);
    return v === undefined ? UNKNOWN : truth(compare(rank.get(v) ?? 0, target));
  };
}

function comparator(op: string): (a: number, b: number) => boolean {
  switch (op) {
    case 'eq':
      return (a, b) => a === b;
    case 'ne':
      return (a, b) => a !== b;
    case 'lt':
      return (a, b) => a < b;
    case 'lte':
      return (a, b) => a <= b;
    case 'gt':
      return (a, b) => a > b;
    default:
      return (a, b) => a >= b;
  }
}
