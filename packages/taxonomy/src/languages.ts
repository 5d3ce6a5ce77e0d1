import { z } from 'zod';

/** The languages the user interface is offered in. Content may exist in more. */
export const uiLanguages = ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa', 'fr'] as const;
export const UiLanguage = z.enum(uiLanguages);
export type UiLanguage = z.infer<typeof UiLanguage>;

/** Any ISO 639-1 code (two lowercase letters), for content and for languages an offer is given in. */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as "de" or "ar"');
export type LanguageCode = z.infer<typeof LanguageCode>;

export type TextDirection = 'ltr' | 'rtl';

export interface LanguageInfo {
  code: UiLanguage;
  /** The language's name in itself, for the language switcher. */
  nativeName: string;
  englishName: string;
  dir: TextDirection;
}

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

export function textDirection(code: string): TextDirection {
  return rtlLanguages.has(code) ? 'rtl' : 'ltr';
}
