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
  const listing = apiGet<OfferList>(fetch, `/v1/offers?${query}`).then(
    (list) => ({ list, invalid: [] as string[] }),
    (problem: unknown) => {
      if (!(problem instanceof ApiProblem)) throw problem;
      const invalid = (problem.problem.errors ?? []).map((e) => e.field.replace(/^query\./, ''));
      return { list: { items: [], page: 1, perPage: 10, total: 0 } as OfferList, invalid };
    },
  );
  const [vocabulary, { list, invalid }] = await Promise.all([labels(fetch, locals.lang), listing]);
  const filters = Object.fromEntries(
    passed.map((name) => [name, url.searchParams.get(name) ?? '']),
  );
  return { list, filters, invalid, ...vocabulary };
};
