import { api } from '$lib/server/api';
import type { OfferRecord } from '$lib/server/offers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const { body } = await api<{ items: OfferRecord[] }>(fetch, '/v1/admin/offers?status=in_review', {
    token: locals.token,
  });
  return { offers: body.items };
};
