import { apiGet } from '$lib/server/api';
import type { AgencySummary } from '$lib/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const { items } = await apiGet<{ items: AgencySummary[] }>(
    fetch,
    `/v1/agencies?lang=${locals.lang}&perPage=100`,
  );
  // Offices appear under their agency, not as entries of their own.
  return { agencies: items.filter((agency) => !agency.parentId) };
};
