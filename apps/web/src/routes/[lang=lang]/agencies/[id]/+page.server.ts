import { apiGet } from '$lib/server/api';
import type { AgencyDetail } from '$lib/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => ({
  agency: await apiGet<AgencyDetail>(
    fetch,
    `/v1/agencies/${encodeURIComponent(params.id)}?lang=${locals.lang}`,
  ),
});
