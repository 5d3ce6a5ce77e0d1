import {
  Benefits,
  Citizenship,
  GermanLevel,
  Need,
  Protection,
  ResidenceArea,
  ResidenceStatus,
} from '@ankommen/taxonomy';
import type { ProfileField } from './profile.js';

/**
 * The facts a rule condition can test: every profile field, plus `months_since_arrival`,
 * derived from `months_in_germany` or from `arrival_date` and the evaluation date.
 * `kind` says which operators apply; `values` lists an enum's values in their order
 * (German levels compare by that order).
 */
export type FactKind =
  'number' | 'boolean' | 'enum' | 'enum_list' | 'number_list' | 'text' | 'month_or_date';

/** How a fact is tested: its kind, and for enums their values. */
export interface FactDefinition {
  /** Decides which operators apply (see {@link operatorsByKind}). */
  kind: FactKind;
  /** An enum's values, in their order (used by `lt`, `gte`, …); only for `enum` and `enum_list`. */
  values?: readonly string[];
  /** The profile fields a person must answer to make this fact known. */
  askFor: readonly ProfileField[];
}

/**
 * Every fact a condition can test, by name, with its {@link FactDefinition}.
 *
 * @example
 * facts.german_level; // { kind: 'enum', values: ['none', 'A1', …, 'C2'], askFor: ['german_level'] }
 * facts.months_since_arrival.askFor; // ['arrival_date']
 */
export const facts = {
  age: { kind: 'number', askFor: ['age'] },
  citizenship: { kind: 'enum', values: Citizenship.options, askFor: ['citizenship'] },
  residence: { kind: 'enum', values: ResidenceArea.options, askFor: ['residence'] },
  status: { kind: 'enum', values: ResidenceStatus.options, askFor: ['status'] },
  benefits: { kind: 'enum', values: Benefits.options, askFor: ['benefits'] },
  german_level: { kind: 'enum', values: GermanLevel.options, askFor: ['german_level'] },
  children: { kind: 'number_list', askFor: ['children'] },
  has_foreign_degree: { kind: 'boolean', askFor: ['has_foreign_degree'] },
  employed: { kind: 'boolean', askFor: ['employed'] },
  needs: { kind: 'enum_list', values: Need.options, askFor: ['needs'] },
  municipality: { kind: 'text', askFor: ['municipality'] },
  arrival_date: { kind: 'month_or_date', askFor: ['arrival_date'] },
  months_in_germany: { kind: 'number', askFor: ['months_in_germany'] },
  months_since_arrival: { kind: 'number', askFor: ['arrival_date'] },
  nationality: { kind: 'text', askFor: ['nationality'] },
  protection: { kind: 'enum', values: Protection.options, askFor: ['protection'] },
  has_id_documents: { kind: 'boolean', askFor: ['has_id_documents'] },
  in_lea: { kind: 'boolean', askFor: ['in_lea'] },
  unaccompanied: { kind: 'boolean', askFor: ['unaccompanied'] },
  literate: { kind: 'boolean', askFor: ['literate'] },
  wohnsitzauflage: { kind: 'boolean', askFor: ['wohnsitzauflage'] },
  wants_to_move_to: { kind: 'enum', values: ResidenceArea.options, askFor: ['wants_to_move_to'] },
  prior_work_in_germany: { kind: 'boolean', askFor: ['prior_work_in_germany'] },
} as const satisfies Record<string, FactDefinition>;

/** The name of a fact a condition can test: a profile field, or `months_since_arrival`. */
export type FactName = keyof typeof facts;
/** Every {@link FactName}, in profile order with `months_since_arrival` after `months_in_germany`. */
export const factNames = Object.keys(facts) as FactName[];

/** Operators by fact kind; the schema refuses an operator that does not fit the fact. */
export const operatorsByKind: Record<FactKind, readonly string[]> = {
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'answered'],
  boolean: ['eq', 'answered'],
  enum: ['eq', 'ne', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'answered'],
  enum_list: ['contains', 'contains_any', 'is_empty', 'answered'],
  number_list: ['any_between', 'is_empty', 'answered'],
  text: ['eq', 'ne', 'in', 'not_in', 'answered'],
  month_or_date: ['before', 'on_or_after', 'answered'],
};
