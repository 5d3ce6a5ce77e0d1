import { error, fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import {
  canPublish,
  requireStaff,
  statusLabels,
  versionParam,
  type PublishRefusal,
  type RuleSetSummary,
} from '$lib/server/rules';
import type { Actions, PageServerLoad } from './$types';
import { loadVersion } from '../../versions.server';

const mayRestore = (user: App.Locals['user']) => {
  requireStaff(user);
  if (!canPublish(user.role)) error(403, 'Wiederherstellen dürfen Administration und Prüfung.');
};

/** The confirmation step before an earlier version is put back in force. */
export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  mayRestore(locals.user);
  const {
    ruleSet: _rules,
    personas: _personas,
    ...summary
  } = await loadVersion(fetch, locals.token, versionParam(params.version));
  const { body } = await api<{ items: RuleSetSummary[] }>(fetch, '/v1/admin/rule-sets', {
    token: locals.token,
  });
  return {
    summary,
    statusLabel: statusLabels[summary.status],
    inForce: body.items.find((v) => v.status === 'published')?.version ?? null,
  };
};

export const actions: Actions = {
  default: async ({ fetch, locals, params }) => {
    mayRestore(locals.user);
    const version = versionParam(params.version);
    const answer = await api<PublishRefusal>(fetch, `/v1/admin/rule-sets/${version}/restore`, {
      method: 'POST',
      token: locals.token,
    });
    if (answer.status === 200) redirect(303, '/rules?restored');
    return fail(answer.status, {
      refusal: {
        title: answer.body.title,
        detail: answer.body.detail ?? null,
        failingPersonas: answer.body.failingPersonas ?? [],
      },
    });
  },
};
