import { z } from 'zod';
import { uiLanguages, type UiLanguage } from './languages.js';
import type { LocalizedText, TranslationStatus } from './localized.js';
import {
  Benefits,
  Citizenship,
  GermanLevel,
  Need,
  Protection,
  ResidenceArea,
  ResidenceStatus,
} from './person.js';
import { TargetGroup } from './target-groups.js';
import { Category, TopicField } from './topics.js';
import { Cost, OfferFormat } from './offer-enums.js';

/**
 * Every term of the vocabulary, by kind. A term's code is `kind.value`, e.g.
 * `category.german_course`: stable, language-neutral, and used in the open-data export.
 */
export const termKinds = {
  topic: TopicField.options,
  category: Category.options,
  targetGroup: TargetGroup.options,
  need: Need.options,
  cost: Cost.options,
  format: OfferFormat.options,
  citizenship: Citizenship.options,
  residence: ResidenceArea.options,
  status: ResidenceStatus.options,
  benefits: Benefits.options,
  germanLevel: GermanLevel.options,
  protection: Protection.options,
} as const;

/**
 * A kind of term: `topic`, `category`, `targetGroup`, `need`, `cost`, `format`,
 * `citizenship`, `residence`, `status`, `benefits`, `germanLevel` or `protection`.
 */
export type TermKind = keyof typeof termKinds;
/** A term's code, `kind.value`: e.g. `category.german_course` or `status.recognised_refugee`. */
export type TermCode = {
  [K in TermKind]: `${K}.${(typeof termKinds)[K][number]}`;
}[TermKind];

/** A complete set of labels for one language: the type checker refuses a missing term. */
export type Labels = Record<TermCode, string>;

/**
 * Schema of a {@link TermCode}: accepts exactly the codes of the vocabulary.
 *
 * @example
 * TermCodeSchema.safeParse('need.housing').success; // true
 * TermCodeSchema.safeParse('need.unknown').success; // false
 */
export const TermCodeSchema = z.enum(
  Object.entries(termKinds).flatMap(([kind, values]) =>
    (values as readonly string[]).map((value) => `${kind}.${value}`),
  ) as [TermCode, ...TermCode[]],
);

/** A term of the vocabulary with its labels. */
export interface Term {
  /** `kind.value`, e.g. `category.german_course`. */
  code: TermCode;
  kind: TermKind;
  /** The code without its kind, as schemas use it: `german_course`. */
  value: string;
  /** The label in every UI language, each with its translation status. */
  label: LocalizedText;
}

/** The labels of every term in one UI language, and their translation status. */
export interface LabelSet {
  labels: Labels;
  /** `source` for the languages the terms were written in, `machine` until a person reviews them. */
  status: TranslationStatus;
}

/** A {@link LabelSet} for every UI language: the type checker refuses a missing language. */
export type LabelSets = Record<UiLanguage, LabelSet>;

export function buildTerms(labelSets: LabelSets): Term[] {
  return TermCodeSchema.options.map((code) => {
    const dot = code.indexOf('.');
    const label: LocalizedText = {};
    for (const lang of uiLanguages) {
      const set = labelSets[lang];
      label[lang] = { text: set.labels[code], status: set.status };
    }
    return { code, kind: code.slice(0, dot) as TermKind, value: code.slice(dot + 1), label };
  });
}
