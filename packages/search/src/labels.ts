import { terms, type Term, type TermCode, type TermKind } from '@ankommen/taxonomy';
import SearchableMap from 'minisearch/SearchableMap';
import { Analyzer, type QueryWord } from './analyze.js';
import { isStopword, scriptOf, wordGroups, type Script } from './tokenize.js';

/** The kinds of term a query can reach offers through. */
export const reachableKinds: readonly TermKind[] = [
  'topic',
  'category',
  'targetGroup',
  'need',
  'cost',
  'format',
];

/** Terms that would reach nearly every offer without saying anything about it. */
const unreachable = new Set<TermCode>(['cost.unknown']);

/** The largest number of edits a fuzzy match of a word of this length may need. */
export function maxEdits(length: number): number {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}

interface LabelText {
  term: Term;
  /** Number of content words. */
  size: number;
}

interface LabelIndex {
  labels: LabelText[];
  /** Per script: index form of a label word → references `label * 64 + word`. */
  forms: Map<Script, SearchableMap<number[]>>;
  /** A label word as written (folded) → references. */
  surfaces: Map<string, number[]>;
}

let labelIndex: LabelIndex | undefined;

/** Position of each term in the vocabulary. */
const termOrder = new Map(terms.map((term, index) => [term.code, index]));

/** Builds the index of the vocabulary's labels, once per process (it depends on no offer). */
export function prepareLabels(): void {
  labelIndex ??= buildLabelIndex();
}

function buildLabelIndex(): LabelIndex {
  const labels: LabelText[] = [];
  const forms = new Map<Script, SearchableMap<number[]>>();
  const surfaces = new Map<string, number[]>();
  const analyzer = new Analyzer();
  for (const term of terms) {
    if (!reachableKinds.includes(term.kind) || unreachable.has(term.code)) continue;
    for (const [lang, translation] of Object.entries(term.label)) {
      let size = 0;
      for (const group of wordGroups(translation.text)) {
        for (const word of group) {
          const wordForms = analyzer.wordTerms(word, lang);
          if (wordForms.length === 0 || size >= 64) continue;
          const ref = labels.length * 64 + size;
          const script = scriptOf(word);
          let byForm = forms.get(script);
          if (!byForm) forms.set(script, (byForm = new SearchableMap()));
          for (const [form] of wordForms) {
            const refs = byForm.get(form) ?? [];
            refs.push(ref);
            byForm.set(form, refs);
          }
          const refs = surfaces.get(word) ?? [];
          refs.push(ref);
          surfaces.set(word, refs);
          size += 1;
        }
      }
      if (size > 0) labels.push({ term, size });
    }
  }
  return { labels, forms, surfaces };
}

/** A term a query reached through one of its labels, and which query words reached it. */
export interface LabelMatch {
  term: Term;
  /** Indexes into the query words. */
  words: Set<number>;
}

/**
 * The terms whose label, in any UI language, either contains every word of the query, or is
 * wholly contained in the query (so that "Deutschkurs für Frauen" reaches both
 * `category.german_course` and `targetGroup.women`). Words match through their forms (folded,
 * stemmed), by prefix either way (a query word of three letters or more at the start of a
 * label word, or a label word of four letters or more at the start of a query word, as in the
 * taxonomy's `findTerms`), or with a typo (two in words of ten letters or more, and only when
 * one reaches nothing); a label contained in the query needs each of its words matched by form
 * or typo, not by prefix. Returns the matches in vocabulary order.
 */
export function matchLabels(words: readonly QueryWord[]): LabelMatch[] {
  if (words.length === 0) return [];
  const { labels, forms: formsByScript, surfaces } = (labelIndex ??= buildLabelIndex());
  // Per label: the query words that touch it in any way, and the label words matched closely
  // with the query word that matched each.
  const touched = new Map<number, number>();
  const close = new Map<number, Map<number, number>>();
  words.forEach((word, index) => {
    const forms = formsByScript.get(scriptOf(word.text));
    if (!forms) return;
    const loose = new Set<number>();
    const markClose = (refs: readonly number[]) => {
      for (const ref of refs) {
        const label = Math.floor(ref / 64);
        loose.add(label);
        let matched = close.get(label);
        if (!matched) close.set(label, (matched = new Map()));
        if (!matched.has(ref % 64)) matched.set(ref % 64, index);
      }
    };
    const markLoose = (refs: readonly number[]) => {
      for (const ref of refs) loose.add(Math.floor(ref / 64));
    };
    for (const variant of word.variants) markClose(forms.get(variant.term) ?? []);
    for (const surface of word.surfaces) {
      if (surface.length >= 3) for (const [, refs] of forms.atPrefix(surface)) markLoose(refs);
      for (let end = 4; end < surface.length; end++) {
        // A word that means nothing on its own starts no compound (`allemand` is not `alle`).
        const start = surface.slice(0, end);
        if (!isStopword(start)) markLoose(surfaces.get(start) ?? []);
      }
    }
    // One typo (which also catches many inflected forms: жінок, жінки); two only for words of
    // ten letters or more that reach no label otherwise (a label reaches many offers).
    for (let edits = 1; edits <= 2 && (edits === 1 || loose.size === 0); edits++) {
      const surface = word.surfaces[0] ?? word.text;
      if (maxEdits(surface.length) < edits || (edits === 2 && surface.length < 10)) continue;
      for (const [, [refs]] of forms.fuzzyGet(surface, edits)) markClose(refs);
    }
    for (const label of loose) touched.set(label, (touched.get(label) ?? 0) + 1);
  });

  const byCode = new Map<TermCode, LabelMatch>();
  const reach = (term: Term, reachedBy: Iterable<number>) => {
    let match = byCode.get(term.code);
    if (!match) byCode.set(term.code, (match = { term, words: new Set() }));
    for (const index of reachedBy) match.words.add(index);
  };
  const all = words.map((_, index) => index);
  for (const [label, count] of touched) {
    const entry = labels[label];
    if (entry && count === words.length) reach(entry.term, all);
  }
  for (const [label, matched] of close) {
    const entry = labels[label];
    if (entry && matched.size === entry.size) reach(entry.term, matched.values());
  }
  return [...byCode.values()].sort(
    (a, b) => (termOrder.get(a.term.code) ?? 0) - (termOrder.get(b.term.code) ?? 0),
  );
}
