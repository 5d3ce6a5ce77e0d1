import type {
  AgencyDetail,
  OfferList,
  Question,
  Questions,
  RouteAnswer,
  RouteTexts,
} from '$lib/types';
import { apiGet, apiPost } from './api';

/** Answers so far, the fields skipped, and the order they were given in (for "back"). */
export interface Progress {
  answers: Record<string, unknown>;
  skipped: string[];
  history: string[];
}

export const emptyProgress = (): Progress => ({ answers: {}, skipped: [], history: [] });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Reads the progress the form carried (hidden fields); anything malformed starts afresh. */
export function readProgress(form: FormData): Progress {
  try {
    const answers: unknown = JSON.parse(String(form.get('answers') ?? '{}'));
    return {
      answers: isRecord(answers) ? answers : {},
      skipped: strings(JSON.parse(String(form.get('skipped') ?? '[]'))),
      history: strings(JSON.parse(String(form.get('history') ?? '[]'))),
    };
  } catch {
    return emptyProgress();
  }
}

/** The answers and skipped fields a shared link carried (`{ answers, skipped }` as JSON). */
export function readShared(json: string): Progress {
  try {
    const shared: unknown = JSON.parse(json);
    if (!isRecord(shared) || !isRecord(shared.answers)) return emptyProgress();
    const skipped = strings(shared.skipped);
    return {
      answers: shared.answers,
      skipped,
      history: [...Object.keys(shared.answers), ...skipped],
    };
  } catch {
    return emptyProgress();
  }
}

/** The value of one answer in the profile's type, or `undefined` when it cannot be one. */
export function readAnswer(question: Pick<Question, 'type'>, form: FormData): unknown {
  const raw = String(form.get('value') ?? '').trim();
  switch (question.type) {
    case 'integer':
      return /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'multiple_choice':
      return form.getAll('value').map(String);
    case 'integer_list': {
      if (raw === '') return [];
      const parts = raw.split(/[\s,;،]+/).filter(Boolean);
      return parts.every((part) => /^\d{1,2}$/.test(part)) ? parts.map(Number) : undefined;
    }
    case 'month':
      return /^\d{4}-\d{2}$/.test(raw) ? raw : undefined;
    default:
      return raw === '' ? undefined : raw;
  }
}

/** The next question worth asking (the engine's `missing`), leaving out the ones skipped. */
export async function nextQuestion(
  fetcher: typeof fetch,
  progress: Progress,
  lang: string,
): Promise<Question | undefined> {
  const { questions } = await apiPost<Questions>(fetcher, '/v1/route/questions', {
    answers: progress.answers,
    lang,
  });
  return questions.find((question) => !progress.skipped.includes(question.field));
}

/** The question for one field, e.g. to ask it again after "back" or a wrong answer. */
export async function questionFor(
  fetcher: typeof fetch,
  field: string,
  lang: string,
): Promise<Question | undefined> {
  const { questions } = await apiPost<Questions>(fetcher, '/v1/route/questions', {
    answers: {},
    lang,
  });
  return questions.find((question) => question.field === field);
}

/**
 * The plan: the compact Wegweiser from the API, with the texts, offices and offers it refers
 * to (all cached public GETs), joined for display.
 */
export async function plan(fetcher: typeof fetch, progress: Progress, lang: string, date?: string) {
  const [wegweiser, texts, offers] = await Promise.all([
    apiPost<RouteAnswer>(fetcher, '/v1/route', { profile: progress.answers, lang, date }),
    apiGet<RouteTexts>(fetcher, `/v1/route/texts?lang=${lang}`),
    apiGet<OfferList>(fetcher, `/v1/offers?lang=${lang}&perPage=100`),
  ]);
  const titles = Object.fromEntries(offers.items.map((offer) => [offer.id, offer.title]));
  const agencies = await Promise.all(
    wegweiser.steps.map((step) =>
      texts.targets[step.target]?.kind === 'agency'
        ? apiGet<AgencyDetail>(fetcher, `/v1/agencies/${step.target}?lang=${lang}`)
        : Promise.resolve(null),
    ),
  );
  const steps = wegweiser.steps.map((step, i) => ({
    ...step,
    name: texts.targets[step.target] ?? null,
    agency: agencies[i] ?? null,
    documents: step.documents.map(
      (id) => texts.documents[id] ?? { text: id, lang, fallback: true },
    ),
    reasons: step.because.flatMap((rule) => (texts.reasons[rule] ? [texts.reasons[rule]] : [])),
    offers: step.offers.map((id) => ({ id, title: titles[id] ?? id })),
  }));
  return {
    date: wegweiser.date,
    steps,
    missing: wegweiser.missing,
    offers: wegweiser.offers.map((id) => ({ id, title: titles[id] ?? id })),
  };
}

export type Plan = Awaited<ReturnType<typeof plan>>;
