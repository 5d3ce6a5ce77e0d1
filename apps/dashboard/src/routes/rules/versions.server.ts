import { error } from '@sveltejs/kit';
import { api, type Answer, type Problem } from '$lib/server/api';
import type { RuleSetSummary, RuleSetVersion } from '$lib/server/rules';

/** One version with its rules and personas; a 404 page when there is none. */
export async function loadVersion(
  fetcher: typeof fetch,
  token: string | null,
  version: number,
): Promise<RuleSetVersion> {
  const answer = await api<RuleSetVersion>(fetcher, `/v1/admin/rule-sets/${version}`, { token });
  if (answer.status === 404) error(404, 'Diese Version gibt es nicht.');
  if (answer.status !== 200) error(answer.status, 'Diese Version können Sie nicht sehen.');
  return answer.body;
}

/** Saves a new draft version: rule sets are immutable, every change is a new version. */
export function saveDraft(
  fetcher: typeof fetch,
  token: string | null,
  draft: { ruleSet: unknown; personas: unknown; note: string },
): Promise<Answer<RuleSetSummary | Problem>> {
  return api<RuleSetSummary | Problem>(fetcher, '/v1/admin/rule-sets', {
    method: 'POST',
    token,
    body: draft,
  });
}
