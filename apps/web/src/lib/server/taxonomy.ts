import type { Term } from '$lib/types';
import { apiGet } from './api';

/** Labels of the vocabulary in one language, by code (`topic.work` → "Arbeit"). */
export async function labels(fetcher: typeof fetch, lang: string) {
  const { terms } = await apiGet<{ terms: Term[] }>(fetcher, `/v1/taxonomy?lang=${lang}`);
  const byKind = (kind: string) =>
    terms
      .filter((term) => term.kind === kind)
      .map((term) => ({ value: term.value, label: term.label.text }));
  return {
    label: Object.fromEntries(terms.map((term) => [term.code, term.label.text])) as Record<
      string,
      string
    >,
    topics: byKind('topic'),
    targetGroups: byKind('targetGroup'),
    costs: byKind('cost'),
  };
}
