/**
 * Stemmers for the languages the search meets: German (CISTEM), English (a light plural
 * stemmer), and light stemmers for Arabic-script and Cyrillic words, which only the labels
 * of the vocabulary are written in. Every function expects a word already folded by
 * `foldWord` (lower case, no diacritics); stems are only ever compared with stems made by
 * the same function, so over-stemming costs precision, never a match.
 */

/**
 * Stems a German word with CISTEM (Weissweiler and Fraser, 2017) in its case-insensitive
 * form, extended by one derivational rule: a final `-ung` is removed from a long word, so that
 * `Beratung`, `Beratungen` and `beraten` share the stem `bera` and `Wohnung` and `wohnen` the
 * stem `woh`.
 *
 * CISTEM: umlauts to their base vowel and `ß` to `ss`; drop a `ge-` prefix before four or
 * more letters; protect `sch`, `ei`, `ie` and doubled letters; then repeatedly strip `-em`,
 * `-er`, `-nd` (words longer than five), `-t`, `-e`, `-s` and `-n` while more than three
 * characters remain.
 */
export function stemGerman(word: string): string {
  if (word.length === 0) return word;
  let w = word;
  if (/[äöüß]/.test(w))
    w = w.replace(/ü/g, 'u').replace(/ö/g, 'o').replace(/ä/g, 'a').replace(/ß/g, 'ss');
  if (w.length >= 6 && w.startsWith('ge')) w = w.slice(2);
  // Protect sch, ei, ie and doubled letters from being taken apart.
  if (w.includes('sch')) w = w.replace(/sch/g, '$');
  if (w.includes('ei')) w = w.replace(/ei/g, '%');
  if (w.includes('ie')) w = w.replace(/ie/g, '&');
  w = w.replace(/(.)\1/g, '$1*');
  while (w.length > 3) {
    if (w.length > 5 && (w.endsWith('em') || w.endsWith('er') || w.endsWith('nd'))) {
      w = w.slice(0, -2);
    } else if (w.length > 6 && w.endsWith('ung')) {
      w = w.slice(0, -3);
    } else if (/[tesn]$/.test(w)) {
      w = w.slice(0, -1);
    } else {
      break;
    }
  }
  if (/[*&%$]/.test(w)) {
    w = w.replace(/(.)\*/g, '$1$1').replace(/&/g, 'ie').replace(/%/g, 'ei').replace(/\$/g, 'sch');
  }
  return w;
}

/**
 * A light English stemmer: plural and third-person `-s` only (Harman's S-stemmer, with
 * `-sses`, `-xes`, `-ches`, `-shes`, `-zes` reduced by `-es`). `courses` → `course`,
 * `families` → `family`, `classes` → `class`; `status` and `address` stay.
 */
export function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && !/[ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !/(?:us|ss|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

// The bare article is removed by folding, before hamza is folded away (see `foldText`).
const arabicPrefixes = ['وال', 'بال', 'كال', 'فال', 'لل'];
const arabicSuffixes = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/**
 * A light stemmer for Arabic and Persian words after the style of Larkey's Light10, for words
 * folded by `foldText` (which already removed a leading article): strips one prefix of
 * preposition or conjunction and article (`لل`, `بال`, `وال` …) or else a leading `و` ("and"),
 * and one common suffix, keeping at least three letters. `للنساء` and `نساء` (folded from
 * `النساء`) both become `نساء`.
 */
export function stemArabic(word: string): string {
  let w = word;
  const prefix = arabicPrefixes.find((p) => w.startsWith(p) && w.length - p.length >= 3);
  if (prefix) w = w.slice(prefix.length);
  else if (w.length > 3 && w.startsWith('و')) w = w.slice(1);
  for (const suffix of arabicSuffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

// Endings after folding, which turns й into и and ё into е. Longest first.
const cyrillicEndings = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ими',
  'ыми',
  'ых',
  'их',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ии',
  'ыи',
  'ои',
  'еи',
  'ів',
  'ов',
  'ев',
  'ам',
  'ям',
  'ах',
  'ях',
  'ом',
  'ем',
  'ою',
  'ею',
  'ія',
  'ію',
  'іи',
  'а',
  'я',
  'о',
  'е',
  'и',
  'ы',
  'у',
  'ю',
  'і',
  'ь',
];

/** The endings by their last letter, longest first. */
const cyrillicEndingsByLetter = new Map<string, string[]>();
for (const ending of cyrillicEndings) {
  const letter = ending.charAt(ending.length - 1);
  cyrillicEndingsByLetter.set(letter, [...(cyrillicEndingsByLetter.get(letter) ?? []), ending]);
}

/**
 * A light stemmer for Russian and Ukrainian: removes one inflectional ending, keeping at least
 * three letters. `курсы` and `курс` → `курс`; `немецкого` and `немецкий` → `немецк`.
 */
export function stemCyrillic(word: string): string {
  for (const ending of cyrillicEndingsByLetter.get(word.charAt(word.length - 1)) ?? []) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}
