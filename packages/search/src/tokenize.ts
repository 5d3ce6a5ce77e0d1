/** The writing system of a folded word, which decides how it is stemmed. */
export type Script = 'latin' | 'arabic' | 'cyrillic' | 'other';

/**
 * Folds a text for matching as the taxonomy's `foldForSearch` does: lower case, no diacritics,
 * `ß` → `ss`, no Arabic harakat or tatweel, Arabic and Persian letter variants unified, and the
 * Arabic article removed from the start of a word (`اللغة` → `لغة`; before folding, so that
 * `ألمانية` keeps its first letters). Unlike `foldForSearch` it keeps punctuation, so that
 * hyphens can still join words.
 */
export function foldText(text: string): string {
  return text
    .replace(/(^|[^\p{L}\p{M}])ال(?=\p{L}{3})/gu, '$1')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[يی]/g, 'ي')
    .replace(/[كک]/g, 'ك')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/**
 * Splits a text into groups of folded words (see {@link foldText}). Words joined by a hyphen
 * stay in one group (`Deutsch-Sprachkurs` → `[['deutsch', 'sprachkurs']]`) so that the index
 * can add the joined form; any other character that is not a letter or digit separates
 * words. Words of one character are dropped.
 */
export function wordGroups(text: string): string[][] {
  const groups: string[][] = [];
  for (const match of foldText(text).matchAll(/[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)*/gu)) {
    const parts = match[0].split(/[-‐‑]/).filter((word) => word.length > 1);
    if (parts.length > 0) groups.push(parts);
  }
  return groups;
}

/** The script of a folded word, judged by its first character. */
export function scriptOf(word: string): Script {
  const code = word.charCodeAt(0);
  if (code < 0x250) return 'latin';
  if (code >= 0x400 && code < 0x530) return 'cyrillic';
  if ((code >= 0x600 && code < 0x780) || (code >= 0xfb50 && code < 0xff00)) return 'arabic';
  return /\p{Script=Latin}/u.test(word.charAt(0)) ? 'latin' : 'other';
}

/**
 * The German spelling of umlauts without dots: `ae`, `oe`, `ue` become `a`, `o`, `u`, as the
 * folded umlaut already is. `Mütter`, `Muetter` and `mutter` all become `mutter`. Applied to
 * German text and to every Latin query word, never to English text.
 */
export function foldDigraphs(word: string): string {
  return word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

// Function words of the eight UI languages: left out of the index and of queries. Words that
// are also content words in another language are left out of these lists ("car", "bad", "arm").
const stopwordText = [
  // de
  'der die das den dem des ein eine einer eines einem einen und oder aber für mit von vom zu zum',
  'zur im in am an auf aus bei nach über unter um bis ab als wie wo was wer ist sind wird werden',
  'hat haben sich auch nicht kein keine noch schon sehr ich du er sie es wir ihr mein meine',
  'dein deine sein seine ihre unser euer mich mir dich dir uns euch gibt gib alle allen aller alles',
  // en
  'the and or for with of to in on at by from as is are be an it its this that these those my',
  'your our their me we you he she they how what where who which can do does need want',
  // fr
  'le la les un une des du de et ou pour avec en au aux dans sur par ce ces mon ma mes je',
  'vous nous',
  // tr
  've ile için icin bir bu şu da de mi mı ben sen biz siz nasıl nerede',
  // ru, uk
  'и в во на для по с со к о об от до из у за не как что где мне я мы вы',
  'і й та в у на для по з із зі до від о про за не як що де мені ми ви',
  // ar, fa
  'في من على الى إلى عن مع او أو هذا هذه ذلك كيف اين أين',
  'و در از به با برای براي که را این ان آن یا چگونه کجا ها های',
].join(' ');

/** Folded stopwords of all UI languages. */
export const stopwords: ReadonlySet<string> = new Set(
  stopwordText
    .split(' ')
    .map((word) => foldText(word))
    .filter(Boolean),
);

/** True when a folded word carries no meaning for search. */
export function isStopword(word: string): boolean {
  return stopwords.has(word);
}
