import { fail, redirect } from '@sveltejs/kit';
import type { Problem } from '$lib/server/api';
import {
  jsonSyntaxError,
  requireDrafting,
  ruleSetErrors,
  versionParam,
  type RuleSetSummary,
} from '$lib/server/rules';
import type { Actions, PageServerLoad } from './$types';
import { loadVersion, saveDraft } from '../../versions.server';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireDrafting(locals.user);
  const version = versionParam(params.version);
  const { ruleSet } = await loadVersion(fetch, locals.token, version);
  return { version, text: JSON.stringify(ruleSet, null, 2) };
};

export const actions: Actions = {
  /** Saves the whole rule set as a new draft; on any error the text stays as typed. */
  save: async ({ request, fetch, locals, params }) => {
    requireDrafting(locals.user);
    const version = versionParam(params.version);
    const form = await request.formData();
    const text = String(form.get('ruleSet') ?? '');
    const note = String(form.get('note') ?? '').trim();
    let ruleSet: unknown;
    try {
      ruleSet = JSON.parse(text);
    } catch (problem) {
      return fail(400, { text, note, errors: [jsonSyntaxError(text, problem)] });
    }
    const { personas } = await loadVersion(fetch, locals.token, version);
    const answer = await saveDraft(fetch, locals.token, {
      ruleSet,
      personas,
      note: note || `JSON-Bearbeitung von Version ${version}`,
    });
    if (answer.status === 201)
      redirect(303, `/rules/${(answer.body as RuleSetSummary).version}?saved`);
    const problem = answer.body as Problem;
    const errors = ruleSetErrors(problem.errors);
    return fail(answer.status, { text, note, errors: errors.length ? errors : [problem.title] });
  },
};
