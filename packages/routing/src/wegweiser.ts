import type { ProfileField } from './profile.js';

/** One reason for a step or an exclusion: the rule, its explanation, and where it comes from. */
export interface Reason {
  rule: string;
  text: string;
  /** The language `text` is in; differs from the one asked for when it fell back. */
  lang: string;
  /** The rule's first source; `sources` lists all of them. */
  source: string;
  sources: readonly string[];
}

/** One step of a Wegweiser: where to go, in which order, what to bring, by when, and why. */
export interface Step {
  /** An agency or offer id of the routing vocabulary. */
  target: string;
  /** The position to take the step in; steps whose order does not matter share a number. */
  order: number;
  /** A step the person may take; not required. */
  optional: boolean;
  /** The deadline in words, in the route's language (with fallback), e.g. "within 2 weeks of moving in". */
  deadline?: string;
  /** The deadline in days, where the rules give one; of several, the shortest. */
  deadline_days?: number;
  /** Ids of documents to bring; their labels are in the rule set's `documents`. */
  documents: string[];
  /** Targets this step must come after (those that are on the route). */
  after: string[];
  /** The rules that lead to this step, with their explanations and sources. */
  because: Reason[];
  /** Offers of the catalogue that are, or belong to, this step's target. */
  offers: string[];
}

/** A target ruled out for the person, whatever other rules say, with the rules that rule it out. */
export interface Exclusion {
  /** An agency or offer id of the routing vocabulary. */
  target: string;
  because: Reason[];
}

/** The personal guide: which office first, what to bring, and why. */
export interface Wegweiser {
  /** The evaluation date, `YYYY-MM-DD`. */
  date: string;
  lang: string;
  steps: Step[];
  /** Targets ruled out for this person, with the reason (e.g. EU citizens need no residence title). */
  excluded: Exclusion[];
  /** Unanswered profile fields that could change the result; ask only these. */
  missing: ProfileField[];
  /** Offer ids from the catalogue matching the person's needs, target groups, languages and age. */
  offers: string[];
  /** Problems the engine worked around (e.g. a dependency cycle); empty for a sound rule set. */
  warnings: string[];
}
