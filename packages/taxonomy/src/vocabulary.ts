import type { UiLanguage } from './languages.js';
import { labelSets } from './labels/index.js';
import { pickText, type PickedText } from './localized.js';
import { buildTerms, type Term, type TermCode } from './terms.js';

/** All terms of the vocabulary with their labels in every UI language. */
export const terms: readonly Term[] = buildTerms(labelSets);

const termsByCode = new Map<string, Term>(terms.map((term) => [term.code, term]));

/**
 * A term by its code, with its labels in every UI language.
 *
 * @throws Error for a code that is not in the vocabulary (possible only from unchecked input).
 * @example
 * getTerm('category.german_course').label.en; // { text: 'German course', status: 'source' }
 */
export function getTerm(code: TermCode): Term {
  const term = termsByCode.get(code);
  if (!term) throw new Error(`unknown term ${code}`);
  return term;
}

/** The label of a term in a UI language (every UI language has every label). */
export function label(code: TermCode, lang: UiLanguage): PickedText {
  const picked = pickText(getTerm(code).label, lang);
  if (!picked) throw new Error(`term ${code} has no label`);
  return picked;
}

/**
 * Folds a text for matching: lower case, no diacritics, no Arabic tatweel or harakat,
 * Persian and Arabic letter variants unified, punctuation to spaces.
 */
export function foldForSearch(text: string): string {
  return (
    text
      // The Arabic article is written joined to its word: اللغة and لغة are the same word.
      // Strip it before folding, which would make the hamza of ألمانية look like an article.
      .replace(/(^|\s)ال(?=\p{L}{3})/gu, '$1')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
      .replace(/[يی]/g, 'ي')
      .replace(/[كک]/g, 'ك')
      .replace(/[أإآ]/g, 'ا')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

const foldedLabels: { term: Term; folded: string[] }[] = terms.map((term) => ({
  term,
  folded: Object.values(term.label).map((translation) => foldForSearch(translation.text)),
}));

/**
 * Terms whose label, in any language, contains every word of the query (a word of three
 * letters or more may also match as the start of a label word). This is how an Arabic or
 * Ukrainian query reaches offers described only in German: through their category or target group.
 */
export function findTerms(query: string, kinds?: readonly Term['kind'][]): Term[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  return foldedLabels
    .filter(({ term }) => !kinds || kinds.includes(term.kind))
    .filter(({ folded }) =>
      folded.some((labelText) => {
        const labelWords = labelText.split(' ');
        return words.every((word) =>
          word.length >= 3
            ? labelWords.some(
                (lw) => lw.startsWith(word) || (word.startsWith(lw) && lw.length >= 4),
              )
            : labelWords.includes(word),
        );
      }),
    )
    .map(({ term }) => term);
}
