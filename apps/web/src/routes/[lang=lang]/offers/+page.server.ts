import { ApiProblem, apiGet } from '$lib/server/api';
import { labels } from '$lib/server/taxonomy';
import type { OfferList } from '$lib/types';
import type { PageServerLoad } from './$types';

/** The listing's filters, passed on to the API as they came (it validates them). */
const passed = ['q', 'topic', 'category', 'targetGroup', 'language', 'cost', 'openNow', 'page'];

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const query = new URLSearchParams({ lang: locals.lang, perPage: '10' });
  for (const name of passed) {
    const value = url.searchParams.get(name)?.trim();
    if (value) query.set(name, value);
  }
  const vocabulary = labels(fetch, locals.lang);
  let list: OfferList = { items: [], page: 1, perPage: 10, total: 0 };
  let invalid: string[] = [];
  try {
    list = await apiGet<OfferList>(fetch, `/v1/offers?${query}`);
  } catch (problem) {
    if (!(problem instanceof ApiProblem)) throw problem;
    invalid = (problem.problem.errors ?? []).map((e) => e.field.replace(/^query\./, ''));
  }
  const filters = Object.fromEntries(
    passed.map((name) => [name, url.searchParams.get(name) ?? '']),
  );
  return { list, filters, invalid, ...(await vocabulary) };
};
