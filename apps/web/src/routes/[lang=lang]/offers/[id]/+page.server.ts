import { apiGet } from '$lib/server/api';
import type { OfferDetail } from '$lib/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => ({
  offer: await apiGet<OfferDetail>(
    fetch,
    `/v1/offers/${encodeURIComponent(params.id)}?lang=${locals.lang}`,
  ),
});
