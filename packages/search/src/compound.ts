import { stemGerman } from './stemmer.js';
import { foldDigraphs, foldText } from './tokenize.js';

/** The meaningful pieces of a German compound, all folded. */
export interface CompoundSplit {
  /** Suffixes that start at a joint: `schuldnerberatungsstelle` → `beratungsstelle`, `stelle`. */
  heads: string[];
  /**
   * The pieces in order, known ones without linking `s`/`n`/`e`: `schuldner`, `beratung`,
   * `stelle`. The last piece is the shortest head.
   */
  pieces: string[];
  /** True when every piece is known; false when the first is not (`zebefi` in `zebefikurs`). */
  complete: boolean;
}

/** Splits German compounds into pieces known from a vocabulary. */
export interface CompoundSplitter {
  /** The split of a folded word, or undefined when it is not a compound of known words. */
  split(word: string): CompoundSplit | undefined;
}

/**
 * Common heads and modifiers of German compounds in the domain of the platform. They let a
 * query compound that no offer contains (`Deutschsprachkurs`) split even where the offers
 * never use its pieces on their own. Three-letter words are allowed as pieces only here.
 */
const commonPieces = `Amt Bad Ort Rat Tag Arzt Angebot Antrag Arbeit Asyl Ausbildung Ausweis
  Begleitung Beratung Bildung Büro Café Deutsch Dienst Eltern Familie Flucht Frau Frauen
  Gesundheit Geld Gruppe Haus Heim Hilfe Integration Jugend Kasse Kind Kinder Klasse Kultur
  Kurs Laden Markt Miete Mieter Migration Mutter Mütter Pass Platz Portal Programm Projekt
  Recht Schule Schutz Sport Sprach Sprache Stelle Studium Suche Termin Treff Unterkunft
  Verein Verfahren Versicherung Wohnung Zentrum`;

const linkingEndings = ['', 's', 'es', 'n', 'en', 'e'];
const minPiece = 4;
const maxPiece = 20;
const minCompound = 7;
const minUnknownPiece = 5;

function foldGerman(word: string): string {
  return foldDigraphs(foldText(word));
}

/**
 * Builds a splitter from folded German words (surface forms). A piece of a compound is known
 * when it, or it without a linking ending (`s`, `es`, `n`, `en`, `e`), is one of these words
 * or their stems (four letters or more), or one of a short built-in list of common pieces.
 * A word is split only where everything after the first joint is made of known pieces; the
 * first piece may be unknown if it has five letters or more (`zebefi…`, a name).
 */
export function createCompoundSplitter(
  words: Iterable<string>,
  stem: (word: string) => string = stemGerman,
): CompoundSplitter {
  const known = new Set<string>();
  const short = new Set<string>();
  const add = (word: string) => {
    if (word.length >= minPiece) known.add(word);
    const stemmed = stem(word);
    if (stemmed.length >= minPiece) known.add(stemmed);
  };
  for (const piece of commonPieces.split(/\s+/)) {
    const folded = foldGerman(piece);
    if (folded.length < minPiece) short.add(folded);
    else add(folded);
  }
  for (const word of new Set(words)) add(word);
  // The first three letters of every known piece: most positions in a word start none.
  const starts = new Set<string>();
  for (const piece of [...known, ...short]) starts.add(piece.slice(0, 3));

  const knownBase = (piece: string): string | undefined => {
    for (const ending of linkingEndings) {
      if (!piece.endsWith(ending)) continue;
      const base = ending ? piece.slice(0, -ending.length) : piece;
      if (base.length >= minPiece ? known.has(base) : short.has(base)) return base;
    }
    return undefined;
  };

  const split = (word: string): CompoundSplit | undefined => {
    const n = word.length;
    if (n < minCompound) return undefined;
    // reach[j]: word.slice(j) is a sequence of known pieces; next[j]: end of its first piece.
    const reach = new Uint8Array(n + 1);
    const next = new Int32Array(n + 1);
    reach[n] = 1;
    for (let j = n - 3; j >= 3; j--) {
      if (!starts.has(word.slice(j, j + 3))) continue;
      for (let k = j + 3; k <= Math.min(n, j + maxPiece); k++) {
        if (reach[k] && knownBase(word.slice(j, k)) !== undefined) {
          reach[j] = 1;
          next[j] = k;
          break;
        }
      }
    }
    // The first joint: after a known piece, or after an unknown one of five letters or more
    // (a name such as `zebefi`) followed by four letters or more: `tran|sport` and
    // `transp|ort` are not compounds.
    let first = -1;
    for (let j = 3; j <= n - 3 && first < 0; j++) {
      if (!reach[j]) continue;
      const unknownOk = j >= minUnknownPiece && n - j >= minPiece;
      if (unknownOk || knownBase(word.slice(0, j)) !== undefined) first = j;
    }
    if (first < 0) return undefined;
    const heads: string[] = [];
    for (let j = first; j <= n - 3; j++) if (reach[j]) heads.push(word.slice(j));
    const modifier = knownBase(word.slice(0, first));
    const pieces = [modifier ?? word.slice(0, first)];
    for (let j = first, k = next[j] ?? n; j < n; j = k, k = next[j] ?? n) {
      const piece = knownBase(word.slice(j, k));
      if (piece !== undefined) pieces.push(piece);
    }
    return { heads, pieces, complete: modifier !== undefined };
  };

  return { split };
}
