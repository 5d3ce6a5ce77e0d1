import {
  Category,
  Cost,
  LanguageCode,
  TargetGroup,
  TopicField,
  UiLanguage,
  type TermCode,
} from '@ankommen/taxonomy';
import { z } from 'zod';

/** The longest query text accepted. */
export const maxQueryLength = 200;

/**
 * A search over offers. Every field is optional; the filters combine with AND, with or without
 * a text. Parse untrusted input (query strings, request bodies) with this schema:
 * `OfferSearch.search` trusts its argument and only shortens an overlong `q`.
 */
export const SearchQuery = z
  .object({
    /** The text to search for, in any language, as typed (typos, missing umlauts, partial last word). */
    q: z.string().max(maxQueryLength).optional(),
    /**
     * The user's interface language: a hint only. A Latin word is always tried as German and as
     * English; with `de` or `en` the other language's stems count slightly less.
     */
    lang: UiLanguage.optional(),
    /** Only offers in this topic field. */
    topic: TopicField.optional(),
    /** Only offers of this category. */
    category: Category.optional(),
    /** Only offers for this target group. */
    targetGroup: TargetGroup.optional(),
    /** Only offers given in this language (ISO 639 code): not the languages of their description. */
    language: LanguageCode.optional(),
    /** Only offers with this cost, or with one of these. */
    cost: z.union([Cost, z.array(Cost)]).optional(),
    /** Only offers with these ids (e.g. pre-filtered by the caller for "open now" or "near me"). */
    ids: z.array(z.string()).readonly().optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

/** What a search found. */
export interface SearchResult {
  /**
   * The ids of the offers found, best first. Without a text (or a text of stopwords only),
   * all offers that pass the filters, by topic field in vocabulary order, then German title.
   */
  ids: string[];
  /** The number of offers found (the length of `ids`). */
  total: number;
  /**
   * The vocabulary terms (topics, categories, target groups, needs, costs, formats) whose label
   * in some UI language the query matched, in vocabulary order. Offers carrying one of these
   * terms are found even when their own texts do not contain the query.
   */
  matchedTerms: TermCode[];
}
