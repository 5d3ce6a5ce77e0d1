import type { ProfileField } from '@ankommen/routing';
import {
  Benefits,
  Citizenship,
  GermanLevel,
  label,
  localized,
  Need,
  pickText,
  Protection,
  ResidenceArea,
  ResidenceStatus,
  type LocalizedText,
  type TermCode,
  type UiLanguage,
} from '@ankommen/taxonomy';
import type { Question } from './responses.js';

/** The question for each profile field, in the languages the team wrote (others fall back). */
const texts: Record<ProfileField, LocalizedText> = {
  age: localized({ de: 'Wie alt sind Sie?', en: 'How old are you?' }),
  citizenship: localized({
    de: 'Welche Staatsangehörigkeit haben Sie?',
    en: 'What is your citizenship?',
  }),
  residence: localized({
    de: 'Wo wohnen Sie oder werden Sie wohnen?',
    en: 'Where do you live, or where will you live?',
  }),
  status: localized({
    de: 'Welchen Aufenthaltsstatus haben Sie?',
    en: 'What is your residence status?',
  }),
  benefits: localized({
    de: 'Bekommen Sie Leistungen zum Leben?',
    en: 'Do you receive benefits to live on?',
  }),
  german_level: localized({
    de: 'Wie gut sprechen Sie Deutsch?',
    en: 'How well do you speak German?',
  }),
  children: localized({
    de: 'Wie alt sind die Kinder, die bei Ihnen leben?',
    en: 'How old are the children who live with you?',
  }),
  has_foreign_degree: localized({
    de: 'Haben Sie einen Berufs- oder Studienabschluss aus dem Ausland?',
    en: 'Do you have a vocational or university qualification from abroad?',
  }),
  employed: localized({ de: 'Arbeiten Sie zurzeit?', en: 'Do you work at the moment?' }),
  needs: localized({ de: 'Wobei brauchen Sie Hilfe?', en: 'What do you need help with?' }),
  municipality: localized({
    de: 'In welcher Gemeinde wohnen Sie?',
    en: 'Which municipality do you live in?',
  }),
  arrival_date: localized({
    de: 'Wann sind Sie nach Deutschland gekommen?',
    en: 'When did you come to Germany?',
  }),
  months_in_germany: localized({
    de: 'Seit wie vielen Monaten sind Sie in Deutschland?',
    en: 'For how many months have you been in Germany?',
  }),
  nationality: localized({
    de: 'Aus welchem Land kommen Sie?',
    en: 'Which country are you a national of?',
  }),
  protection: localized({
    de: 'Welchen Schutz haben Sie bekommen?',
    en: 'What kind of protection were you granted?',
  }),
  has_id_documents: localized({
    de: 'Haben Sie einen Pass oder Ausweis?',
    en: 'Do you have a passport or ID card?',
  }),
  in_lea: localized({
    de: 'Wohnen Sie in der Erstaufnahme (LEA)?',
    en: 'Do you live in the initial reception centre (LEA)?',
  }),
  unaccompanied: localized({
    de: 'Bist du ohne deine Eltern hier?',
    en: 'Are you here without your parents?',
  }),
  literate: localized({ de: 'Können Sie lesen und schreiben?', en: 'Can you read and write?' }),
  wohnsitzauflage: localized({
    de: 'Müssen Sie an einem bestimmten Ort wohnen (Wohnsitzauflage)?',
    en: 'Do you have to live in a certain place (Wohnsitzauflage)?',
  }),
  wants_to_move_to: localized({
    de: 'Wohin möchten Sie umziehen?',
    en: 'Where do you want to move to?',
  }),
  prior_work_in_germany: localized({
    de: 'Haben Sie in Deutschland schon gearbeitet?',
    en: 'Have you worked in Germany before?',
  }),
};

/** Fields whose answers are taxonomy terms: the term kind that labels them, and the values. */
const options: Partial<Record<ProfileField, [kind: string, values: readonly string[]]>> = {
  citizenship: ['citizenship', Citizenship.options],
  residence: ['residence', ResidenceArea.options],
  status: ['status', ResidenceStatus.options],
  benefits: ['benefits', Benefits.options],
  german_level: ['germanLevel', GermanLevel.options],
  needs: ['need', Need.options],
  protection: ['protection', Protection.options],
  wants_to_move_to: ['residence', ResidenceArea.options],
};

const types: Partial<Record<ProfileField, Question['type']>> = {
  age: 'integer',
  months_in_germany: 'integer',
  children: 'integer_list',
  needs: 'multiple_choice',
  arrival_date: 'month',
  municipality: 'text',
  nationality: 'text',
};

const uiLanguages = ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa', 'fr'];

/** A question for a profile field in a language, with its answer options labelled. */
export function question(field: ProfileField, lang: string): Question {
  const picked = pickText(texts[field], lang)!;
  const choices = options[field];
  const labelLang = (uiLanguages.includes(lang) ? lang : 'en') as UiLanguage;
  return {
    field,
    text: { text: picked.text, lang: picked.lang, fallback: picked.fallback },
    type: types[field] ?? (choices ? 'choice' : 'boolean'),
    ...(choices
      ? {
          options: choices[1].map((value) => ({
            value,
            label: label(`${choices[0]}.${value}` as TermCode, labelLang).text,
          })),
        }
      : {}),
  };
}
