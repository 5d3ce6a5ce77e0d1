import {
  canDraft,
  canPublish,
  describeCondition,
  describeOutcome,
  requireStaff,
  statusLabels,
  versionParam,
} from '$lib/server/rules';
import type { PageServerLoad } from './$types';
import { loadVersion } from '../versions.server';
import { webAddress } from '$lib/server/links';

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  requireStaff(locals.user);
  const { ruleSet, personas, ...summary } = await loadVersion(
    fetch,
    locals.token,
    versionParam(params.version),
  );
  return {
    summary,
    statusLabel: statusLabels[summary.status],
    saved: url.searchParams.has('saved'),
    mayDraft: canDraft(locals.user.role),
    mayRestore: canPublish(locals.user.role) && summary.status === 'superseded',
    title: ruleSet.title,
    rules: ruleSet.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      when: describeCondition(rule.when),
      then: rule.then.map(describeOutcome),
      because: rule.because.de?.text ?? rule.because.en?.text ?? '',
      sources: rule.sources.map((key) => ({ key, url: webAddress(ruleSet.sources[key]?.url) })),
      validity: rule.validity ?? null,
      note: rule.note ?? null,
    })),
    personas: personas.map((persona) => ({
      id: persona.id,
      description: persona.description,
      date: persona.date ?? null,
      mustInclude: persona.expected.must_include,
      mustNotInclude: persona.expected.must_not_include,
    })),
  };
};
