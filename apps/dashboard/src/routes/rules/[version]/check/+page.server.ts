import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import {
  canPublish,
  requireStaff,
  statusLabels,
  versionParam,
  type CheckReport,
  type PublishRefusal,
} from '$lib/server/rules';
import type { Actions, PageServerLoad } from './$types';
import { loadVersion } from '../../versions.server';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireStaff(locals.user);
  const version = versionParam(params.version);
  const { ruleSet: _rules, personas, ...summary } = await loadVersion(fetch, locals.token, version);
  const { body: report } = await api<CheckReport>(fetch, `/v1/admin/rule-sets/${version}/check`, {
    method: 'POST',
    token: locals.token,
  });
  const described = new Map(personas.map((p) => [p.id, p.description]));
  return {
    summary,
    statusLabel: statusLabels[summary.status],
    report,
    descriptions: Object.fromEntries(described),
    mayPublish: canPublish(locals.user.role),
  };
};

export const actions: Actions = {
  /**
   * Publishing goes to the API, which runs every test again: the button is disabled when the
   * report is red, and a refusal that comes anyway (a forced post, or data changed since the
   * check) is shown with the personas it names.
   */
  publish: async ({ fetch, locals, params }) => {
    requireStaff(locals.user);
    const version = versionParam(params.version);
    const answer = await api<PublishRefusal>(fetch, `/v1/admin/rule-sets/${version}/publish`, {
      method: 'POST',
      token: locals.token,
    });
    if (answer.status === 200) redirect(303, '/rules?published');
    return fail(answer.status, {
      refusal: {
        title: answer.body.title,
        detail: answer.body.detail ?? null,
        failingPersonas: answer.body.failingPersonas ?? [],
        errors: answer.body.errors ?? [],
      },
    });
  },
};
