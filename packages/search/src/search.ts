import type { Offer, TermCode } from '@ankommen/taxonomy';
import { analyzeQuery, type QueryWord } from './analyze.js';
import { matchLabels, maxEdits, prepareLabels, type LabelMatch } from './labels.js';
import {
  buildOfferIndex,
  labelWeight,
  Slot,
  slotCount,
  type ExtraText,
  type OfferIndex,
  type Postings,
} from './offer-index.js';
import { maxQueryLength, type SearchQuery, type SearchResult } from './query.js';

/** Options of {@link createOfferSearch}. */
export interface OfferSearchOptions {
  /**
   * More searchable text for an offer, matched like its summary but weighted a little less:
   * for example the name and address of its provider's agency. Analysed as German and English.
   */
  extraText?: ExtraText;
}

/** Full-text search over a fixed set of offers. */
export interface OfferSearch {
  /** Finds offers; see {@link SearchQuery} and {@link SearchResult}. Pure and synchronous. */
  search(query: SearchQuery): SearchResult;
}

/** How much a match counts, by how the query word reached the index term. */
const quality = {
  /** The word or one of its stems is the index term. */
  exact: 1,
  /** The last query word is the start of the index term (scaled down by the rest's length). */
  prefix: 0.6,
  /** The index term is one or two edits away. */
  fuzzy: [1, 0.22, 0.15] as const,
} as const;

/** Of the other slots that match a word, this share of their score is added to the best one. */
const otherSlotShare = 0.2;

/** How an offer was found, best first: its own text, its labels, or its text with a typo. */
const Tier = { text: 3, label: 2, typo: 1 } as const;

/** Per query word: the best match in each slot of each document, and how it was found. */
class WordMatches {
  readonly best: Float64Array;
  readonly docs: number[] = [];
  readonly tier: Uint8Array;

  constructor(documents: number) {
    this.best = new Float64Array(documents * slotCount);
    this.tier = new Uint8Array(documents);
  }

  add(postings: Postings, weight: number, typo = false): void {
    const { keys, weights } = postings;
    for (let i = 0; i < keys.length; i++) this.set(keys[i]!, weight * weights[i]!, typo);
  }

  set(key: number, value: number, typo = false): void {
    const doc = Math.floor(key / slotCount);
    const tier = key % slotCount === Slot.labels ? Tier.label : typo ? Tier.typo : Tier.text;
    if (this.tier[doc] === 0) this.docs.push(doc);
    if (tier > this.tier[doc]!) this.tier[doc] = tier;
    if (value > this.best[key]!) this.best[key] = value;
  }
}

function matchWord(
  index: OfferIndex,
  word: QueryWord,
  prefix: boolean,
  matches: WordMatches,
): void {
  const { terms } = index;
  for (const variant of word.variants) {
    const postings = terms.get(variant.term);
    if (postings) matches.add(postings, quality.exact * variant.quality);
  }
  for (const surface of word.surfaces) {
    if (prefix && surface.length >= 2) {
      for (const [term, postings] of terms.atPrefix(surface)) {
        if (term.length === surface.length) continue;
        const share = 0.5 + (0.5 * surface.length) / term.length;
        matches.add(postings, quality.prefix * share);
      }
    }
  }
  // Typos only for a word that matches nothing as it is (a word spelled as in some offer is
  // meant as written: "Schulden" is not "Schulen"), with as few edits as will do: one for
  // words of five letters or more, two for words of eight or more.
  for (const edits of [1, 2] as const) {
    if (matches.docs.length > 0) break;
    // From the first form only: the German spelling, one edit from the English one at most.
    const surface = word.surfaces[0] ?? word.text;
    if (maxEdits(surface.length) < edits) continue;
    for (const [, [postings, distance]] of terms.fuzzyGet(surface, edits)) {
      if (distance === edits) matches.add(postings, quality.fuzzy[edits], true);
    }
  }
}

function allowedDocs(index: OfferIndex, query: SearchQuery): Uint8Array {
  const costs =
    query.cost === undefined
      ? undefined
      : new Set(Array.isArray(query.cost) ? query.cost : [query.cost]);
  const ids = query.ids === undefined ? undefined : new Set(query.ids);
  const allowed = new Uint8Array(index.offers.length);
  index.offers.forEach((offer: Offer, doc) => {
    const ok =
      (query.topic === undefined || offer.topic === query.topic) &&
      (query.category === undefined || offer.category === query.category) &&
      (query.targetGroup === undefined || offer.targetGroups.includes(query.targetGroup)) &&
      (query.language === undefined || offer.languages.includes(query.language)) &&
      (costs === undefined || costs.has(offer.cost)) &&
      (ids === undefined || ids.has(offer.id));
    allowed[doc] = ok ? 1 : 0;
  });
  return allowed;
}

/**
 * How many of n query words (or pieces of a compound) an offer must match: all of one or
 * two, two thirds of more.
 */
function requiredWords(n: number): number {
  return n <= 2 ? n : Math.ceil((2 * n) / 3);
}

/** A query word (or a piece of one) and the offers it matches. */
interface Entry {
  word: QueryWord;
  /** The query word it belongs to: several pieces of one compound share a group. */
  group: number;
  matches: WordMatches;
}

/**
 * Matches each query word against the index. A word that matches nothing and is a compound
 * of known pieces (`Deutschsprachkurs`) is replaced by its pieces, which form a group.
 */
function matchWords(index: OfferIndex, words: QueryWord[], text: string, lang?: string): Entry[] {
  const documents = index.offers.length;
  // Prefix search only for the last word, and only while it is being typed.
  const typing = !/[\s\p{P}]$/u.test(text);
  const match = (word: QueryWord, prefix: boolean) => {
    const matches = new WordMatches(documents);
    matchWord(index, word, prefix, matches);
    return matches;
  };
  const entries: Entry[] = [];
  words.forEach((word, group) => {
    const matches = match(word, typing && group === words.length - 1);
    const split = matches.docs.length === 0 && word.german && index.splitter.split(word.german);
    const pieces = split && split.complete ? analyzeQuery(split.pieces.join(' '), lang) : [];
    if (pieces.length < 2) entries.push({ word, group, matches });
    else
      for (const piece of pieces)
        entries.push({ word: piece, group, matches: match(piece, false) });
  });
  return entries;
}

/** Per offer: how many query words it matches, how it was found, and its score. */
interface Scores {
  coverage: Int32Array;
  tier: Uint8Array;
  score: Float64Array;
}

function score(index: OfferIndex, entries: Entry[], labelMatches: LabelMatch[]): Scores {
  const documents = index.offers.length;
  const groups = new Map<number, { size: number; hits: Int32Array }>();
  for (const { group } of entries) {
    const found = groups.get(group);
    if (found) found.size += 1;
    else groups.set(group, { size: 1, hits: new Int32Array(documents) });
  }
  const tier = new Uint8Array(documents);
  const score = new Float64Array(documents);
  entries.forEach(({ matches, group }, position) => {
    for (const labelMatch of labelMatches) {
      if (!labelMatch.words.has(position)) continue;
      const value = labelWeight(labelMatch.term.code);
      for (const doc of index.reach.get(labelMatch.term.code) ?? []) {
        matches.set(doc * slotCount + Slot.labels, value);
      }
    }
    if (matches.docs.length === 0) return;
    const idf = Math.log(1 + documents / matches.docs.length);
    const hits = groups.get(group)!.hits;
    for (const doc of matches.docs) {
      let best = 0;
      let sum = 0;
      for (let slot = 0; slot < slotCount; slot++) {
        const value = matches.best[doc * slotCount + slot]!;
        sum += value;
        if (value > best) best = value;
      }
      hits[doc] = hits[doc]! + 1;
      tier[doc] = Math.max(tier[doc]!, matches.tier[doc]!);
      score[doc] = score[doc]! + idf * (best + otherSlotShare * (sum - best));
    }
  });
  const coverage = new Int32Array(documents);
  for (const { size, hits } of groups.values()) {
    const needed = requiredWords(size);
    for (let doc = 0; doc < documents; doc++) {
      if (hits[doc]! >= needed) coverage[doc] = coverage[doc]! + 1;
    }
  }
  return { coverage, tier, score };
}

function runSearch(index: OfferIndex, query: SearchQuery): SearchResult {
  const allowed = allowedDocs(index, query);
  const text = (query.q ?? '').slice(0, maxQueryLength);
  const words = analyzeQuery(text, query.lang);
  if (words.length === 0) {
    // A query of stopwords, single letters and operators (`' OR 1=1 --`) finds nothing; only
    // no query at all lists everything.
    if (text.trim() !== '') return { ids: [], total: 0, matchedTerms: [] };
    const ids = index.stableOrder.filter((doc) => allowed[doc]).map((doc) => index.offers[doc]!.id);
    return { ids, total: ids.length, matchedTerms: [] };
  }

  const entries = matchWords(index, words, text, query.lang);
  const labelMatches = matchLabels(entries.map((entry) => entry.word));
  const matchedTerms: TermCode[] = labelMatches.map((match) => match.term.code);
  const { coverage, tier, score: scores } = score(index, entries, labelMatches);

  let most = 0;
  index.offers.forEach((_, doc) => {
    if (allowed[doc] && coverage[doc]! > most) most = coverage[doc]!;
  });
  if (most === 0) return { ids: [], total: 0, matchedTerms };
  const threshold = Math.min(requiredWords(words.length), most);
  const found: number[] = [];
  index.offers.forEach((_, doc) => {
    if (allowed[doc] && coverage[doc]! >= threshold) found.push(doc);
  });
  found.sort(
    (a, b) =>
      coverage[b]! - coverage[a]! ||
      tier[b]! - tier[a]! ||
      scores[b]! - scores[a]! ||
      index.rank[a]! - index.rank[b]!,
  );
  const ids = found.map((doc) => index.offers[doc]!.id);
  return { ids, total: ids.length, matchedTerms };
}

/**
 * Builds a search over offers. The index lives in memory and is built once (some 30 ms for a
 * hundred offers); build a new search when the offers change. Pure: no I/O, no clock.
 *
 * Matching: German words are stemmed (CISTEM; `Kurse` finds `Kurs`, `beraten` finds
 * `Beratung`) and split into the pieces of compounds (`Beratung` finds `Schuldnerberatung`),
 * English words lightly stemmed; umlauts, `ae`/`oe`/`ue` and `ß`/`ss` are equal; a word that
 * matches nothing as it is may have one typo (five letters or more) or two (eight or more);
 * the last word also matches as the start of a word while it is being typed. A query in any
 * UI language reaches offers through the labels of their topic, category, target groups,
 * cost and formats (see `SearchResult.matchedTerms`).
 *
 * Ranking: offers matching more of the query's words first (with one or two words, all must
 * match unless no offer matches all; with more, two thirds); then offers whose own text
 * matches (exactly, by stem, compound piece or prefix), then those reached through their
 * labels, then those whose text matches only with a typo; then by score: title above
 * summary, exact or stemmed above prefix above typo, rarer words above common ones.
 */
export function createOfferSearch(
  offers: readonly Offer[],
  options: OfferSearchOptions = {},
): OfferSearch {
  const index = buildOfferIndex(offers, options.extraText);
  prepareLabels();
  return { search: (query) => runSearch(index, query) };
}
