import type { CompoundSplitter } from './compound.js';
import { stemArabic, stemCyrillic, stemEnglish, stemGerman } from './stemmer.js';
import { foldDigraphs, isStopword, scriptOf, wordGroups } from './tokenize.js';

/**
 * How an index term stands for its word: the word itself or its stem (`word`), a suffix of a
 * compound that starts at a joint (`head`: `beratung` in `migrationsberatung`), or another
 * piece of a compound (`part`: `migration`).
 */
export type TermKind = 'word' | 'head' | 'part';

/** Relative weight of a match through each kind of index term. */
export const termKindWeight: Readonly<Record<TermKind, number>> = { word: 1, head: 0.8, part: 0.5 };

/**
 * The language a text is analysed as: `de` (German stemming, umlaut digraphs and compound
 * splitting), `en` (light English stemming), `any` (both, for text of unknown language such
 * as names and addresses), or any other code (the words as they are, with a light stemmer
 * for Arabic-script and Cyrillic words and both Latin stemmers for Latin words).
 */
export type TextLanguage = string;

/** Index terms of a text: each term with the weight of its best kind. */
export type IndexTerms = Map<string, number>;

/** The index terms of one word: term and kind weight, in pairs. */
export type WordTerms = readonly (readonly [string, number])[];

/**
 * Turns texts into index terms. Keeps the terms of every word it has analysed, so build one
 * per index (or one for a fixed vocabulary) rather than one for ever-changing queries.
 */
export class Analyzer {
  private readonly cache = new Map<TextLanguage, Map<string, WordTerms>>();

  /**
   * @param splitter splits German compounds; without one, compounds stay whole.
   * @param stem the German stemmer, e.g. a memoised {@link stemGerman}.
   */
  constructor(
    private readonly splitter?: CompoundSplitter,
    private readonly stem: (word: string) => string = stemGerman,
  ) {}

  /**
   * Calls `emit` with each index term of a text, given as its {@link wordGroups}, in a
   * language, and its kind weight (a term may come more than once). Hyphenated words are
   * indexed as their parts and as the joined word (`Deutsch-Sprachkurs` → `deutsch`,
   * `sprachkurs`, `deutschsprachkurs`); German words also as the pieces of their compounds.
   */
  emit(
    groups: readonly string[][],
    lang: TextLanguage,
    emit: (term: string, weight: number) => void,
  ): void {
    const add = (word: string) => {
      for (const [term, weight] of this.wordTerms(word, lang)) emit(term, weight);
    };
    for (const group of groups) {
      for (const word of group) add(word);
      if (group.length > 1) add(group.join(''));
    }
  }

  /** The index terms of one folded word (as {@link wordGroups} gives it) with their weights. */
  wordTerms(word: string, lang: TextLanguage): WordTerms {
    let cache = this.cache.get(lang);
    if (!cache) this.cache.set(lang, (cache = new Map()));
    let found = cache.get(word);
    if (!found) cache.set(word, (found = [...this.word(word, lang)]));
    return found;
  }

  /** The index terms of a text, each with its best kind weight, added to `terms`. */
  terms(text: string, lang: TextLanguage, terms: IndexTerms = new Map()): IndexTerms {
    this.emit(wordGroups(text), lang, (term, weight) => {
      if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
    });
    return terms;
  }

  private word(word: string, lang: TextLanguage): IndexTerms {
    const terms: IndexTerms = new Map();
    if (isStopword(word)) return terms;
    const script = scriptOf(word);
    if (script !== 'latin') {
      put(terms, word, 'word');
      if (script === 'arabic') put(terms, stemArabic(word), 'word');
      else if (script === 'cyrillic') put(terms, stemCyrillic(word), 'word');
      return terms;
    }
    if (lang !== 'en') this.german(terms, word, lang === 'de' || lang === 'any');
    if (lang !== 'de') {
      put(terms, word, 'word');
      put(terms, stemEnglish(word), 'word');
    }
    return terms;
  }

  private german(terms: IndexTerms, word: string, split: boolean): void {
    const folded = foldDigraphs(word);
    put(terms, folded, 'word');
    put(terms, this.stem(folded), 'word');
    const pieces = split ? this.splitter?.split(folded) : undefined;
    if (!pieces) return;
    for (const head of pieces.heads) {
      put(terms, head, 'head');
      put(terms, this.stem(head), 'head');
    }
    for (const part of pieces.pieces.slice(0, -1)) {
      put(terms, part, 'part');
      put(terms, this.stem(part), 'part');
    }
  }
}

function put(terms: IndexTerms, term: string, kind: TermKind): void {
  if (term.length < 2) return;
  const weight = termKindWeight[kind];
  if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
}

/** The folded German words of a text's word groups (umlaut digraphs folded), no stopwords. */
export function germanWords(groups: readonly string[][]): string[] {
  const words: string[] = [];
  for (const group of groups) {
    for (const word of group) {
      if (!isStopword(word) && scriptOf(word) === 'latin') words.push(foldDigraphs(word));
    }
  }
  return words;
}

/** One form of a query word to look up, with how much a match through it counts. */
export interface Variant {
  term: string;
  /** 1 for the form in the UI language (or when it has none of de/en), 0.95 otherwise. */
  quality: number;
}

/** A word of a query with the forms it is looked up in. */
export interface QueryWord {
  /** The folded word as typed. */
  text: string;
  /** Its forms: folded, with umlaut digraphs folded, and stemmed for each candidate language. */
  variants: Variant[];
  /** The forms that prefix and fuzzy search start from (unstemmed). */
  surfaces: string[];
  /** The German form, for splitting a compound. Undefined for words not in Latin script. */
  german?: string;
}

function addVariant(variants: Variant[], term: string, quality: number): void {
  if (term.length < 2) return;
  const existing = variants.find((variant) => variant.term === term);
  if (!existing) variants.push({ term, quality });
  else existing.quality = Math.max(existing.quality, quality);
}

/**
 * The words of a query with their forms. The language of a query is not known (a newcomer with
 * an Arabic interface may type German), so a Latin word is tried as German and as English;
 * `lang`, the UI language, only gives the other language's forms slightly less weight.
 */
export function analyzeQuery(query: string, lang?: string): QueryWord[] {
  const words: QueryWord[] = [];
  const deQuality = lang === 'en' ? 0.95 : 1;
  const enQuality = lang === 'de' ? 0.95 : 1;
  for (const group of wordGroups(query)) {
    for (const text of group) {
      if (isStopword(text)) continue;
      const variants: Variant[] = [];
      const script = scriptOf(text);
      if (script !== 'latin') {
        addVariant(variants, text, 1);
        if (script === 'arabic') addVariant(variants, stemArabic(text), 1);
        if (script === 'cyrillic') addVariant(variants, stemCyrillic(text), 1);
        words.push({ text, variants, surfaces: [text] });
        continue;
      }
      const german = foldDigraphs(text);
      addVariant(variants, german, deQuality);
      addVariant(variants, stemGerman(german), deQuality);
      addVariant(variants, text, enQuality);
      addVariant(variants, stemEnglish(text), enQuality);
      const surfaces = german === text ? [text] : [german, text];
      words.push({ text, variants, surfaces, german });
    }
  }
  return words;
}
