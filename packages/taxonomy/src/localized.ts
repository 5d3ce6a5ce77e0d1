import { z } from 'zod';
import { LanguageCode } from './languages.js';

/**
 * Where a translation stands. `source`: the text as written by its author (the German or
 * English original); `reviewed`: a translation a person checked; `machine`: made by a machine
 * and not yet reviewed; `outdated`: the source changed after this translation was made.
 */
export const TranslationStatus = z.enum(['source', 'reviewed', 'machine', 'outdated']);
export type TranslationStatus = z.infer<typeof TranslationStatus>;

/**
 * The longest text one language may hold. The longest in the Karlsruhe data is about 850
 * characters: this leaves room for a long description and refuses a pasted document.
 */
export const maxTextLength = 10_000;

/**
 * Schema of one language's text: `{ text, status }`; `text` is trimmed, must not be empty and
 * holds at most {@link maxTextLength} characters.
 */
export const Translation = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(maxTextLength, `must be at most ${maxTextLength.toLocaleString('en-US')} characters`),
    status: TranslationStatus,
  })
  .strict();
/** One language's text with its {@link TranslationStatus}. */
export type Translation = z.infer<typeof Translation>;

/** A text in several languages, each with its translation status. At least one language. */
export const LocalizedText = z
  .record(LanguageCode, Translation)
  .refine((value) => Object.keys(value).length > 0, 'needs at least one language');
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A text picked from a {@link LocalizedText} for one language (see {@link pickText}). */
export const PickedText = z
  .object({
    text: z.string(),
    lang: z.string().describe('The language the text is actually in'),
    status: TranslationStatus,
    fallback: z.boolean().describe('True when the text is not in the language asked for'),
  })
  .strict();
/** A text picked from a {@link LocalizedText} for one language, with where it came from. */
export type PickedText = z.infer<typeof PickedText>;

/** Default order of languages to fall back to when a text lacks the one asked for. */
export const defaultFallbacks = ['en', 'de'] as const;

/**
 * Picks the text in `lang`, else in the first fallback language that has it, else in any
 * language. Never invents a text: returns undefined only when `value` is undefined.
 */
export function pickText(
  value: LocalizedText | undefined,
  lang: string,
  fallbacks: readonly string[] = defaultFallbacks,
): PickedText | undefined {
  if (!value) return undefined;
  const exact = value[lang];
  if (exact) return { text: exact.text, lang, status: exact.status, fallback: false };
  for (const candidate of fallbacks) {
    const found = value[candidate];
    if (found) return { text: found.text, lang: candidate, status: found.status, fallback: true };
  }
  for (const [candidate, found] of Object.entries(value)) {
    return { text: found.text, lang: candidate, status: found.status, fallback: true };
  }
  return undefined;
}

/** Builds a LocalizedText from plain strings that all share one status. */
export function localized(
  texts: Partial<Record<string, string>>,
  status: TranslationStatus = 'source',
): LocalizedText {
  const result: LocalizedText = {};
  for (const [lang, text] of Object.entries(texts)) {
    if (text) result[lang] = { text, status };
  }
  return result;
}
