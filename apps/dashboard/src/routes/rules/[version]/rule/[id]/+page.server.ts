import { error, fail, redirect } from '@sveltejs/kit';
import type { Problem } from '$lib/server/api';
import {
  readRuleForm,
  requireDrafting,
  ruleErrors,
  ruleFields,
  ruleFromFields,
  versionParam,
  withRule,
  type RuleSetSummary,
  type RuleSetVersion,
} from '$lib/server/rules';
import type { Actions, PageServerLoad } from './$types';
import { loadVersion, saveDraft } from '../../../versions.server';

/** `neu` adds a rule; any other id edits that rule of the version. */
const NEW_RULE = 'neu';

function ruleAt(record: RuleSetVersion, id: string) {
  if (id === NEW_RULE) return { rule: undefined, index: undefined };
  const index = record.ruleSet.rules.findIndex((rule) => rule.id === id);
  if (index < 0) error(404, `Die Regel ${id} gibt es in dieser Version nicht.`);
  return { rule: record.ruleSet.rules[index], index };
}

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireDrafting(locals.user);
  const record = await loadVersion(fetch, locals.token, versionParam(params.version));
  const { rule, index } = ruleAt(record, params.id);
  return {
    version: record.version,
    isNew: rule === undefined,
    fields: ruleFields(rule, (index ?? record.ruleSet.rules.length) + 1),
    ruleCount: record.ruleSet.rules.length,
    sources: Object.keys(record.ruleSet.sources),
    documents: Object.keys(record.ruleSet.documents),
  };
};

export const actions: Actions = {
  /** Saves the rule into a new draft; on any error every field keeps what was typed. */
  save: async ({ request, fetch, locals, params }) => {
    requireDrafting(locals.user);
    const record = await loadVersion(fetch, locals.token, versionParam(params.version));
    const { rule: before, index } = ruleAt(record, params.id);
    const fields = readRuleForm(await request.formData());
    const parsed = ruleFromFields(fields, before);
    if ('errors' in parsed) return fail(400, { fields, errors: parsed.errors });
    const placed = withRule(record.ruleSet, index, parsed.rule, parsed.position);
    const answer = await saveDraft(fetch, locals.token, {
      ruleSet: placed.ruleSet,
      personas: record.personas,
      note: `Regel ${parsed.rule.id} ${before ? 'geändert' : 'hinzugefügt'} (aus Version ${record.version})`,
    });
    if (answer.status === 201)
      redirect(
        303,
        `/rules/${(answer.body as RuleSetSummary).version}?saved#rule-${parsed.rule.id}`,
      );
    const problem = answer.body as Problem;
    const errors = ruleErrors(problem.errors, placed.index, parsed.rows);
    if (Object.keys(errors).length === 0) errors.form = problem.title;
    return fail(answer.status, { fields, errors });
  },
};
