import { fail } from '@sveltejs/kit';
import { ApiProblem } from '$lib/server/api';
import {
  emptyProgress,
  nextQuestion,
  plan,
  questionFor,
  readAnswer,
  readProgress,
  type Progress,
} from '$lib/server/guide';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const progress = emptyProgress();
  return { progress, question: (await nextQuestion(fetch, progress, locals.lang)) ?? null };
};

/** The page after an answer: the next question, or the plan when none is left worth asking. */
async function advance(fetcher: typeof fetch, progress: Progress, lang: string) {
  const question = await nextQuestion(fetcher, progress, lang);
  if (question) return { progress, question, plan: null, error: null };
  return { progress, question: null, plan: await plan(fetcher, progress, lang), error: null };
}

export const actions: Actions = {
  default: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const intent = String(form.get('intent') ?? 'answer');
    const lang = locals.lang;
    if (intent === 'restart') return advance(fetch, emptyProgress(), lang);

    const progress = readProgress(form);
    const field = String(form.get('field') ?? '');
    if (intent === 'back') {
      const last = progress.history.pop();
      if (last) {
        delete progress.answers[last];
        progress.skipped = progress.skipped.filter((f) => f !== last);
        const question = await questionFor(fetch, last, lang);
        if (question) return { progress, question, plan: null, error: null };
      }
      return advance(fetch, progress, lang);
    }
    const question = field ? await questionFor(fetch, field, lang) : undefined;
    if (!question) return advance(fetch, progress, lang);
    if (intent === 'skip') {
      progress.skipped.push(field);
      progress.history.push(field);
      return advance(fetch, progress, lang);
    }
    const value = readAnswer(question, form);
    if (value === undefined) return fail(400, { progress, question, plan: null, error: field });
    const next = { ...progress, answers: { ...progress.answers, [field]: value } };
    next.history = [...progress.history, field];
    try {
      return await advance(fetch, next, lang);
    } catch (problem) {
      // The API names the field it refuses (e.g. an age out of range): ask it again.
      if (problem instanceof ApiProblem)
        return fail(400, { progress, question, plan: null, error: field });
      throw problem;
    }
  },
};
