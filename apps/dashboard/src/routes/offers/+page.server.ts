import { api } from '$lib/server/api';
import type { OfferRecord } from '$lib/server/offers';
import type { PageServerLoad } from './$types';

const statuses = ['draft', 'in_review', 'published', 'archived'];

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const status = url.searchParams.get('status') ?? '';
  const query = statuses.includes(status) ? `?status=${status}` : '';
  const { body } = await api<{ items: OfferRecord[] }>(fetch, `/v1/admin/offers${query}`, {
    token: locals.token,
  });
  return { offers: body.items, status };
};
