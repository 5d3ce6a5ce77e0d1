import { fail } from '@sveltejs/kit';
import { ApiProblem } from '$lib/server/api';
import {
  emptyProgress,
  nextQuestion,
  plan,
  questionFor,
  readAnswer,
  readProgress,
  readShared,
  type Progress,
} from '$lib/server/guide';
import { qrSvg, shareLink } from '$lib/server/share';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const progress = emptyProgress();
  return { progress, question: (await nextQuestion(fetch, progress, locals.lang)) ?? null };
};

/** The page after an answer: the next question, or the plan when none is left worth asking. */
async function next(fetcher: typeof fetch, progress: Progress, lang: string, origin: string) {
  const question = await nextQuestion(fetcher, progress, lang);
  if (question) return { progress, question, plan: null, share: null, error: null };
  const link = shareLink(origin, lang, progress);
  return {
    progress,
    question: null,
    plan: await plan(fetcher, progress, lang),
    share: { link, qr: qrSvg(link) },
    error: null,
  };
}

export const actions: Actions = {
  default: async ({ request, fetch, locals, url }) => {
    const form = await request.formData();
    const intent = String(form.get('intent') ?? 'answer');
    const lang = locals.lang;
    const advance = (progress: Progress) => next(fetch, progress, lang, url.origin);
    if (intent === 'restart') return advance(emptyProgress());

    // A shared link's answers (read from its fragment by the page's script): carry on from them.
    if (intent === 'load') {
      const progress = readShared(String(form.get('shared') ?? ''));
      try {
        return await advance(progress);
      } catch (problem) {
        if (problem instanceof ApiProblem) return advance(emptyProgress());
        throw problem;
      }
    }
    const progress = readProgress(form);
    const field = String(form.get('field') ?? '');
    if (intent === 'back') {
      const last = progress.history.pop();
      if (last) {
        delete progress.answers[last];
        progress.skipped = progress.skipped.filter((f) => f !== last);
        const question = await questionFor(fetch, last, lang);
        if (question) return { progress, question, plan: null, share: null, error: null };
      }
      return advance(progress);
    }
    const question = field ? await questionFor(fetch, field, lang) : undefined;
    if (!question) return advance(progress);
    if (intent === 'skip') {
      progress.skipped.push(field);
      progress.history.push(field);
      return advance(progress);
    }
    const value = readAnswer(question, form);
    if (value === undefined)
      return fail(400, { progress, question, plan: null, share: null, error: field });
    const answered = { ...progress, answers: { ...progress.answers, [field]: value } };
    answered.history = [...progress.history, field];
    try {
      return await advance(answered);
    } catch (problem) {
      // The API names the field it refuses (e.g. an age out of range): ask it again.
      if (problem instanceof ApiProblem)
        return fail(400, { progress, question, plan: null, share: null, error: field });
      throw problem;
    }
  },
};
