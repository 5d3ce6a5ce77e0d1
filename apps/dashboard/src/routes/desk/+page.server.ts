import { error, fail } from '@sveltejs/kit';
import type { Profile } from '@ankommen/routing';
import {
  deskLanguages,
  deskPlan,
  isDeskLanguage,
  labelsFor,
  openQuestions,
  readAnswer,
  readState,
  type DeskPlan,
  type DeskQuestion,
  type DeskState,
  type PrintLabels,
} from '$lib/server/desk';
import type { Actions, PageServerLoad } from './$types';

/** A page of questions: the fields asked, mistakes at their fields, and what was typed. */
interface QuestionsPage {
  step: 'questions';
  state: DeskState;
  questions: DeskQuestion[];
  errors: string[];
  typed: Record<string, string[]>;
  labels: { german: PrintLabels; visitor: PrintLabels };
}

const questionsPage = (
  state: DeskState,
  questions: DeskQuestion[],
  errors: string[] = [],
  typed: Record<string, string[]> = {},
): QuestionsPage => ({
  step: 'questions',
  state,
  questions,
  errors,
  typed,
  labels: { german: labelsFor('de'), visitor: labelsFor(state.lang) },
});

interface PlanPage {
  step: 'plan';
  state: DeskState;
  plan: DeskPlan;
}

const staffOnly = (locals: App.Locals) => {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für Mitarbeitende.');
};

export const load: PageServerLoad = ({ locals }) => {
  staffOnly(locals);
  return { languages: deskLanguages };
};

/** The questions still open for these answers, or the plan once none is left. */
async function advance(
  fetcher: typeof fetch,
  token: string | null,
  state: DeskState,
): Promise<QuestionsPage | PlanPage | { invalid: string[] }> {
  const open = await openQuestions(fetcher, token, state);
  if ('invalid' in open) return open;
  if (open.questions.length > 0) return questionsPage(state, open.questions);
  const plan = await deskPlan(fetcher, token, state);
  if ('invalid' in plan) return plan;
  return { step: 'plan', state, plan };
}

function typedValues(form: FormData, questions: DeskQuestion[]): Record<string, string[]> {
  return Object.fromEntries(
    questions.map((q) => [q.field, form.getAll(`q.${q.field}`).map(String)]),
  );
}

export const actions: Actions = {
  start: async ({ request, fetch, locals }) => {
    staffOnly(locals);
    const lang = (await request.formData()).get('lang');
    if (!isDeskLanguage(lang)) return fail(400, { step: 'language' as const, errors: ['lang'] });
    const next = await advance(fetch, locals.token, { lang, answers: {}, skipped: [] });
    if ('invalid' in next) error(502, 'Die API hat die Fragen nicht geliefert.');
    return next;
  },

  answer: async ({ request, fetch, locals }) => {
    staffOnly(locals);
    const form = await request.formData();
    const state = readState(form);
    if (!state) return fail(400, { step: 'language' as const, errors: ['lang'] });
    // The questions this page asked are those still open for the answers it carried.
    const asked = await openQuestions(fetch, locals.token, state);
    if ('invalid' in asked) return fail(400, { step: 'language' as const, errors: ['lang'] });
    const answers: Profile = { ...state.answers };
    const skipped = [...state.skipped];
    const errors: string[] = [];
    for (const question of asked.questions) {
      const reading = readAnswer(question, form);
      if ('invalid' in reading) errors.push(question.field);
      else if ('unknown' in reading) skipped.push(question.field);
      else Object.assign(answers, { [question.field]: reading.value });
    }
    const mistakes = (fields: string[]) =>
      fail(400, questionsPage(state, asked.questions, fields, typedValues(form, asked.questions)));
    if (errors.length > 0) return mistakes(errors);
    const next = await advance(fetch, locals.token, { lang: state.lang, answers, skipped });
    // The API names what it refuses (say, an age of 300): ask those again, keep the rest.
    if ('invalid' in next) return mistakes(next.invalid);
    return next;
  },
};
