import { fail, redirect } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import {
  canDraft,
  canPublish,
  requireStaff,
  statusLabels,
  type RuleSetSummary,
} from '$lib/server/rules';
import type { Actions, PageServerLoad } from './$types';
import { loadVersion, saveDraft } from './versions.server';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireStaff(locals.user);
  const { body } = await api<{ items: RuleSetSummary[] }>(fetch, '/v1/admin/rule-sets', {
    token: locals.token,
  });
  return {
    versions: body.items,
    statusLabels,
    mayDraft: canDraft(locals.user.role),
    mayRestore: canPublish(locals.user.role),
    // After publishing or restoring, the page that follows says what is now in force.
    done: ['published', 'restored'].find((what) => url.searchParams.has(what)) ?? null,
  };
};

export const actions: Actions = {
  /** A new draft with the rules and personas of a version, to edit from there. */
  draft: async ({ request, fetch, locals }) => {
    requireStaff(locals.user);
    const version = Number((await request.formData()).get('version'));
    if (!Number.isInteger(version) || version < 1)
      return fail(400, { draftError: 'Bitte eine Version wählen.' });
    const source = await loadVersion(fetch, locals.token, version);
    const answer = await saveDraft(fetch, locals.token, {
      ruleSet: source.ruleSet,
      personas: source.personas,
      note: `Entwurf aus Version ${version}`,
    });
    if (answer.status !== 201)
      return fail(answer.status, { draftError: (answer.body as Problem).title });
    redirect(303, `/rules/${(answer.body as RuleSetSummary).version}`);
  },
};
