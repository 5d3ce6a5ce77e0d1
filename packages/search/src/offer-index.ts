import {
  categoriesForNeed,
  getTerm,
  pickText,
  terms,
  topicFieldCodes,
  type Offer,
  type TermCode,
} from '@ankommen/taxonomy';
import SearchableMap from 'minisearch/SearchableMap';
import { Analyzer, germanWords, type IndexTerms } from './analyze.js';
import { wordGroups } from './tokenize.js';
import { createCompoundSplitter, type CompoundSplitter } from './compound.js';
import { stemGerman } from './stemmer.js';

/** Where in an offer a term was found. Title, summary and `more` are the offer's own text. */
export const Slot = { title: 0, summary: 1, more: 2, labels: 3 } as const;
export const slotCount = 4;

/**
 * Weight of a match in each slot: a title match counts three times a summary match; provider,
 * place names and extra text a little less than the summary; the labels of the offer's topic,
 * category, target groups, cost and formats (in all UI languages) least.
 */
export const slotWeight = { title: 3, summary: 1, more: 0.7, labels: 0.5 } as const;

/** Label matches through a topic, need, cost or format count less than through a category. */
const broadKinds = new Set(['topic', 'need', 'cost', 'format']);
const broadFactor = 0.7;

/** The documents a term occurs in: `keys[i] = doc * slotCount + slot`, with its weight. */
export interface Postings {
  keys: Int32Array;
  weights: Float64Array;
}

/** Extra searchable text for an offer, e.g. the names of its provider's agency. */
export type ExtraText = (offer: Offer) => readonly string[];

/** The offers, indexed for search. */
export interface OfferIndex {
  offers: readonly Offer[];
  /** Every index term with its postings (a radix tree, for prefix and fuzzy lookup). */
  terms: SearchableMap<Postings>;
  splitter: CompoundSplitter;
  /** The offers each reachable term reaches, as document numbers. */
  reach: ReadonlyMap<TermCode, readonly number[]>;
  /** Document numbers by topic (in vocabulary order), then German title, then id. */
  stableOrder: readonly number[];
  /** Position of each document in `stableOrder`. */
  rank: Int32Array;
}

/** Term codes an offer carries, whose labels are indexed with it. */
function codesOf(offer: Offer): TermCode[] {
  const codes = [
    `topic.${offer.topic}`,
    `category.${offer.category}`,
    ...offer.targetGroups.map((group) => `targetGroup.${group}`),
    ...offer.formats.map((format) => `format.${format}`),
  ];
  if (offer.cost !== 'unknown') codes.push(`cost.${offer.cost}`);
  return codes as TermCode[];
}

function moreText(offer: Offer, extraText: ExtraText | undefined): string[] {
  const more = [offer.providerName];
  for (const location of offer.locations) {
    if (location.name) more.push(location.name);
    if (location.address) more.push(location.address.text);
  }
  if (extraText) more.push(...extraText(offer));
  return more;
}

/** Length normalisation: a match in a short text counts a little more (0.85 to 1.15). */
function lengthNorm(words: number, average: number): number {
  if (average === 0) return 1;
  return Math.min(1.15, Math.max(0.85, 1 / (0.75 + (0.25 * words) / average)));
}

/** A text of an offer, split into words once. */
interface Text {
  lang: string;
  groups: string[][];
}

function toTexts(value: Offer['title']): Text[] {
  return Object.entries(value).map(([lang, { text }]) => ({ lang, groups: wordGroups(text) }));
}

function memoize(fn: (word: string) => string): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let result = cache.get(word);
    if (result === undefined) cache.set(word, (result = fn(word)));
    return result;
  };
}

function buildSplitter(
  texts: readonly { title: Text[]; summary: Text[] }[],
  stem: (word: string) => string,
): CompoundSplitter {
  const words: string[] = [];
  for (const { title, summary } of texts) {
    for (const text of [...title, ...summary]) {
      if (text.lang === 'de') words.push(...germanWords(text.groups));
    }
  }
  for (const term of terms) {
    const german = term.label.de?.text;
    if (german) words.push(...germanWords(wordGroups(german)));
  }
  return createCompoundSplitter(words, stem);
}

function buildReach(offers: readonly Offer[]): Map<TermCode, number[]> {
  const reach = new Map<TermCode, number[]>();
  const add = (code: string, doc: number) => {
    const docs = reach.get(code as TermCode) ?? [];
    if (docs[docs.length - 1] !== doc) docs.push(doc);
    reach.set(code as TermCode, docs);
  };
  offers.forEach((offer, doc) => {
    for (const code of codesOf(offer)) add(code, doc);
    if (offer.cost === 'unknown') add('cost.unknown', doc);
    for (const [need, categories] of Object.entries(categoriesForNeed)) {
      if (categories.includes(offer.category)) add(`need.${need}`, doc);
    }
  });
  return reach;
}

function buildStableOrder(offers: readonly Offer[]): number[] {
  const collator = new Intl.Collator('de');
  const keyed = offers.map((offer, doc) => ({
    doc,
    topic: topicFieldCodes.indexOf(offer.topic),
    title: pickText(offer.title, 'de')?.text ?? '',
    id: offer.id,
  }));
  keyed.sort(
    (a, b) =>
      a.topic - b.topic ||
      collator.compare(a.title, b.title) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.doc);
}

/**
 * Indexes offers: their titles and summaries in every language they have (German with
 * stemming, umlaut digraphs and compound pieces, English with light stemming), their provider,
 * places and `extraText`, and the labels of their topic, category, target groups, cost and
 * formats in all UI languages.
 */
export function buildOfferIndex(offers: readonly Offer[], extraText?: ExtraText): OfferIndex {
  const texts = offers.map((offer) => ({
    title: toTexts(offer.title),
    summary: toTexts(offer.summary),
    more: moreText(offer, extraText).map((text) => ({ lang: 'any', groups: wordGroups(text) })),
  }));
  const stem = memoize(stemGerman);
  const splitter = buildSplitter(texts, stem);
  const analyzer = new Analyzer(splitter, stem);
  // term → [doc * slotCount + slot, weight, …]; one document's entries for a slot are added
  // one after the other, so a repeated key is always the last one.
  const postings = new Map<string, number[]>();
  const emitter = (doc: number, slot: number, factor: number) => {
    const key = doc * slotCount + slot;
    return (term: string, kindWeight: number) => {
      const weight = factor * kindWeight;
      const list = postings.get(term);
      if (!list) postings.set(term, [key, weight]);
      else if (list[list.length - 2] !== key) list.push(key, weight);
      else if (list[list.length - 1]! < weight) list[list.length - 1] = weight;
    };
  };

  const average = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const words = (text: Text) => text.groups.length;
  const averageTitle = average(texts.flatMap((text) => text.title.map(words)));
  const averageSummary = average(texts.flatMap((text) => text.summary.map(words)));

  const labelTerms = new Map<TermCode, IndexTerms>();
  const labelTermsOf = (code: TermCode): IndexTerms => {
    let found = labelTerms.get(code);
    if (!found) {
      found = new Map();
      for (const [lang, translation] of Object.entries(getTerm(code).label)) {
        analyzer.terms(translation.text, lang, found);
      }
      labelTerms.set(code, found);
    }
    return found;
  };

  texts.forEach(({ title, summary, more }, doc) => {
    for (const text of title) {
      const factor = slotWeight.title * lengthNorm(words(text), averageTitle);
      analyzer.emit(text.groups, text.lang, emitter(doc, Slot.title, factor));
    }
    for (const text of summary) {
      const factor = slotWeight.summary * lengthNorm(words(text), averageSummary);
      analyzer.emit(text.groups, text.lang, emitter(doc, Slot.summary, factor));
    }
    const moreEmitter = emitter(doc, Slot.more, slotWeight.more);
    for (const text of more) analyzer.emit(text.groups, text.lang, moreEmitter);
  });
  offers.forEach((offer, doc) => {
    for (const code of codesOf(offer)) {
      const emit = emitter(doc, Slot.labels, labelWeight(code));
      for (const [term, weight] of labelTermsOf(code)) emit(term, weight);
    }
  });

  const index = new SearchableMap<Postings>();
  for (const [term, list] of postings) {
    const keys = new Int32Array(list.length / 2);
    const weights = new Float64Array(list.length / 2);
    for (let i = 0; i < keys.length; i++) {
      keys[i] = list[2 * i]!;
      weights[i] = list[2 * i + 1]!;
    }
    index.set(term, { keys, weights });
  }

  const stableOrder = buildStableOrder(offers);
  const rank = new Int32Array(offers.length);
  stableOrder.forEach((doc, position) => (rank[doc] = position));
  return { offers, terms: index, splitter, reach: buildReach(offers), stableOrder, rank };
}

/** The label weight of a reached term's kind, as in the labels slot. */
export function labelWeight(code: TermCode): number {
  const kind = code.slice(0, code.indexOf('.'));
  return slotWeight.labels * (broadKinds.has(kind) ? broadFactor : 1);
}
