import { fail, redirect } from '@sveltejs/kit';
import type { Problem } from '$lib/server/api';
import {
  personaErrors,
  personaFromFields,
  readPersonaForm,
  requireDrafting,
  versionParam,
  type PersonaFields,
  type RuleSetSummary,
} from '$lib/server/rules';
import type { Actions, PageServerLoad } from './$types';
import { loadVersion, saveDraft } from '../../../versions.server';

const blank: PersonaFields = {
  id: '',
  label: '',
  profile: '{\n  \n}',
  mustInclude: '',
  mustNotInclude: '',
  date: '',
};

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireDrafting(locals.user);
  const record = await loadVersion(fetch, locals.token, versionParam(params.version));
  return {
    version: record.version,
    fields: blank,
    taken: record.personas.map((p) => p.id),
  };
};

export const actions: Actions = {
  /** Adds the persona to a new draft with this version's rules and personas. */
  save: async ({ request, fetch, locals, params }) => {
    requireDrafting(locals.user);
    const record = await loadVersion(fetch, locals.token, versionParam(params.version));
    const fields = readPersonaForm(await request.formData());
    const parsed = personaFromFields(fields);
    if ('errors' in parsed) return fail(400, { fields, errors: parsed.errors });
    const answer = await saveDraft(fetch, locals.token, {
      ruleSet: record.ruleSet,
      personas: [...record.personas, parsed.persona],
      note: `Persona ${parsed.persona.id} hinzugefügt (aus Version ${record.version})`,
    });
    if (answer.status === 201)
      redirect(303, `/rules/${(answer.body as RuleSetSummary).version}?saved#personas`);
    const problem = answer.body as Problem;
    const errors = personaErrors(problem.errors, record.personas.length);
    if (Object.keys(errors).length === 0) errors.form = problem.title;
    return fail(answer.status, { fields, errors });
  },
};
