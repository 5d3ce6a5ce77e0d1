import { z } from 'zod';

/** The languages the user interface is offered in. Content may exist in more. */
export const uiLanguages = ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa', 'fr'] as const;
/** Schema of a UI language code: one of {@link uiLanguages} (`de en ar tr uk ru fa fr`). */
export const UiLanguage = z.enum(uiLanguages);
/** A language the user interface is offered in: `de`, `en`, `ar`, `tr`, `uk`, `ru`, `fa` or `fr`. */
export type UiLanguage = z.infer<typeof UiLanguage>;

/** An ISO 639 code (two or three lower-case letters), for content and for the languages an offer is given in. */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as "de" or "ar"');
export type LanguageCode = z.infer<typeof LanguageCode>;

/** The writing direction of a text: left to right, or right to left (Arabic, Persian, …). */
export type TextDirection = 'ltr' | 'rtl';

/** What a user interface needs to know about one of its languages. */
export interface LanguageInfo {
  code: UiLanguage;
  /** The language's name in itself, for the language switcher. */
  nativeName: string;
  /** The language's name in English, e.g. `Persian` for `fa`. */
  englishName: string;
  /** The direction to set on the page (`dir` attribute) when showing this language. */
  dir: TextDirection;
}

/**
 * Native name, English name and text direction of every UI language.
 *
 * @example
 * languageInfo.ar; // { code: 'ar', nativeName: 'العربية', englishName: 'Arabic', dir: 'rtl' }
 */
export const languageInfo: Record<UiLanguage, LanguageInfo> = {
  de: { code: 'de', nativeName: 'Deutsch', englishName: 'German', dir: 'ltr' },
  en: { code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr' },
  ar: { code: 'ar', nativeName: 'العربية', englishName: 'Arabic', dir: 'rtl' },
  tr: { code: 'tr', nativeName: 'Türkçe', englishName: 'Turkish', dir: 'ltr' },
  uk: { code: 'uk', nativeName: 'Українська', englishName: 'Ukrainian', dir: 'ltr' },
  ru: { code: 'ru', nativeName: 'Русский', englishName: 'Russian', dir: 'ltr' },
  fa: { code: 'fa', nativeName: 'فارسی', englishName: 'Persian', dir: 'rtl' },
  fr: { code: 'fr', nativeName: 'Français', englishName: 'French', dir: 'ltr' },
};

/** Right-to-left scripts among all content languages we may meet, not only UI languages. */
const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv']);

/**
 * The text direction of any content language, not only UI languages: `rtl` for Arabic,
 * Persian, Hebrew, Urdu, Pashto, Sorani, Yiddish and Dhivehi (`ar fa he ur ps ckb yi dv`),
 * else `ltr`. `code` is an ISO 639 code in lower case; an unknown code gives `ltr`.
 *
 * @example
 * textDirection('fa'); // 'rtl'
 * textDirection('uk'); // 'ltr'
 */
export function textDirection(code: string): TextDirection {
  return rtlLanguages.has(code) ? 'rtl' : 'ltr';
}
