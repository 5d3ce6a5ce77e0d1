import {
  expandWegweiser,
  Profile,
  profileFields,
  type CompactWegweiser,
  type ProfileField,
  type Wegweiser,
  type WegweiserTexts,
} from '@ankommen/routing';
import { api, type Problem } from './api';

/**
 * Desk mode: a counsellor and a visitor fill in the Wegweiser together. Nothing of the visitor
 * is kept here or in the API: the answers travel in the form's hidden fields only.
 */

/** The languages the desk offers, with their names in German and in themselves. */
export const deskLanguages = [
  { code: 'de', german: 'Deutsch', own: 'Deutsch', rtl: false },
  { code: 'en', german: 'Englisch', own: 'English', rtl: false },
  { code: 'ar', german: 'Arabisch', own: 'العربية', rtl: true },
  { code: 'tr', german: 'Türkisch', own: 'Türkçe', rtl: false },
  { code: 'uk', german: 'Ukrainisch', own: 'Українська', rtl: false },
  { code: 'ru', german: 'Russisch', own: 'Русский', rtl: false },
  { code: 'fa', german: 'Persisch', own: 'فارسی', rtl: true },
  { code: 'fr', german: 'Französisch', own: 'Français', rtl: false },
] as const;

export type DeskLanguage = (typeof deskLanguages)[number]['code'];

export const isDeskLanguage = (value: unknown): value is DeskLanguage =>
  deskLanguages.some((l) => l.code === value);

export const isRtl = (lang: string) => deskLanguages.some((l) => l.code === lang && l.rtl);

/** A question as the API asks it (`POST /v1/route/questions`). */
export interface Question {
  field: ProfileField;
  text: { text: string; lang: string; fallback: boolean };
  type: 'integer' | 'boolean' | 'choice' | 'multiple_choice' | 'integer_list' | 'text' | 'month';
  options?: { value: string; label: string }[];
}

/** A question with its texts in German and in the visitor's language, side by side. */
export interface DeskQuestion extends Question {
  visitor: { text: Question['text']; dir: 'rtl' | 'ltr'; options: Record<string, string> };
}

/** What the form carries from page to page: the visitor's language, answers, fields skipped. */
export interface DeskState {
  lang: DeskLanguage;
  answers: Profile;
  skipped: ProfileField[];
}

const Skipped = Profile.keyof().array().max(profileFields.length);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Reads the hidden fields; anything malformed (a tampered form) starts afresh. */
export function readState(form: FormData): DeskState | undefined {
  const lang = form.get('lang');
  if (!isDeskLanguage(lang)) return undefined;
  const answers = Profile.safeParse(parseJson(String(form.get('answers') ?? '{}')));
  const skipped = Skipped.safeParse(parseJson(String(form.get('skipped') ?? '[]')));
  return {
    lang,
    answers: answers.success ? answers.data : {},
    skipped: answers.success && skipped.success ? skipped.data : [],
  };
}

/** What the form gives for one question: a value, "unknown", or a mistake. */
export type Reading = { value: unknown } | { unknown: true } | { invalid: true };

/** Reads one question's answer from the form (`q.<field>`; `unknown` lists fields left open). */
export function readAnswer(
  question: Pick<Question, 'field' | 'type' | 'options'>,
  form: FormData,
): Reading {
  const name = `q.${question.field}`;
  if (form.getAll('unknown').includes(question.field)) return { unknown: true };
  const raw = String(form.get(name) ?? '').trim();
  const valid = (ok: boolean, value: unknown): Reading => (ok ? { value } : { invalid: true });
  if (question.type === 'multiple_choice') return { value: form.getAll(name).map(String) };
  if (question.type === 'integer_list') {
    const parts = raw.split(/[\s,;،]+/).filter(Boolean);
    return valid(
      parts.every((part) => /^\d{1,2}$/.test(part)),
      parts.map(Number),
    );
  }
  if (raw === '') return { unknown: true };
  switch (question.type) {
    case 'integer':
      return valid(/^\d{1,4}$/.test(raw), Number(raw));
    case 'boolean':
      return valid(raw === 'true' || raw === 'false', raw === 'true');
    case 'month':
      return valid(/^\d{4}-\d{2}$/.test(raw), raw);
    case 'choice':
      return valid(question.options?.some((o) => o.value === raw) ?? false, raw);
    default:
      return { value: raw };
  }
}

async function questionsIn(
  fetcher: typeof fetch,
  token: string | null,
  answers: Profile,
  lang: string,
) {
  return api<{ complete: boolean; questions: Question[] } & Problem>(
    fetcher,
    '/v1/route/questions',
    { method: 'POST', token, body: { answers, lang } },
  );
}

/**
 * The questions the engine still needs (its `missing`), less those the visitor left open,
 * each in German and in the visitor's language. A field the API refuses comes back as
 * `invalid` (e.g. an age out of range), named as in the form.
 */
export async function openQuestions(
  fetcher: typeof fetch,
  token: string | null,
  state: DeskState,
): Promise<{ questions: DeskQuestion[] } | { invalid: string[] }> {
  const [german, visitor] = await Promise.all([
    questionsIn(fetcher, token, state.answers, 'de'),
    questionsIn(fetcher, token, state.answers, state.lang),
  ]);
  if (german.status !== 200) {
    const fields = (german.body.errors ?? []).map((e) => e.field.split('.')[2] ?? e.field);
    return { invalid: fields };
  }
  const translated = new Map(visitor.body.questions.map((q) => [q.field, q]));
  return {
    questions: german.body.questions
      .filter((question) => !state.skipped.includes(question.field))
      .map((question) => {
        const own = translated.get(question.field) ?? question;
        return {
          ...question,
          visitor: {
            text: own.text,
            dir: isRtl(own.text.lang) ? 'rtl' : 'ltr',
            options: Object.fromEntries((own.options ?? []).map((o) => [o.value, o.label])),
          },
        };
      }),
  };
}

/** An office a step leads to: name, addresses, hours and contact exactly as the API gives them. */
export interface Office {
  name: { text: string; lang: string } | null;
  locations: {
    name?: string;
    address?: { text: string };
    openingHours?: { text?: string };
  }[];
  contact: { phone?: string; email?: string };
}

interface Detail extends Office {
  title?: Office['name'];
  offices?: { id: string }[];
}

const officeOf = (detail: Detail): Office => ({
  name: detail.name ?? detail.title ?? null,
  locations: detail.locations.filter((l) => l.address || l.openingHours?.text),
  contact: { phone: detail.contact.phone, email: detail.contact.email },
});

const hasDetails = (office: Office) =>
  office.locations.length > 0 || Boolean(office.contact.phone || office.contact.email);

/**
 * Where to go for a step. A step names an authority in general (say, "the foreigners'
 * office"); its addresses are those of its offices, which the API lists with the agency.
 */
async function officesFor(
  fetcher: typeof fetch,
  token: string | null,
  target: string,
  kind: 'agency' | 'offer',
): Promise<Office[]> {
  const get = async (path: string) => {
    const answer = await api<Detail>(fetcher, `${path}?lang=de`, { token });
    return answer.status === 200 ? answer.body : undefined;
  };
  const detail = await get(kind === 'offer' ? `/v1/offers/${target}` : `/v1/agencies/${target}`);
  if (!detail) return [];
  const offices = await Promise.all(
    (detail.offices ?? []).map((office) => get(`/v1/agencies/${office.id}`)),
  );
  return [detail, ...offices]
    .flatMap((found) => (found ? [officeOf(found)] : []))
    .filter(hasDetails);
}

/** One column of the printout: the Wegweiser in one language. */
export interface Column {
  lang: DeskLanguage;
  rtl: boolean;
  labels: PrintLabels;
  wegweiser: Wegweiser;
  names: WegweiserTexts['targets'];
  documents: WegweiserTexts['documents'];
}

export interface DeskPlan {
  /** The visitor's language first, then German (one column when the visitor reads German). */
  columns: Column[];
  offices: Record<string, Office[]>;
  /** Questions left open: the plan may change once they are answered. */
  missing: ProfileField[];
}

/**
 * The plan in the visitor's language and in German: one compact Wegweiser (one request, so
 * the planning counts see one completion), expanded with each language's texts.
 */
export async function deskPlan(
  fetcher: typeof fetch,
  token: string | null,
  state: DeskState,
): Promise<DeskPlan | { invalid: string[] }> {
  const answer = await api<CompactWegweiser & Problem>(fetcher, '/v1/route', {
    method: 'POST',
    token,
    body: { profile: state.answers, lang: state.lang },
  });
  if (answer.status !== 200) {
    return { invalid: (answer.body.errors ?? []).map((e) => e.field.split('.')[2] ?? e.field) };
  }
  const compact = answer.body;
  const languages: DeskLanguage[] = state.lang === 'de' ? ['de'] : [state.lang, 'de'];
  const texts = await Promise.all(
    languages.map(
      async (lang) =>
        (await api<WegweiserTexts>(fetcher, `/v1/route/texts?lang=${lang}`, { token })).body,
    ),
  );
  const offices: Record<string, Office[]> = {};
  await Promise.all(
    compact.steps.map(async ({ target }) => {
      const kind = texts[0]!.targets[target]?.kind ?? 'agency';
      offices[target] = await officesFor(fetcher, token, target, kind);
    }),
  );
  const column = (lang: DeskLanguage, textsIn: WegweiserTexts): Column => ({
    lang,
    rtl: isRtl(lang),
    labels: labelsFor(lang),
    wegweiser: expandWegweiser(compact, textsIn),
    names: textsIn.targets,
    documents: textsIn.documents,
  });
  return {
    columns: languages.map((lang, i) => column(lang, texts[i]!)),
    offices,
    missing: compact.missing,
  };
}

/** The printout's headings in each desk language; the plan's own texts come from the API. */
const printLabels = {
  de: {
    yes: 'Ja',
    no: 'Nein',
    unknown: 'Weiß nicht',
    title: 'Ihr Wegweiser',
    step: 'Schritt',
    optional: 'freiwillig',
    where: 'Adresse',
    hours: 'Öffnungszeiten',
    contact: 'Kontakt',
    bring: 'Mitbringen',
    deadline: 'Frist',
    days: 'Tage',
    why: 'Warum',
    open: 'Noch offen: Der Wegweiser kann sich ändern, wenn diese Fragen beantwortet sind.',
  },
  en: {
    yes: 'Yes',
    no: 'No',
    unknown: 'Don’t know',
    title: 'Your guide',
    step: 'Step',
    optional: 'optional',
    where: 'Address',
    hours: 'Opening hours',
    contact: 'Contact',
    bring: 'Bring',
    deadline: 'Deadline',
    days: 'days',
    why: 'Why',
    open: 'Still open: the guide may change once these questions are answered.',
  },
  ar: {
    yes: 'نعم',
    no: 'لا',
    unknown: 'لا أعرف',
    title: 'دليلك',
    step: 'الخطوة',
    optional: 'اختياري',
    where: 'العنوان',
    hours: 'أوقات العمل',
    contact: 'التواصل',
    bring: 'أحضر معك',
    deadline: 'الموعد النهائي',
    days: 'أيام',
    why: 'لماذا',
    open: 'ما زال مفتوحًا: قد يتغير الدليل بعد الإجابة عن هذه الأسئلة.',
  },
  tr: {
    yes: 'Evet',
    no: 'Hayır',
    unknown: 'Bilmiyorum',
    title: 'Yol rehberiniz',
    step: 'Adım',
    optional: 'isteğe bağlı',
    where: 'Adres',
    hours: 'Çalışma saatleri',
    contact: 'İletişim',
    bring: 'Yanınızda getirin',
    deadline: 'Son tarih',
    days: 'gün',
    why: 'Neden',
    open: 'Henüz açık: Bu sorular yanıtlandığında rehber değişebilir.',
  },
  uk: {
    yes: 'Так',
    no: 'Ні',
    unknown: 'Не знаю',
    title: 'Ваш путівник',
    step: 'Крок',
    optional: 'за бажанням',
    where: 'Адреса',
    hours: 'Години роботи',
    contact: 'Контакт',
    bring: 'Візьміть із собою',
    deadline: 'Термін',
    days: 'днів',
    why: 'Чому',
    open: 'Ще відкрито: путівник може змінитися, коли ці питання будуть з’ясовані.',
  },
  ru: {
    yes: 'Да',
    no: 'Нет',
    unknown: 'Не знаю',
    title: 'Ваш путеводитель',
    step: 'Шаг',
    optional: 'по желанию',
    where: 'Адрес',
    hours: 'Часы работы',
    contact: 'Контакт',
    bring: 'Возьмите с собой',
    deadline: 'Срок',
    days: 'дней',
    why: 'Почему',
    open: 'Ещё открыто: путеводитель может измениться, когда эти вопросы будут выяснены.',
  },
  fa: {
    yes: 'بله',
    no: 'خیر',
    unknown: 'نمی‌دانم',
    title: 'راهنمای شما',
    step: 'گام',
    optional: 'اختیاری',
    where: 'نشانی',
    hours: 'ساعات کاری',
    contact: 'تماس',
    bring: 'همراه بیاورید',
    deadline: 'مهلت',
    days: 'روز',
    why: 'چرا',
    open: 'هنوز باز: با پاسخ به این پرسش‌ها ممکن است راهنما تغییر کند.',
  },
  fr: {
    yes: 'Oui',
    no: 'Non',
    unknown: 'Je ne sais pas',
    title: 'Votre guide',
    step: 'Étape',
    optional: 'facultatif',
    where: 'Adresse',
    hours: 'Horaires',
    contact: 'Contact',
    bring: 'À apporter',
    deadline: 'Délai',
    days: 'jours',
    why: 'Pourquoi',
    open: 'Encore ouvert : le guide peut changer une fois ces questions répondues.',
  },
} satisfies Record<DeskLanguage, Record<string, string>>;

export type PrintLabels = (typeof printLabels)['de'];

export const labelsFor = (lang: DeskLanguage): PrintLabels => printLabels[lang];
